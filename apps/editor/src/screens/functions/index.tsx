import { type ReactNode, useState } from 'react';
import { api, path } from '../../app/api';
import { useCurrentApp } from '../../app/app-context';
import { useT } from '../../app/i18n';
import type { ScreenProps } from '../../app/routes';
import { canEdit } from '../../app/session';
import { Button, Dialog, EmptyState, ErrorState, Loading, TextField, useAsync } from '../../app/ui';
import { FunctionEditor } from './function-editor';
import { messages } from './messages';
import { Secrets } from './secrets';
import '../console.css';
import './functions.css';

const NAME = /^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/;

interface FunctionSummary {
  name: string;
  activeVersion: number;
  latestVersion: number;
  updatedAt: string;
}

/** Functions: the app's cloud functions — code, settings, test runs, logs, versions — and secrets. */
export default function FunctionsScreen({ params }: ScreenProps): ReactNode {
  const appId = params.appId ?? '';
  const t = useT(messages);
  const { role } = useCurrentApp();
  const writable = canEdit(role);
  const list = useAsync(
    (signal) =>
      api.get<{ functions: FunctionSummary[] }>(path('/api/apps/:appId/functions', { appId }), { signal }),
    [appId],
  );
  const [drafts, setDrafts] = useState<string[]>([]);
  const [selected, setSelected] = useState<string | 'secrets' | null>(null);
  const [creating, setCreating] = useState(false);
  const [newName, setNewName] = useState('');
  const deployedNames = (list.data?.functions ?? []).map((fn) => fn.name);
  const names = [...new Set([...deployedNames, ...drafts])].sort();
  const current = selected ?? names[0] ?? null;

  return (
    <div className="fn-screen">
      <aside className="fn-sidebar" aria-label={t('functions')}>
        <h1>{t('functions')}</h1>
        {list.loading && !list.data ? <Loading /> : null}
        {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
        {list.data && names.length === 0 ? <EmptyState title={t('none')}>{t('noneHint')}</EmptyState> : null}
        <ul className="fn-list">
          {names.map((name) => (
            <li key={name}>
              <button
                type="button"
                aria-current={name === current ? 'true' : undefined}
                onClick={() => setSelected(name)}
              >
                {name}
                {deployedNames.includes(name) ? null : <span className="fn-badge">{t('notDeployed')}</span>}
              </button>
            </li>
          ))}
          <li>
            <button
              type="button"
              aria-current={current === 'secrets' ? 'true' : undefined}
              onClick={() => setSelected('secrets')}
            >
              🔑 {t('secrets')}
            </button>
          </li>
        </ul>
        <Button
          disabled={!writable}
          title={writable ? undefined : t('readOnly')}
          onClick={() => setCreating(true)}
        >
          {t('newFunction')}
        </Button>
      </aside>
      <section className="fn-main">
        {current === 'secrets' ? (
          <Secrets appId={appId} writable={writable} />
        ) : current ? (
          <FunctionEditor
            key={current}
            appId={appId}
            name={current}
            deployed={deployedNames.includes(current)}
            writable={writable}
            onDeployed={list.reload}
          />
        ) : null}
      </section>
      <Dialog
        title={t('newFunction')}
        open={creating}
        onClose={() => setCreating(false)}
        footer={
          <>
            <Button onClick={() => setCreating(false)}>{t('cancel')}</Button>
            <Button
              variant="primary"
              disabled={!NAME.test(newName) || names.includes(newName)}
              onClick={() => {
                setDrafts((list) => [...list, newName]);
                setSelected(newName);
                setNewName('');
                setCreating(false);
              }}
            >
              {t('create')}
            </Button>
          </>
        }
      >
        <TextField
          label={t('name')}
          hint={t('nameHint')}
          value={newName}
          autoFocus
          onChange={(event) => setNewName(event.target.value)}
        />
      </Dialog>
    </div>
  );
}
