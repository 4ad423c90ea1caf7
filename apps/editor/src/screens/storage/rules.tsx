import { type ReactNode, useEffect, useState } from 'react';
import { api, path } from '../../app/api';
import { useT } from '../../app/i18n';
import { Button, ErrorState, Loading, TextField, useAsync, useToast } from '../../app/ui';
import { messages } from './messages';

interface Rule {
  prefix: string;
  read: string;
  write: string;
}

/** Storage rules: one row per path prefix, read and write expressions. */
export function StorageRules({ appId, writable }: { appId: string; writable: boolean }): ReactNode {
  const t = useT(messages);
  const toast = useToast();
  const url = path('/api/apps/:appId/storage/rules', { appId });
  const loaded = useAsync((signal) => api.get<{ rules: Rule[] }>(url, { signal }), [url]);
  const [rules, setRules] = useState<Rule[]>([]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (loaded.data) setRules(loaded.data.rules);
  }, [loaded.data]);
  if (loaded.loading && !loaded.data) return <Loading />;
  if (loaded.error) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  const change = (index: number, field: keyof Rule, value: string) =>
    setRules(rules.map((rule, i) => (i === index ? { ...rule, [field]: value } : rule)));
  return (
    <form
      className="card storage-rules"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setError(undefined);
        try {
          setRules((await api.put<{ rules: Rule[] }>(url, { rules })).rules);
          toast(t('rulesSaved'), 'success');
        } catch (caught) {
          setError(caught);
        } finally {
          setBusy(false);
        }
      }}
    >
      <p className="field-hint">{t('rulesHint')}</p>
      {rules.map((rule, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place.
        <fieldset key={index} className="storage-rule">
          <legend>#{index + 1}</legend>
          <TextField
            label={t('prefix')}
            value={rule.prefix}
            readOnly={!writable}
            onChange={(e) => change(index, 'prefix', e.target.value)}
          />
          <TextField
            label={t('read')}
            className="code-input"
            value={rule.read}
            readOnly={!writable}
            onChange={(e) => change(index, 'read', e.target.value)}
          />
          <TextField
            label={t('write')}
            className="code-input"
            value={rule.write}
            readOnly={!writable}
            onChange={(e) => change(index, 'write', e.target.value)}
          />
          {writable ? (
            <Button variant="ghost" onClick={() => setRules(rules.filter((_, i) => i !== index))}>
              {t('removeRule', { index: index + 1 })}
            </Button>
          ) : null}
        </fieldset>
      ))}
      {error ? <ErrorState error={error} /> : null}
      {writable ? (
        <div className="toolbar">
          <Button onClick={() => setRules([...rules, { prefix: '', read: 'true', write: 'auth != null' }])}>
            {t('addRule')}
          </Button>
          <Button type="submit" variant="primary" busy={busy}>
            {t('saveRules')}
          </Button>
        </div>
      ) : (
        <p className="field-hint">{t('readOnly')}</p>
      )}
    </form>
  );
}
