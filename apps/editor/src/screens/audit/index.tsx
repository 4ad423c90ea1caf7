import { type ReactNode, useState } from 'react';
import { ApiError, api, path } from '../../app/api';
import { defineMessages, useLocale, useT } from '../../app/i18n';
import { Link } from '../../app/router';
import type { ScreenProps } from '../../app/routes';
import { Button, EmptyState, ErrorState, Loading, TableHead, TextField, useAsync } from '../../app/ui';
import { formatDate } from '../home/shared';
import '../home/home.css';

const messages = defineMessages('audit', {
  en: {
    title: 'Audit log',
    who: 'Who (email)',
    what: 'What',
    whatAll: 'Everything',
    since: 'From',
    until: 'To',
    apply: 'Filter',
    clear: 'Clear',
    when: 'When',
    action: 'Action',
    summary: 'Change',
    target: 'Changed thing',
    empty: 'Nothing was recorded for this filter.',
    newer: 'Newer',
    older: 'Older',
    newest: 'Newest',
    forbidden: 'Only developers and owners can read the audit log of this workspace.',
    open: 'Open',
    'group.app': 'Apps (create, save, delete…)',
    'group.app.publish': 'Publishing',
    'group.function': 'Cloud functions',
    'group.rules': 'Security rules',
    'group.member': 'Members',
    'group.workspace': 'Workspace',
    'group.cms': 'Content (CMS)',
    'group.app.file': 'Storage files',
    'group.app.auth': 'Sign-in settings',
    'group.app.user': 'App users',
    'group.app.data': 'Database (documents, indexes)',
    filters: 'Filters',
  },
  'zh-CN': {
    title: '审计日志',
    who: '操作人（邮箱）',
    what: '操作类型',
    whatAll: '全部',
    since: '开始日期',
    until: '结束日期',
    apply: '筛选',
    clear: '清除',
    when: '时间',
    action: '操作',
    summary: '变更',
    target: '变更对象',
    empty: '此筛选条件下没有记录。',
    newer: '较新',
    older: '较早',
    newest: '最新',
    forbidden: '只有开发者和所有者可以查看此工作区的审计日志。',
    open: '打开',
    'group.app': '应用（创建、保存、删除…）',
    'group.app.publish': '发布',
    'group.function': '云函数',
    'group.rules': '安全规则',
    'group.member': '成员',
    'group.workspace': '工作区',
    'group.cms': '内容（CMS）',
    'group.app.file': '存储文件',
    'group.app.auth': '登录设置',
    'group.app.user': '应用用户',
    'group.app.data': '数据库（文档、索引）',
    filters: '筛选条件',
  },
});

const GROUPS = [
  'app',
  'app.publish',
  'function',
  'rules',
  'member',
  'workspace',
  'cms',
  'app.file',
  'app.auth',
  'app.user',
  'app.data',
] as const;

interface AuditEntry {
  id: string;
  at: string;
  action: string;
  target: { type: string; id: string };
  summary: string;
  data?: Record<string, unknown>;
  actor: { accountId: string | null; email: string | null };
}

interface Filter {
  actor: string;
  action: string;
  since: string;
  until: string;
}

const PAGE_SIZE = 50;
const NO_FILTER: Filter = { actor: '', action: '', since: '', until: '' };

/**
 * Where the audited thing lives in the console: the app's pages, the function, the collection,
 * the publish history... (null when it has no screen, e.g. a deleted account).
 */
export function targetLink(entry: AuditEntry, workspaceId: string): string | null {
  const { type, id } = entry.target;
  const dataAppId = typeof entry.data?.appId === 'string' ? entry.data.appId : undefined;
  const appId = dataAppId ?? (type === 'app' ? id : id.split('/')[0]);
  const name = id.split('/').slice(1).join('/');
  const query = (key: string, value: string | undefined) =>
    value ? `?${key}=${encodeURIComponent(value)}` : '';
  switch (type) {
    case 'app':
      if (entry.action.startsWith('app.auth.')) return `/apps/${id}/settings`;
      if (entry.action.startsWith('function.')) return `/apps/${id}/functions`;
      return `/apps/${id}/edit`;
    case 'publish':
      return appId ? `/apps/${appId}/publish` : null;
    case 'function': {
      const fnName = typeof entry.data?.name === 'string' ? entry.data.name : undefined;
      return appId ? `/apps/${appId}/functions${query('name', fnName)}` : null;
    }
    case 'app-collection':
      return appId ? `/apps/${appId}/data${query('collection', name)}` : null;
    case 'app-storage':
    case 'app-file':
      return appId ? `/apps/${appId}/storage` : null;
    case 'app-user':
      return appId ? `/apps/${appId}/users` : null;
    case 'cms-model':
    case 'cms-entry':
    case 'cms-media':
    case 'cms-token':
    case 'cms-webhook':
      return appId ? `/apps/${appId}/content` : null;
    case 'account':
      return `/w/${workspaceId}/members`;
    case 'workspace':
      return `/w/${id}`;
    default:
      return null;
  }
}

/** The day's start (`since`) or end (`until`) in local time, as the API's ISO date. */
function dayBoundary(day: string, end: boolean): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The workspace's audit log: who did what when, filtered and paged (newest first). */
export default function Audit({ params }: ScreenProps): ReactNode {
  const workspaceId = params.workspaceId ?? '';
  const t = useT(messages);
  const { locale } = useLocale();
  const [draft, setDraft] = useState<Filter>(NO_FILTER);
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  // Cursors of the pages before the current one, for "Newer".
  const [cursors, setCursors] = useState<(string | undefined)[]>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const log = useAsync(
    (signal) => {
      const search = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (filter.actor.trim()) search.set('actor', filter.actor.trim());
      if (filter.action) search.set('action', filter.action);
      const since = dayBoundary(filter.since, false);
      const until = dayBoundary(filter.until, true);
      if (since) search.set('since', since);
      if (until) search.set('until', until);
      if (cursor) search.set('cursor', cursor);
      return api.get<{ entries: AuditEntry[]; nextCursor: string | null }>(
        `${path('/api/workspaces/:workspaceId/audit', { workspaceId })}?${search}`,
        { signal },
      );
    },
    [workspaceId, filter, cursor],
  );
  const apply = (next: Filter) => {
    setFilter(next);
    setCursor(undefined);
    setCursors([]);
  };
  const forbidden = log.error instanceof ApiError && log.error.status === 403;
  return (
    <div className="audit">
      <h1>{t('title')}</h1>
      <form
        className="card console-section"
        aria-label={t('filters')}
        onSubmit={(event) => {
          event.preventDefault();
          apply(draft);
        }}
      >
        <div className="console-row">
          <TextField
            label={t('who')}
            type="search"
            value={draft.actor}
            onChange={(event) => setDraft({ ...draft, actor: event.target.value })}
          />
          <div className="field">
            <label htmlFor="audit-what">{t('what')}</label>
            <select
              id="audit-what"
              value={draft.action}
              onChange={(event) => {
                const next = { ...draft, action: event.target.value };
                setDraft(next);
                apply(next);
              }}
            >
              <option value="">{t('whatAll')}</option>
              {GROUPS.map((group) => (
                <option key={group} value={`${group}.*`}>
                  {t(`group.${group}`)}
                </option>
              ))}
            </select>
          </div>
          <TextField
            label={t('since')}
            type="date"
            value={draft.since}
            onChange={(event) => setDraft({ ...draft, since: event.target.value })}
          />
          <TextField
            label={t('until')}
            type="date"
            value={draft.until}
            onChange={(event) => setDraft({ ...draft, until: event.target.value })}
          />
          <div className="field">
            <Button type="submit" variant="primary">
              {t('apply')}
            </Button>
          </div>
          <div className="field">
            <Button
              onClick={() => {
                setDraft(NO_FILTER);
                apply(NO_FILTER);
              }}
            >
              {t('clear')}
            </Button>
          </div>
        </div>
      </form>
      {forbidden ? (
        <EmptyState title={t('forbidden')} />
      ) : log.error ? (
        <ErrorState error={log.error} onRetry={log.reload} />
      ) : !log.data ? (
        <Loading />
      ) : log.data.entries.length === 0 ? (
        <EmptyState title={t('empty')} />
      ) : (
        <>
          <table className="table audit-table" aria-busy={log.loading || undefined}>
            <TableHead columns={[t('when'), t('who'), t('action'), t('summary'), t('target')]} />
            <tbody>
              {log.data.entries.map((entry) => {
                const link = targetLink(entry, workspaceId);
                return (
                  <tr key={entry.id}>
                    <td>
                      <time dateTime={entry.at}>{formatDate(entry.at, locale)}</time>
                    </td>
                    <td>{entry.actor.email ?? '—'}</td>
                    <td>
                      <code>{entry.action}</code>
                    </td>
                    <td>{entry.summary}</td>
                    <td>
                      {link ? (
                        <Link to={link} aria-label={`${t('open')} ${entry.target.type} ${entry.target.id}`}>
                          {entry.target.type}: {entry.target.id}
                        </Link>
                      ) : (
                        <span>
                          {entry.target.type}: {entry.target.id}
                        </span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="toolbar home-pager">
            <Button
              disabled={cursors.length === 0}
              onClick={() => {
                setCursor(undefined);
                setCursors([]);
              }}
            >
              {t('newest')}
            </Button>
            <Button
              disabled={cursors.length === 0}
              onClick={() => {
                setCursor(cursors[cursors.length - 1]);
                setCursors(cursors.slice(0, -1));
              }}
            >
              {t('newer')}
            </Button>
            <Button
              disabled={!log.data.nextCursor}
              onClick={() => {
                setCursors([...cursors, cursor]);
                setCursor(log.data?.nextCursor ?? undefined);
              }}
            >
              {t('older')}
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
