import { type ReactNode, useEffect, useRef, useState } from 'react';
import { api, path } from '../../app/api';
import { defineMessages, useLocale, useT } from '../../app/i18n';
import { Link, navigate } from '../../app/router';
import type { ScreenProps } from '../../app/routes';
import { useSession } from '../../app/session';
import {
  Button,
  ConfirmDialog,
  Dialog,
  EmptyState,
  ErrorState,
  errorMessage,
  Loading,
  TableHead,
  TextField,
  useAsync,
  useSubmit,
  useToast,
} from '../../app/ui';
import {
  formatDate,
  localised,
  ReadOnlyNotice,
  useDenial,
  useFocusWhenOpen,
  useRoleLabel,
  useWorkspaceRole,
} from './shared';
import './home.css';

const messages = defineMessages('home', {
  en: {
    workspaces: 'Workspaces',
    newWorkspace: 'New workspace',
    workspaceName: 'Workspace name',
    create: 'Create',
    noWorkspaces: 'You are not in any workspace yet.',
    noWorkspacesHint: 'Create one for your organisation, or ask an owner to invite you.',
    apps: 'Apps',
    search: 'Search apps',
    show: 'Show',
    active: 'Apps',
    bin: 'Deleted (bin)',
    newApp: 'New app',
    importApp: 'Import zip',
    importing: 'Importing…',
    imported: 'Imported "{name}"',
    noApps: 'No apps yet.',
    noAppsHint: 'Create one from a template to get started.',
    noMatch: 'No app matches "{q}".',
    emptyBin: 'The bin is empty.',
    name: 'Name',
    updated: 'Changed',
    version: 'Version',
    actions: 'Actions',
    open: 'Open',
    settings: 'Settings',
    duplicate: 'Duplicate',
    duplicated: 'Copied as "{name}"',
    export: 'Export zip',
    delete: 'Delete',
    deleted: 'Moved "{name}" to the bin',
    restore: 'Restore',
    restored: 'Restored "{name}"',
    deletedAt: 'Deleted {when}',
    confirmDelete: 'Move "{name}" to the bin? You can restore it from the bin later.',
    createTitle: 'Create an app',
    appName: 'App name',
    template: 'Template',
    templatesLoading: 'Loading templates…',
    created: 'Created "{name}"',
    previous: 'Previous',
    next: 'Next',
    pageOf: '{from}–{to} of {total}',
    yourRole: 'Your role: {role}',
    cancel: 'Cancel',
  },
  'zh-CN': {
    workspaces: '工作区',
    newWorkspace: '新建工作区',
    workspaceName: '工作区名称',
    create: '创建',
    noWorkspaces: '你还不属于任何工作区。',
    noWorkspacesHint: '为你的组织创建一个，或请所有者邀请你。',
    apps: '应用',
    search: '搜索应用',
    show: '显示',
    active: '应用',
    bin: '已删除（回收站）',
    newApp: '新建应用',
    importApp: '导入 zip',
    importing: '导入中…',
    imported: '已导入“{name}”',
    noApps: '还没有应用。',
    noAppsHint: '从模板创建一个开始吧。',
    noMatch: '没有名称包含“{q}”的应用。',
    emptyBin: '回收站是空的。',
    name: '名称',
    updated: '修改时间',
    version: '版本',
    actions: '操作',
    open: '打开',
    settings: '设置',
    duplicate: '复制',
    duplicated: '已复制为“{name}”',
    export: '导出 zip',
    delete: '删除',
    deleted: '已将“{name}”移入回收站',
    restore: '恢复',
    restored: '已恢复“{name}”',
    deletedAt: '删除于 {when}',
    confirmDelete: '将“{name}”移入回收站？之后可以从回收站恢复。',
    createTitle: '创建应用',
    appName: '应用名称',
    template: '模板',
    templatesLoading: '正在加载模板…',
    created: '已创建“{name}”',
    previous: '上一页',
    next: '下一页',
    pageOf: '第 {from}–{to} 个，共 {total} 个',
    yourRole: '你的角色：{role}',
    cancel: '取消',
  },
});

interface AppSummary {
  id: string;
  workspaceId: string;
  name: string;
  description?: string;
  template?: string | null;
  version: number;
  updatedAt: string;
  deletedAt: string | null;
}

interface Template {
  name: string;
  title: Record<string, string>;
  description: Record<string, string>;
  order?: number;
}

const PAGE_SIZE = 50;

/** Home: workspaces on the left, the chosen workspace's apps on the right. */
export default function Home({ params }: ScreenProps): ReactNode {
  const session = useSession();
  const t = useT(messages);
  const workspaceId = params.workspaceId;
  const first = session.workspaces[0];
  useEffect(() => {
    if (!workspaceId && first) navigate(`/w/${first.id}`, { replace: true });
  }, [workspaceId, first]);
  const known = session.workspaces.some((w) => w.id === workspaceId);
  return (
    <div className="home">
      <WorkspaceList current={workspaceId} />
      <section className="home-main" aria-labelledby="home-apps-title">
        {workspaceId && known ? (
          <AppList workspaceId={workspaceId} />
        ) : workspaceId ? (
          <ErrorState error={new Error(`Workspace ${workspaceId} not found`)} />
        ) : first ? (
          <Loading />
        ) : (
          <EmptyState title={t('noWorkspaces')}>
            <p>{t('noWorkspacesHint')}</p>
          </EmptyState>
        )}
      </section>
    </div>
  );
}

function WorkspaceList({ current }: { current: string | undefined }): ReactNode {
  const session = useSession();
  const t = useT(messages);
  const roleLabel = useRoleLabel();
  const [open, setOpen] = useState(false);
  const nameField = useFocusWhenOpen<HTMLFormElement>(open);
  const [name, setName] = useState('');
  const { busy, error, run } = useSubmit();
  const create = async () => {
    await run(async () => {
      const created = await api.post<{ id: string }>('/api/workspaces', { name });
      await session.refresh();
      setOpen(false);
      setName('');
      navigate(`/w/${created.id}`);
    });
  };
  return (
    <nav className="home-workspaces card" aria-labelledby="home-ws-title">
      <h2 id="home-ws-title">{t('workspaces')}</h2>
      <ul>
        {session.workspaces.map((workspace) => (
          <li key={workspace.id}>
            <Link to={`/w/${workspace.id}`} aria-current={workspace.id === current ? 'page' : undefined}>
              <span>{workspace.name}</span>
              <small>{roleLabel(workspace.role)}</small>
            </Link>
          </li>
        ))}
      </ul>
      <Button onClick={() => setOpen(true)}>{t('newWorkspace')}</Button>
      <Dialog
        title={t('newWorkspace')}
        open={open}
        onClose={() => setOpen(false)}
        footer={
          <>
            <Button onClick={() => setOpen(false)}>{t('cancel')}</Button>
            <Button type="submit" form="home-new-ws" variant="primary" busy={busy}>
              {t('create')}
            </Button>
          </>
        }
      >
        <form
          id="home-new-ws"
          ref={nameField}
          onSubmit={(event) => {
            event.preventDefault();
            void create();
          }}
        >
          <TextField
            label={t('workspaceName')}
            required
            maxLength={100}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
          {error ? <ErrorState error={error} /> : null}
        </form>
      </Dialog>
    </nav>
  );
}

function AppList({ workspaceId }: { workspaceId: string }): ReactNode {
  const t = useT(messages);
  const { locale } = useLocale();
  const toast = useToast();
  const role = useWorkspaceRole(workspaceId);
  const denial = useDenial()(role);
  const roleLabel = useRoleLabel();
  const session = useSession();
  const workspace = session.workspaces.find((w) => w.id === workspaceId);
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  const [show, setShow] = useState<'exclude' | 'only'>('exclude');
  const [offset, setOffset] = useState(0);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [toDelete, setToDelete] = useState<AppSummary | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const timer = setTimeout(() => {
      setDebounced(query.trim());
      setOffset(0);
    }, 250);
    return () => clearTimeout(timer);
  }, [query]);

  const list = useAsync(
    (signal) => {
      const search = new URLSearchParams({ deleted: show, limit: String(PAGE_SIZE), offset: String(offset) });
      if (debounced) search.set('q', debounced);
      return api.get<{ apps: AppSummary[]; total: number }>(
        `${path('/api/workspaces/:workspaceId/apps', { workspaceId })}?${search}`,
        { signal },
      );
    },
    [workspaceId, debounced, show, offset],
  );

  const act = async (app: AppSummary, work: () => Promise<string>) => {
    setBusyId(app.id);
    try {
      toast(await work(), 'success');
      list.reload();
    } catch (error) {
      toast(errorMessage(error), 'error');
    } finally {
      setBusyId(null);
    }
  };

  const importZip = async (file: File) => {
    setImporting(true);
    try {
      const created = await api.post<AppSummary>(
        path('/api/workspaces/:workspaceId/apps/import', { workspaceId }),
        undefined,
        { raw: file, headers: { 'content-type': 'application/zip' } },
      );
      toast(t('imported', { name: created.name }), 'success');
      list.reload();
    } catch (error) {
      toast(errorMessage(error), 'error');
    } finally {
      setImporting(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const data = list.data;
  return (
    <>
      <header className="home-header">
        <h1 id="home-apps-title">{workspace?.name ?? t('apps')}</h1>
        {role ? <span className="home-role">{t('yourRole', { role: roleLabel(role) })}</span> : null}
      </header>
      <ReadOnlyNotice role={role} />
      <div className="toolbar">
        <input
          type="search"
          className="home-search"
          aria-label={t('search')}
          placeholder={t('search')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <label className="home-show">
          {t('show')}{' '}
          <select
            value={show}
            onChange={(event) => {
              setShow(event.target.value as 'exclude' | 'only');
              setOffset(0);
            }}
          >
            <option value="exclude">{t('active')}</option>
            <option value="only">{t('bin')}</option>
          </select>
        </label>
        <span className="toolbar-spacer" />
        <Button
          onClick={() => fileInput.current?.click()}
          disabled={!!denial}
          title={denial}
          busy={importing}
        >
          {importing ? t('importing') : t('importApp')}
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".zip,application/zip"
          hidden
          aria-label={t('importApp')}
          data-testid="import-input"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void importZip(file);
          }}
        />
        <Button variant="primary" onClick={() => setCreating(true)} disabled={!!denial} title={denial}>
          {t('newApp')}
        </Button>
      </div>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !data ? (
        <Loading />
      ) : data.apps.length === 0 ? (
        <EmptyState
          title={debounced ? t('noMatch', { q: debounced }) : show === 'only' ? t('emptyBin') : t('noApps')}
        >
          {!debounced && show === 'exclude' && !denial ? <p>{t('noAppsHint')}</p> : null}
        </EmptyState>
      ) : (
        <>
          <table className="table home-apps" aria-busy={list.loading || undefined}>
            <TableHead columns={[t('name'), t('updated'), t('version'), t('actions')]} />
            <tbody>
              {data.apps.map((app) => (
                <tr key={app.id}>
                  <th scope="row">
                    {app.deletedAt ? (
                      <span>{app.name}</span>
                    ) : (
                      <Link to={`/apps/${app.id}/edit`}>{app.name}</Link>
                    )}
                    <div className="home-app-id">
                      <code>{app.id}</code>
                      {app.description ? ` · ${app.description}` : ''}
                    </div>
                  </th>
                  <td>
                    {app.deletedAt
                      ? t('deletedAt', { when: formatDate(app.deletedAt, locale) })
                      : formatDate(app.updatedAt, locale)}
                  </td>
                  <td>{app.version}</td>
                  <td className="home-actions">
                    {app.deletedAt ? (
                      <Button
                        disabled={!!denial}
                        title={denial}
                        busy={busyId === app.id}
                        aria-label={`${t('restore')} ${app.name}`}
                        onClick={() =>
                          act(app, async () => {
                            await api.post(path('/api/apps/:appId/restore', { appId: app.id }));
                            return t('restored', { name: app.name });
                          })
                        }
                      >
                        {t('restore')}
                      </Button>
                    ) : (
                      <>
                        <Link to={`/apps/${app.id}/settings`} className="btn btn-ghost">
                          {t('settings')}
                        </Link>
                        <Button
                          variant="ghost"
                          disabled={!!denial}
                          title={denial}
                          busy={busyId === app.id}
                          aria-label={`${t('duplicate')} ${app.name}`}
                          onClick={() =>
                            act(app, async () => {
                              const copy = await api.post<AppSummary>(
                                path('/api/apps/:appId/duplicate', { appId: app.id }),
                                {},
                              );
                              return t('duplicated', { name: copy.name });
                            })
                          }
                        >
                          {t('duplicate')}
                        </Button>
                        <a
                          className="btn btn-ghost"
                          href={path('/api/apps/:appId/export', { appId: app.id })}
                          download
                          aria-label={`${t('export')} ${app.name}`}
                        >
                          {t('export')}
                        </a>
                        <Button
                          variant="ghost"
                          className="home-delete"
                          disabled={!!denial}
                          title={denial}
                          aria-label={`${t('delete')} ${app.name}`}
                          onClick={() => setToDelete(app)}
                        >
                          {t('delete')}
                        </Button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.total > PAGE_SIZE ? (
            <div className="toolbar home-pager">
              <Button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
                {t('previous')}
              </Button>
              <span>
                {t('pageOf', {
                  from: offset + 1,
                  to: Math.min(offset + PAGE_SIZE, data.total),
                  total: data.total,
                })}
              </span>
              <Button
                disabled={offset + PAGE_SIZE >= data.total}
                onClick={() => setOffset(offset + PAGE_SIZE)}
              >
                {t('next')}
              </Button>
            </div>
          ) : null}
        </>
      )}
      <CreateAppDialog
        workspaceId={workspaceId}
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(app) => {
          setCreating(false);
          toast(t('created', { name: app.name }), 'success');
          navigate(`/apps/${app.id}/edit`);
        }}
      />
      <ConfirmDialog
        subject={toDelete}
        title={t('delete')}
        question={(app) => t('confirmDelete', { name: app.name })}
        cancelLabel={t('cancel')}
        confirmLabel={t('delete')}
        onCancel={() => setToDelete(null)}
        onConfirm={(app) =>
          void act(app, async () => {
            await api.del(path('/api/apps/:appId', { appId: app.id }));
            return t('deleted', { name: app.name });
          })
        }
      />
    </>
  );
}

function CreateAppDialog({
  workspaceId,
  open,
  onClose,
  onCreated,
}: {
  workspaceId: string;
  open: boolean;
  onClose: () => void;
  onCreated: (app: AppSummary) => void;
}): ReactNode {
  const t = useT(messages);
  const { locale } = useLocale();
  const [name, setName] = useState('');
  const [template, setTemplate] = useState('blank');
  const nameField = useFocusWhenOpen<HTMLFormElement>(open);
  const { busy, error, run } = useSubmit();
  const templates = useAsync(
    async (signal) =>
      open
        ? (await api.get<{ templates: Template[] }>('/api/templates', { signal })).templates.sort(
            (a, b) => (a.order ?? 0) - (b.order ?? 0) || a.name.localeCompare(b.name),
          )
        : [],
    [open],
  );
  const submit = async () => {
    await run(async () => {
      const app = await api.post<AppSummary>(path('/api/workspaces/:workspaceId/apps', { workspaceId }), {
        name,
        template,
      });
      setName('');
      onCreated(app);
    });
  };
  return (
    <Dialog
      title={t('createTitle')}
      open={open}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button type="submit" form="home-new-app" variant="primary" busy={busy}>
            {t('create')}
          </Button>
        </>
      }
    >
      <form
        id="home-new-app"
        ref={nameField}
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <TextField
          label={t('appName')}
          required
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <fieldset className="home-templates">
          <legend>{t('template')}</legend>
          {templates.error ? (
            <ErrorState error={templates.error} onRetry={templates.reload} />
          ) : !templates.data || templates.loading ? (
            <Loading label={t('templatesLoading')} />
          ) : (
            templates.data.map((item) => (
              <label key={item.name} className="home-template">
                <input
                  type="radio"
                  name="template"
                  value={item.name}
                  checked={template === item.name}
                  onChange={() => setTemplate(item.name)}
                />
                <span>
                  <strong>{localised(item.title, locale) || item.name}</strong>
                  <small>{localised(item.description, locale)}</small>
                </span>
              </label>
            ))
          )}
        </fieldset>
        {error ? <ErrorState error={error} /> : null}
      </form>
    </Dialog>
  );
}
