import { type ReactNode, useState } from 'react';
import { api, path } from '../../app/api';
import { useCurrentApp } from '../../app/app-context';
import { useT } from '../../app/i18n';
import type { ScreenProps } from '../../app/routes';
import { canEdit } from '../../app/session';
import { ErrorState, Loading, useAsync } from '../../app/ui';
import { Entries } from './entries';
import { MediaLibrary } from './media';
import { messages } from './messages';
import type { Model } from './model';
import { Models } from './models';
import { Settings } from './settings';
import '../console.css';
import './content.css';

const TABS = ['entries', 'models', 'media', 'settings'] as const;
type Tab = (typeof TABS)[number];

/** What the builder's workspace role may do here (mirrors the cms routes' role checks). */
export interface ContentRights {
  /** content-editor and up: entries and media. */
  editContent: boolean;
  /** developer and owner: models, API tokens, webhooks. */
  design: boolean;
}

/** Content: the app's headless CMS — entries, models, media library, tokens and webhooks. */
export default function ContentScreen({ params }: ScreenProps): ReactNode {
  const appId = params.appId ?? '';
  const t = useT(messages);
  const { role } = useCurrentApp();
  const rights: ContentRights = {
    editContent: role !== undefined && role !== 'viewer',
    design: canEdit(role),
  };
  const [tab, setTab] = useState<Tab>('entries');
  const models = useAsync(
    (signal) => api.get<{ data: Model[] }>(path('/api/apps/:appId/cms/models', { appId }), { signal }),
    [appId],
  );

  return (
    <div className="cms-screen">
      <h1 className="visually-hidden">{t('title')}</h1>
      <div className="cms-tabs" role="tablist" aria-label={t('sections')}>
        {TABS.map((name) => (
          <button
            key={name}
            id={`cms-tab-${name}`}
            type="button"
            role="tab"
            aria-selected={tab === name}
            aria-controls="cms-panel"
            tabIndex={tab === name ? 0 : -1}
            onClick={() => setTab(name)}
            onKeyDown={(event) => {
              const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
              if (!step) return;
              const next = TABS[(TABS.indexOf(name) + step + TABS.length) % TABS.length] ?? name;
              setTab(next);
              document.getElementById(`cms-tab-${next}`)?.focus();
            }}
          >
            {t(name)}
          </button>
        ))}
      </div>
      {role === 'viewer' ? <p className="cms-note">{t('readOnly')}</p> : null}
      <div id="cms-panel" role="tabpanel" aria-labelledby={`cms-tab-${tab}`}>
        {models.loading && !models.data ? <Loading /> : null}
        {models.error ? <ErrorState error={models.error} onRetry={models.reload} /> : null}
        {models.data ? (
          tab === 'entries' ? (
            <Entries
              appId={appId}
              models={models.data.data}
              rights={rights}
              onGoToModels={() => setTab('models')}
            />
          ) : tab === 'models' ? (
            <Models appId={appId} models={models.data.data} rights={rights} onChanged={models.reload} />
          ) : tab === 'media' ? (
            <MediaLibrary appId={appId} rights={rights} />
          ) : (
            <Settings appId={appId} models={models.data.data} rights={rights} />
          )
        ) : null}
      </div>
    </div>
  );
}
