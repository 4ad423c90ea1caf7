import { type ReactNode, useState } from 'react';
import { api, path } from '../../app/api';
import { useCurrentApp } from '../../app/app-context';
import { useT } from '../../app/i18n';
import type { ScreenProps } from '../../app/routes';
import { Button, EmptyState, ErrorState, Loading, TabList, TextField, useAsync } from '../../app/ui';
import { Documents } from './documents';
import { IndexesPanel } from './indexes';
import { messages } from './messages';
import { RulesEditor } from './rules';
import '../console.css';
import './data.css';

const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** Data: the app's collections, their documents, security rules and indexes. */
export default function DataScreen({ params }: ScreenProps): ReactNode {
  const appId = params.appId ?? '';
  const t = useT(messages);
  const { role } = useCurrentApp();
  const canWrite = role !== undefined && role !== 'viewer';
  const list = useAsync(
    (signal) =>
      api.get<{ collections: string[] }>(path('/api/apps/:appId/db/collections', { appId }), { signal }),
    [appId],
  );
  const [selected, setSelected] = useState<string | null>(null);
  const [created, setCreated] = useState<string[]>([]);
  const [tab, setTab] = useState<'documents' | 'rules' | 'indexes'>('documents');
  const [newName, setNewName] = useState('');
  const collections = [...new Set([...(list.data?.collections ?? []), ...created])].sort();
  const current = selected ?? collections[0] ?? null;
  // The embedded store cannot keep "Notices" and "notices" apart; apps stay portable if neither store does.
  const sameButCase = collections.find(
    (name) => name !== newName && name.toLowerCase() === newName.toLowerCase(),
  );
  const nameOk = COLLECTION_NAME.test(newName) && !sameButCase;

  return (
    <div className="data-screen">
      <aside className="data-sidebar" aria-label={t('collections')}>
        <h1>{t('collections')}</h1>
        {list.loading && !list.data ? <Loading /> : null}
        {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
        {list.data && collections.length === 0 ? (
          <EmptyState title={t('noCollections')}>{t('noCollectionsHint')}</EmptyState>
        ) : null}
        <ul className="data-collections">
          {collections.map((name) => (
            <li key={name}>
              <button
                type="button"
                aria-current={name === current ? 'true' : undefined}
                onClick={() => setSelected(name)}
              >
                {name}
              </button>
            </li>
          ))}
        </ul>
        {canWrite ? (
          <form
            className="data-new"
            onSubmit={(event) => {
              event.preventDefault();
              if (!nameOk) return;
              setCreated((names) => [...names, newName]);
              setSelected(newName);
              setNewName('');
            }}
          >
            <TextField
              label={t('collectionName')}
              hint={t('collectionHint')}
              error={sameButCase ? t('collectionCase', { name: sameButCase }) : undefined}
              value={newName}
              pattern={COLLECTION_NAME.source}
              onChange={(event) => setNewName(event.target.value)}
            />
            <Button type="submit" disabled={!nameOk}>
              {t('newCollection')}
            </Button>
          </form>
        ) : null}
      </aside>
      <section className="data-main">
        {current ? (
          <>
            <TabList
              tabs={['documents', 'rules', 'indexes'] as const}
              value={tab}
              onSelect={setTab}
              tabLabel={t}
              label={current}
            />
            <h2 className="visually-hidden">{current}</h2>
            {tab === 'documents' ? (
              <Documents
                key={current}
                appId={appId}
                collection={current}
                canWrite={canWrite}
                onChanged={list.reload}
              />
            ) : tab === 'rules' ? (
              <RulesEditor
                key={current}
                appId={appId}
                collection={current}
                canWrite={role === 'owner' || role === 'developer'}
              />
            ) : (
              <IndexesPanel
                key={current}
                appId={appId}
                collection={current}
                canWrite={role === 'owner' || role === 'developer'}
              />
            )}
          </>
        ) : (
          <EmptyState title={t('pick')} />
        )}
      </section>
    </div>
  );
}
