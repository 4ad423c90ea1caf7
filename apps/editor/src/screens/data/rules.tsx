import { type ReactNode, useEffect, useState } from 'react';
import { api, path } from '../../app/api';
import { useT } from '../../app/i18n';
import {
  Button,
  ErrorState,
  Loading,
  SelectField,
  TextAreaField,
  TextField,
  useAsync,
  useToast,
} from '../../app/ui';
import { messages } from './messages';

type Operation = 'read' | 'create' | 'update' | 'delete';
const OPERATIONS: Operation[] = ['read', 'create', 'update', 'delete'];
type Rules = Record<Operation, string>;

interface StoredRules extends Rules {
  collection: string;
  preset: string | null;
}

interface RulesList {
  presets: Record<string, Rules>;
  defaultPreset: string;
}

const RULE_LABEL = {
  read: 'ruleRead',
  create: 'ruleCreate',
  update: 'ruleUpdate',
  delete: 'ruleDelete',
} as const;
const CUSTOM = '__custom';

/** A collection's rules: a preset or four expressions, and a panel to try them as a user. */
export function RulesEditor({
  appId,
  collection,
  canWrite,
}: {
  appId: string;
  collection: string;
  canWrite: boolean;
}): ReactNode {
  const t = useT(messages);
  const toast = useToast();
  const url = path('/api/apps/:appId/db/rules/:collection', { appId, collection });
  const loaded = useAsync(
    async (signal) => {
      const [stored, all] = await Promise.all([
        api.get<StoredRules>(url, { signal }),
        api.get<RulesList>(path('/api/apps/:appId/db/rules', { appId }), { signal }),
      ]);
      return { stored, presets: all.presets };
    },
    [url],
  );
  const [choice, setChoice] = useState<string>(CUSTOM);
  const [rules, setRules] = useState<Rules>({ read: '', create: '', update: '', delete: '' });
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!loaded.data) return;
    const { stored } = loaded.data;
    setChoice(stored.preset ?? CUSTOM);
    setRules({ read: stored.read, create: stored.create, update: stored.update, delete: stored.delete });
  }, [loaded.data]);

  if (loaded.loading && !loaded.data) return <Loading />;
  if (loaded.error) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  const presets = loaded.data?.presets ?? {};
  const effective: Rules = choice === CUSTOM ? rules : (presets[choice] ?? rules);

  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.put(url, choice === CUSTOM ? rules : { preset: choice });
      toast(t('rulesSaved'), 'success');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="data-rules">
      <form
        className="card"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <SelectField
          label={t('preset')}
          value={choice}
          disabled={!canWrite}
          onChange={(event) => {
            const next = event.target.value;
            setChoice(next);
            if (next !== CUSTOM && presets[next]) setRules(presets[next]);
          }}
          options={[
            ...Object.keys(presets).map((name) => ({
              value: name,
              label: t(`preset.${name}` as 'preset.owner-only'),
            })),
            { value: CUSTOM, label: t('custom') },
          ]}
        />
        <p className="field-hint">{t('rulesHint')}</p>
        {OPERATIONS.map((operation) => (
          <TextField
            key={operation}
            label={t(RULE_LABEL[operation])}
            className="code-input"
            value={effective[operation]}
            readOnly={!canWrite || choice !== CUSTOM}
            onChange={(event) => setRules({ ...rules, [operation]: event.target.value })}
          />
        ))}
        {error ? <ErrorState error={error} /> : null}
        {canWrite ? (
          <Button type="submit" variant="primary" busy={busy}>
            {t('saveRules')}
          </Button>
        ) : (
          <p className="field-hint">{t('readOnly')}</p>
        )}
      </form>
      <TryRules appId={appId} collection={collection} rules={effective} />
    </div>
  );
}

function TryRules({
  appId,
  collection,
  rules,
}: {
  appId: string;
  collection: string;
  rules: Rules;
}): ReactNode {
  const t = useT(messages);
  const [operation, setOperation] = useState<Operation>('read');
  const [uid, setUid] = useState('');
  const [roles, setRoles] = useState('');
  const [doc, setDoc] = useState('{\n  "_openid": "user-1"\n}');
  const [outcome, setOutcome] = useState<{ allowed: boolean; explanation: string } | null>(null);
  const [error, setError] = useState<unknown>();

  const run = async () => {
    setError(undefined);
    setOutcome(null);
    let parsed: unknown = null;
    if (doc.trim()) {
      try {
        parsed = JSON.parse(doc);
      } catch (caught) {
        setError(new Error(t('badJson', { message: (caught as Error).message })));
        return;
      }
    }
    try {
      setOutcome(
        await api.post(path('/api/apps/:appId/db/rules/:collection/test', { appId, collection }), {
          operation,
          user: uid.trim()
            ? {
                uid: uid.trim(),
                roles: roles
                  .split(',')
                  .map((role) => role.trim())
                  .filter(Boolean),
              }
            : null,
          doc: parsed,
          rules,
        }),
      );
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <form
      className="card data-try"
      aria-label={t('tryTitle')}
      onSubmit={(event) => {
        event.preventDefault();
        void run();
      }}
    >
      <h3>{t('tryTitle')}</h3>
      <SelectField
        label={t('operation')}
        value={operation}
        onChange={(event) => setOperation(event.target.value as Operation)}
        options={OPERATIONS.map((value) => ({ value, label: t(RULE_LABEL[value]) }))}
      />
      <TextField label={t('asUser')} value={uid} onChange={(event) => setUid(event.target.value)} />
      <TextField label={t('roles')} value={roles} onChange={(event) => setRoles(event.target.value)} />
      <TextAreaField
        label={t('testDoc')}
        className="code-area"
        rows={5}
        spellCheck={false}
        value={doc}
        onChange={(event) => setDoc(event.target.value)}
      />
      <Button type="submit">{t('run')}</Button>
      {outcome ? (
        <div className={`rule-outcome ${outcome.allowed ? 'allowed' : 'denied'}`} role="status">
          <strong>{outcome.allowed ? t('allowed') : t('denied')}</strong> — {outcome.explanation}
        </div>
      ) : null}
      {error ? <ErrorState error={error} /> : null}
    </form>
  );
}
