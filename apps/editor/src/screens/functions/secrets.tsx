import { type ReactNode, useState } from 'react';
import { api, path } from '../../app/api';
import { useT } from '../../app/i18n';
import { Button, EmptyState, ErrorState, Loading, TextField, useAsync, useToast } from '../../app/ui';
import { messages } from './messages';

/** The app's function secrets: names listed, values write-only. */
export function Secrets({ appId, writable }: { appId: string; writable: boolean }): ReactNode {
  const t = useT(messages);
  const toast = useToast();
  const url = path('/api/apps/:appId/function-secrets', { appId });
  const names = useAsync((signal) => api.get<{ names: string[] }>(url, { signal }), [url]);
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [error, setError] = useState<unknown>();
  const change = async (body: Record<string, string | null>, done: string) => {
    setError(undefined);
    try {
      await api.patch(url, body);
      toast(done, 'success');
      names.reload();
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    }
  };
  return (
    <div className="fn-secrets">
      <h2>{t('secrets')}</h2>
      <p className="field-hint">{t('secretsHint')}</p>
      {names.loading && !names.data ? <Loading /> : null}
      {names.error ? <ErrorState error={names.error} onRetry={names.reload} /> : null}
      {names.data && names.data.names.length === 0 ? <EmptyState title={t('noSecrets')} /> : null}
      <ul className="fn-secret-list">
        {names.data?.names.map((secret) => (
          <li key={secret}>
            <code>{secret}</code> ••••••
            {writable ? (
              <Button
                variant="ghost"
                onClick={() => void change({ [secret]: null }, t('removeSecret', { name: secret }))}
              >
                {t('removeSecret', { name: secret })}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {writable ? (
        <form
          className="card"
          onSubmit={async (event) => {
            event.preventDefault();
            if (await change({ [name]: value }, t('secretSet', { name }))) {
              setName('');
              setValue('');
            }
          }}
        >
          <TextField
            label={t('secretName')}
            value={name}
            pattern="[A-Z_][A-Z0-9_]*"
            required
            onChange={(e) => setName(e.target.value)}
          />
          <TextField
            label={t('secretValue')}
            type="password"
            autoComplete="off"
            value={value}
            required
            onChange={(e) => setValue(e.target.value)}
          />
          {error ? <ErrorState error={error} /> : null}
          <Button type="submit" variant="primary">
            {t('setSecret')}
          </Button>
        </form>
      ) : null}
    </div>
  );
}
