// The page editor screen: loads the app's draft into an editor store, shows palette / outline /
// pages / data on the left, the canvas in the middle and the inspector on the right, autosaves,
// resolves save conflicts, and handles the keyboard shortcuts.
import type { AppSchema } from '@tessera/schema';
import { type ReactNode, useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { api, path } from '../../app/api';
import { type AppDetail, useCurrentApp } from '../../app/app-context';
import { useT } from '../../app/i18n';
import { navigate, useLeaveGuard } from '../../app/router';
import type { ScreenProps } from '../../app/routes';
import { Button, Dialog, EmptyState, ErrorState, errorMessage, Loading, useToast } from '../../app/ui';
import { useEditor } from '../../react/use-editor';
import { createEditorStore, type EditorStore, selectPage } from '../../store';
import { Canvas, DEVICES, type Device } from './canvas/Canvas';
import { DataPanel } from './data';
import { EditorDnd } from './dnd/EditorDnd';
import { Inspector } from './inspector';
import { messages } from './messages';
import { Outline } from './outline/Outline';
import { PagesPanel } from './pages/PagesPanel';
import { Palette } from './palette/Palette';
import { DraftSaver, type SaveState } from './save';
import { useShortcuts } from './shortcuts';
import './page-editor.css';

interface Session {
  id: number;
  store: EditorStore;
  saver: DraftSaver;
}

// One editing session per app, kept across remounts of the screen (switching pages changes the
// route, switching the UI language re-renders the shell) so that no unsaved work is dropped.
const sessions = new Map<string, Session>();
let sessionCount = 0;

function openSession(appId: string, schema: AppSchema, version: number): Session {
  const old = sessions.get(appId);
  if (old && (old.saver.dirty || old.saver.getState().version >= version)) return old;
  old?.saver.dispose();
  const store = createEditorStore(schema);
  const session = { id: ++sessionCount, store, saver: new DraftSaver(store, appId, version) };
  sessions.set(appId, session);
  (globalThis as { __tesseraEditor?: Session }).__tesseraEditor = session;
  return session;
}

export default function PageEditorScreen({ params }: ScreenProps): ReactNode {
  const t = useT(messages);
  const { app } = useCurrentApp();
  const appId = params.appId ?? '';
  const [session, setSession] = useState<Session | null>(null);
  useEffect(() => {
    if (app.data && app.data.id === appId)
      setSession(openSession(appId, app.data.schema as unknown as AppSchema, app.data.version));
  }, [app.data, appId]);
  if (app.error) return <ErrorState error={app.error} onRetry={app.reload} />;
  if (!session || !app.data) return <Loading />;
  return (
    <Editor
      key={session.id}
      session={session}
      detail={app.data}
      pageParam={params.pageId}
      replaceSession={(next) => {
        sessions.set(appId, next);
        (globalThis as { __tesseraEditor?: Session }).__tesseraEditor = next;
        setSession(next);
      }}
      title={t('title')}
    />
  );
}

function useSaveState(saver: DraftSaver): SaveState {
  return useSyncExternalStore(saver.subscribe, saver.getState);
}

function Editor({
  session,
  detail,
  pageParam,
  replaceSession,
}: {
  session: Session;
  detail: AppDetail;
  pageParam: string | undefined;
  replaceSession: (session: Session) => void;
  title: string;
}): ReactNode {
  const t = useT(messages);
  const toast = useToast();
  const { store, saver } = session;
  const home = useEditor(store, (s) => s.doc.app.navigation.home);
  const pageCount = useEditor(store, (s) => s.doc.pages.length);
  const pageId = pageParam ?? home;
  const page = useEditor(store, (s) => selectPage(s, pageId));
  const [device, setDevice] = useState<Device>('phone');
  const [tab, setTab] = useState<'insert' | 'outline' | 'pages' | 'data'>('insert');
  const [help, setHelp] = useState(false);

  useLeaveGuard(useCallback(() => (saver.dirty ? t('leaveQuestion') : undefined), [saver, t]));
  useShortcuts(store, saver, { openHelp: () => setHelp(true) });

  const openPage = useCallback(
    (id: string) => {
      store.dispatch({ type: 'clearSelection' });
      navigate(path('/apps/:appId/edit/:pageId', { appId: detail.id, pageId: id }), { force: true });
    },
    [store, detail.id],
  );

  if (pageCount === 0) return <EmptyState title={t('noPages')} />;
  if (!page)
    return (
      <EmptyState title={t('pageMissing', { id: pageId })}>
        <Button onClick={() => openPage(home)}>{t('open')}</Button>
      </EmptyState>
    );

  return (
    <div className="page-editor">
      <div className="pe-toolbar" role="toolbar" aria-label={t('title')}>
        <UndoRedo store={store} />
        <fieldset className="pe-devices">
          <legend className="visually-hidden">{t('device')}</legend>
          {(Object.keys(DEVICES) as Device[]).map((each) => (
            <button
              key={each}
              type="button"
              className="link-btn"
              aria-pressed={device === each}
              onClick={() => setDevice(each)}
            >
              {t(each)} {DEVICES[each]}
            </button>
          ))}
        </fieldset>
        <SaveStatus saver={saver} />
        <a
          className="btn btn-ghost"
          href={previewUrl(detail.id, page.path)}
          target="_blank"
          rel="noopener"
          title={t('previewHint')}
        >
          {t('preview')} ↗
        </a>
        <Button variant="ghost" onClick={() => setHelp(true)} aria-keyshortcuts="?">
          {t('shortcuts')}
        </Button>
      </div>
      <div className="pe-body">
        <EditorDnd
          store={store}
          rootId={page.root}
          panels={
            <aside className="pe-left" aria-label={t('leftPanels')}>
              <div role="tablist" className="pe-tabs" aria-label={t('leftPanels')}>
                {(['insert', 'outline', 'pages', 'data'] as const).map((each) => (
                  <button
                    key={each}
                    type="button"
                    role="tab"
                    id={`pe-tab-${each}`}
                    aria-selected={tab === each}
                    aria-controls={`pe-panel-${each}`}
                    className="pe-tab"
                    onClick={() => setTab(each)}
                  >
                    {t(
                      each === 'insert'
                        ? 'tabInsert'
                        : each === 'outline'
                          ? 'tabOutline'
                          : each === 'pages'
                            ? 'tabPages'
                            : 'tabData',
                    )}
                  </button>
                ))}
              </div>
              <div
                role="tabpanel"
                id={`pe-panel-${tab}`}
                aria-labelledby={`pe-tab-${tab}`}
                className="pe-panel"
              >
                {tab === 'insert' ? <Palette store={store} rootId={page.root} /> : null}
                {tab === 'outline' ? <Outline store={store} rootId={page.root} /> : null}
                {tab === 'pages' ? (
                  <PagesPanel store={store} currentPage={page.id} openPage={openPage} />
                ) : null}
                {tab === 'data' ? <DataPanel store={store} pageId={page.id} /> : null}
              </div>
            </aside>
          }
        >
          <section className="pe-center">
            <Canvas store={store} pageId={page.id} device={device} />
          </section>
          <aside className="pe-right">
            <Inspector store={store} />
          </aside>
        </EditorDnd>
      </div>
      <HelpDialog open={help} onClose={() => setHelp(false)} />
      <ConflictDialog detail={detail} session={session} onReplace={replaceSession} toast={toast} />
    </div>
  );
}

// The toolbar's changing parts subscribe themselves, so that an edit or a save does not
// re-render the editor around the canvas.
function UndoRedo({ store }: { store: EditorStore }): ReactNode {
  const t = useT(messages);
  const canUndo = useEditor(store, (s) => s.canUndo);
  const canRedo = useEditor(store, (s) => s.canRedo);
  return (
    <>
      <Button variant="ghost" disabled={!canUndo} onClick={() => store.dispatch({ type: 'undo' })}>
        {t('undo')}
      </Button>
      <Button variant="ghost" disabled={!canRedo} onClick={() => store.dispatch({ type: 'redo' })}>
        {t('redo')}
      </Button>
    </>
  );
}

function SaveStatus({ saver }: { saver: DraftSaver }): ReactNode {
  const t = useT(messages);
  const state = useSaveState(saver);
  const onSave = () => void saver.save();
  const text =
    state.status === 'saved'
      ? t('statusSaved')
      : state.status === 'saving'
        ? t('statusSaving')
        : state.status === 'unsaved'
          ? t('statusUnsaved')
          : state.status === 'conflict'
            ? t('statusConflict')
            : t('statusError', { message: state.error ?? '' });
  return (
    <span className={`pe-status pe-status-${state.status}`}>
      <span role="status" aria-live="polite" data-save-status={state.status}>
        {text}
      </span>
      {state.status === 'error' || state.status === 'unsaved' ? (
        <Button variant="ghost" onClick={onSave}>
          {t('saveNow')}
        </Button>
      ) : null}
    </span>
  );
}

function ConflictDialog({
  detail,
  session,
  onReplace,
  toast,
}: {
  detail: AppDetail;
  session: Session;
  onReplace: (session: Session) => void;
  toast: ReturnType<typeof useToast>;
}): ReactNode {
  const t = useT(messages);
  const state = useSaveState(session.saver);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const open = state.status === 'conflict';
  const run = async (which: string, work: () => Promise<void>) => {
    setBusy(which);
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };
  const reload = () =>
    run('reload', async () => {
      const latest = await api.get<AppDetail>(path('/api/apps/:appId', { appId: detail.id }));
      session.saver.dispose();
      const store = createEditorStore(latest.schema as unknown as AppSchema);
      onReplace({ id: ++sessionCount, store, saver: new DraftSaver(store, detail.id, latest.version) });
      toast(t('reloaded'), 'success');
    });
  const overwrite = () => run('overwrite', () => session.saver.save({ overwrite: true }));
  const copy = () =>
    run('copy', async () => {
      const name = t('copyName', { name: detail.name });
      const created = await api.post<AppDetail>(
        path('/api/workspaces/:ws/apps', { ws: detail.workspaceId }),
        {
          name,
          schema: session.store.getApp(),
        },
      );
      // this app keeps the other version: drop the local changes here, continue in the copy
      session.saver.dispose();
      sessions.delete(detail.id);
      toast(t('copied', { name }), 'success');
      navigate(path('/apps/:appId/edit', { appId: created.id }), { force: true });
    });
  const choices = [
    {
      id: 'overwrite',
      label: t('conflictOverwrite'),
      hint: t('conflictOverwriteHint'),
      act: overwrite,
      variant: 'primary' as const,
    },
    {
      id: 'copy',
      label: t('conflictCopy'),
      hint: t('conflictCopyHint'),
      act: copy,
      variant: 'secondary' as const,
    },
    {
      id: 'reload',
      label: t('conflictReload'),
      hint: t('conflictReloadHint'),
      act: reload,
      variant: 'danger' as const,
    },
  ];
  return (
    <Dialog title={t('conflictTitle')} open={open} onClose={() => undefined}>
      <p>{t('conflictBody', { current: state.currentVersion ?? '?', mine: state.version })}</p>
      <ul className="conflict-choices">
        {choices.map((choice) => (
          <li key={choice.id}>
            <Button
              variant={choice.variant}
              busy={busy === choice.id}
              disabled={busy !== null}
              onClick={() => void choice.act()}
            >
              {choice.label}
            </Button>
            <span className="field-hint">{choice.hint}</span>
          </li>
        ))}
      </ul>
      {error ? (
        <p role="alert" className="field-error">
          {errorMessage(error)}
        </p>
      ) : null}
    </Dialog>
  );
}

/** The live preview of the draft (apps/server/src/plugins/preview), at this page when its path has no parameters. */
function previewUrl(appId: string, pagePath: string | undefined): string {
  const base = `/preview/${encodeURIComponent(appId)}/`;
  return pagePath && !pagePath.includes(':') ? `${base}${pagePath.replace(/^\/+/, '')}` : base;
}

function HelpDialog({ open, onClose }: { open: boolean; onClose: () => void }): ReactNode {
  const t = useT(messages);
  const mod = /Mac|iPhone|iPad/.test(globalThis.navigator?.platform ?? '') ? '⌘' : 'Ctrl';
  const rows: [string, string][] = [
    [`${mod}+Z`, t('keyUndo')],
    [`${mod}+Shift+Z / ${mod}+Y`, t('keyRedo')],
    [`${mod}+C`, t('keyCopy')],
    [`${mod}+X`, t('keyCut')],
    [`${mod}+V`, t('keyPaste')],
    [`${mod}+D`, t('keyDuplicate')],
    ['Delete / Backspace', t('keyDelete')],
    ['Escape', t('keyEscape')],
    [t('clickMod', { mod }), t('keyMulti')],
    ['↑ ↓ ← → Home End', t('keyOutline')],
    ['Space / Enter', t('keyDrag')],
    ['↑ ↓ ← →', t('keyDragMove')],
    [`${mod}+S`, t('keySave')],
    ['?', t('keyHelp')],
  ];
  return (
    <Dialog title={t('helpTitle')} open={open} onClose={onClose}>
      <table className="table shortcuts-table">
        <tbody>
          {rows.map(([keys, what]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
