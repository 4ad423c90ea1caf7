import { type ReactNode, useEffect, useRef, useState } from 'react';
import { api, path } from '../../app/api';
import { useCurrentApp } from '../../app/app-context';
import { defineMessages, useLocale, useT } from '../../app/i18n';
import { Link } from '../../app/router';
import type { ScreenProps } from '../../app/routes';
import {
  Button,
  EmptyState,
  ErrorState,
  errorMessage,
  Loading,
  TableHead,
  TextField,
  useAsync,
  useToast,
} from '../../app/ui';
import { formatBytes, formatDate, ReadOnlyNotice, useDenial } from '../home/shared';
import '../home/home.css';

const messages = defineMessages('publish', {
  en: {
    title: 'Publish',
    targets: 'Publish to',
    web: 'Web (hosted on this server)',
    mp: 'WeChat mini-program (project zip)',
    app: 'Mobile app (Capacitor project zip)',
    note: 'Note (optional)',
    publish: 'Publish',
    publishing: 'Publishing…',
    draftHint: 'Publishes the saved draft (version {version}).',
    noTarget: 'Choose at least one target.',
    progress: 'Build progress',
    overall: 'Overall progress',
    'step.validate': 'Check the app',
    'step.compile-web': 'Build the web app',
    'step.compile-mp': 'Build the mini-program',
    'step.compile-app': 'Build the mobile app',
    'step.package': 'Package the downloads',
    'step.activate': 'Serve the new web version',
    'status.pending': 'Waiting',
    'status.running': 'Running',
    'status.succeeded': 'Done',
    'status.failed': 'Failed',
    'status.skipped': 'Skipped',
    succeeded: 'Published version {version}.',
    failed: 'Publishing failed',
    webUrl: 'Web app',
    downloads: 'Downloads',
    mpZip: 'Mini-program zip ({size})',
    appZip: 'Mobile app zip ({size})',
    sizes: 'Size report',
    target: 'Target',
    files: 'Files',
    bytes: 'Size',
    package: 'Package',
    budget: 'Budget',
    overBudget: 'over budget',
    warnings: 'Warnings',
    openNode: 'Open in the page editor',
    openPage: 'Open the page',
    history: 'Publish history',
    noHistory: 'Nothing published yet.',
    when: 'When',
    who: 'By',
    version: 'Version',
    status: 'Status',
    actions: 'Actions',
    active: 'Served on the web',
    activate: 'Serve this version',
    activated: 'The web now serves version {version}',
    older: 'Older',
    newest: 'Newest',
    show: 'Details',
    running: 'A publish is running',
    streamLost: 'Lost the progress stream; checking again…',
  },
  'zh-CN': {
    title: '发布',
    targets: '发布到',
    web: '网页（由本服务器托管）',
    mp: '微信小程序（项目 zip）',
    app: '移动应用（Capacitor 项目 zip）',
    note: '备注（可选）',
    publish: '发布',
    publishing: '发布中…',
    draftHint: '发布已保存的草稿（版本 {version}）。',
    noTarget: '请至少选择一个目标。',
    progress: '构建进度',
    overall: '总进度',
    'step.validate': '检查应用',
    'step.compile-web': '构建网页',
    'step.compile-mp': '构建小程序',
    'step.compile-app': '构建移动应用',
    'step.package': '打包下载文件',
    'step.activate': '上线新的网页版本',
    'status.pending': '等待中',
    'status.running': '进行中',
    'status.succeeded': '完成',
    'status.failed': '失败',
    'status.skipped': '跳过',
    succeeded: '已发布版本 {version}。',
    failed: '发布失败',
    webUrl: '网页应用',
    downloads: '下载',
    mpZip: '小程序 zip（{size}）',
    appZip: '移动应用 zip（{size}）',
    sizes: '体积报告',
    target: '目标',
    files: '文件数',
    bytes: '大小',
    package: '分包',
    budget: '上限',
    overBudget: '超出上限',
    warnings: '警告',
    openNode: '在页面编辑器中打开',
    openPage: '打开页面',
    history: '发布历史',
    noHistory: '还没有发布过。',
    when: '时间',
    who: '发布人',
    version: '版本',
    status: '状态',
    actions: '操作',
    active: '网页正在使用',
    activate: '使用此版本',
    activated: '网页现在使用版本 {version}',
    older: '更早',
    newest: '最新',
    show: '详情',
    running: '有发布正在进行',
    streamLost: '进度连接中断，正在重新检查…',
  },
});

type Target = 'web' | 'mp' | 'app';
const TARGETS: readonly Target[] = ['web', 'mp', 'app'];
type StepName = 'validate' | 'compile-web' | 'compile-mp' | 'compile-app' | 'package' | 'activate';
type StepStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';

interface TargetSize {
  files: number;
  bytes: number;
}

export interface Publish {
  id: string;
  appId: string;
  appVersion: number;
  targets: Target[];
  note?: string;
  status: 'running' | 'succeeded' | 'failed';
  active: boolean;
  steps: { name: StepName; status: StepStatus; progress: number; ms: number | null }[];
  result: {
    webUrl: string | null;
    downloads: { mp: string | null; app: string | null };
    sizes: {
      web?: TargetSize;
      mp?: TargetSize & { packages?: { name: string; bytes: number; budget: number; over: boolean }[] };
      app?: TargetSize;
      zips?: { mp?: number; app?: number };
    };
    warnings: string[];
  } | null;
  error: {
    message: string;
    step: StepName | null;
    details: { pointer: string; message: string; nodeId?: string; pageId?: string }[];
  } | null;
  createdAt: string;
  createdByEmail?: string;
  finishedAt: string | null;
}

interface History {
  publishes: Publish[];
  activePublishId: string | null;
  nextBefore: string | null;
}

/**
 * Follows a publish over Server-Sent Events until it ends (falls back to polling if the stream
 * breaks); returns the latest state.
 */
function usePublishProgress(
  appId: string,
  initial: Publish | null,
): { current: Publish | null; lost: boolean } {
  const [current, setCurrent] = useState<Publish | null>(initial);
  const [lost, setLost] = useState(false);
  useEffect(() => setCurrent(initial), [initial]);
  const id = initial?.id;
  const running = initial?.status === 'running';
  useEffect(() => {
    if (!id || !running) return;
    let closed = false;
    let poll: ReturnType<typeof setTimeout> | undefined;
    const source = new EventSource(
      path('/api/apps/:appId/publishes/:publishId/events', { appId, publishId: id }),
    );
    const pollOnce = async () => {
      try {
        const { publish } = await api.get<{ publish: Publish }>(
          path('/api/apps/:appId/publishes/:publishId', { appId, publishId: id }),
        );
        if (closed) return;
        setCurrent(publish);
        if (publish.status === 'running') poll = setTimeout(pollOnce, 1000);
      } catch {
        if (!closed) poll = setTimeout(pollOnce, 2000);
      }
    };
    source.onmessage = (event) => {
      setLost(false);
      const publish = JSON.parse(event.data as string) as Publish;
      setCurrent(publish);
      if (publish.status !== 'running') source.close();
    };
    source.onerror = () => {
      // The server closes the stream when the publish ends; anything else: poll instead.
      source.close();
      if (closed) return;
      setLost(true);
      void pollOnce();
    };
    return () => {
      closed = true;
      source.close();
      if (poll) clearTimeout(poll);
    };
  }, [appId, id, running]);
  return { current, lost };
}

/** Publish: choose targets, follow the build step by step, get the URL and zips; history with rollback. */
export default function PublishScreen(_props: ScreenProps): ReactNode {
  const { app, role } = useCurrentApp();
  const t = useT(messages);
  if (app.error) return <ErrorState error={app.error} onRetry={app.reload} />;
  if (!app.data) return <Loading />;
  return (
    <div className="publish">
      <h1>{t('title')}</h1>
      <ReadOnlyNotice role={role} />
      <PublishBody appId={app.data.id} version={app.data.version} />
    </div>
  );
}

function PublishBody({ appId, version }: { appId: string; version: number }): ReactNode {
  const t = useT(messages);
  const toast = useToast();
  const { role } = useCurrentApp();
  const denial = useDenial()(role);
  const [targets, setTargets] = useState<Target[]>(['web']);
  const [note, setNote] = useState('');
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<unknown>();
  const [started, setStarted] = useState<Publish | null>(null);
  const [before, setBefore] = useState<string | undefined>(undefined);
  const history = useAsync(
    (signal) => {
      const search = new URLSearchParams({ limit: '20' });
      if (before) search.set('before', before);
      return api.get<History>(`${path('/api/apps/:appId/publishes', { appId })}?${search}`, { signal });
    },
    [appId, before],
  );
  // On opening the screen, follow a publish that is still running (started here or elsewhere).
  const runningOnOpen = useRef(false);
  useEffect(() => {
    if (runningOnOpen.current || !history.data) return;
    runningOnOpen.current = true;
    const running = history.data.publishes.find((p) => p.status === 'running');
    if (running) setStarted(running);
  }, [history.data]);
  const { current, lost } = usePublishProgress(appId, started);
  const finished = current && current.status !== 'running';
  const reloadHistory = history.reload;
  useEffect(() => {
    if (finished) reloadHistory();
  }, [finished, reloadHistory]);

  const start = async () => {
    setStarting(true);
    setStartError(undefined);
    try {
      const { publish } = await api.post<{ publish: Publish }>(path('/api/apps/:appId/publish', { appId }), {
        targets,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setStarted(publish);
      history.reload();
    } catch (error) {
      setStartError(error);
    } finally {
      setStarting(false);
    }
  };

  const activate = async (publish: Publish) => {
    try {
      await api.post(
        path('/api/apps/:appId/publishes/:publishId/activate', { appId, publishId: publish.id }),
      );
      toast(t('activated', { version: publish.appVersion }), 'success');
      history.reload();
    } catch (error) {
      toast(errorMessage(error), 'error');
    }
  };

  const busy = starting || current?.status === 'running';
  return (
    <>
      <form
        className="card console-section"
        aria-labelledby="publish-targets"
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <fieldset disabled={!!denial || busy} className="publish-targets">
          <legend id="publish-targets">{t('targets')}</legend>
          {TARGETS.map((target) => (
            <label key={target}>
              <input
                type="checkbox"
                checked={targets.includes(target)}
                onChange={(event) =>
                  setTargets(
                    event.target.checked ? [...targets, target] : targets.filter((other) => other !== target),
                  )
                }
              />{' '}
              {t(target)}
            </label>
          ))}
          <TextField
            label={t('note')}
            maxLength={500}
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
        </fieldset>
        <div className="toolbar">
          <Button
            type="submit"
            variant="primary"
            busy={busy}
            disabled={!!denial || targets.length === 0}
            title={denial ?? (targets.length === 0 ? t('noTarget') : undefined)}
          >
            {busy ? t('publishing') : t('publish')}
          </Button>
          <span className="field-hint">{t('draftHint', { version })}</span>
        </div>
        {startError ? <ErrorState error={startError} /> : null}
      </form>
      {current ? <PublishProgress publish={current} lost={lost} /> : null}
      <section className="console-section" aria-labelledby="publish-history">
        <h2 id="publish-history">{t('history')}</h2>
        {history.error ? (
          <ErrorState error={history.error} onRetry={history.reload} />
        ) : !history.data ? (
          <Loading />
        ) : history.data.publishes.length === 0 ? (
          <EmptyState title={t('noHistory')} />
        ) : (
          <HistoryTable
            history={history.data}
            denial={denial}
            onActivate={activate}
            onShow={(publish) => setStarted(publish)}
            onOlder={() => setBefore(history.data?.nextBefore ?? undefined)}
            onNewest={before ? () => setBefore(undefined) : undefined}
          />
        )}
      </section>
    </>
  );
}

function PublishProgress({ publish, lost }: { publish: Publish; lost: boolean }): ReactNode {
  const t = useT(messages);
  const steps = publish.steps.filter((step) => step.status !== 'skipped');
  const overall = steps.length === 0 ? 0 : steps.reduce((sum, step) => sum + step.progress, 0) / steps.length;
  return (
    <section className="card console-section publish-progress" aria-labelledby="publish-progress-title">
      <h2 id="publish-progress-title">{t('progress')}</h2>
      <div className="publish-overall">
        <label htmlFor="publish-overall">{t('overall')}</label>
        <progress id="publish-overall" max={1} value={publish.status === 'succeeded' ? 1 : overall} />
        <span>{Math.round((publish.status === 'succeeded' ? 1 : overall) * 100)}%</span>
      </div>
      {lost ? <p className="field-hint">{t('streamLost')}</p> : null}
      <ol className="publish-steps" aria-live="polite">
        {steps.map((step) => (
          <li
            key={step.name}
            className={`publish-step publish-step-${step.status}`}
            data-step={step.name}
            data-status={step.status}
          >
            <span className="publish-step-name">{t(`step.${step.name}`)}</span>
            <progress max={1} value={step.progress} aria-label={t(`step.${step.name}`)} />
            <span className={`badge ${badgeOf(step.status)}`}>{t(`status.${step.status}`)}</span>
            <span className="field-hint">{step.ms !== null ? `${(step.ms / 1000).toFixed(1)} s` : ''}</span>
          </li>
        ))}
      </ol>
      {publish.status === 'succeeded' && publish.result ? <PublishResult publish={publish} /> : null}
      {publish.status === 'failed' && publish.error ? <PublishFailure publish={publish} /> : null}
    </section>
  );
}

function badgeOf(status: string): string {
  if (status === 'succeeded') return 'badge-success';
  if (status === 'failed') return 'badge-danger';
  if (status === 'running') return 'badge-info';
  return '';
}

function PublishResult({ publish }: { publish: Publish }): ReactNode {
  const t = useT(messages);
  const result = publish.result;
  if (!result) return null;
  const { sizes } = result;
  return (
    <div className="publish-result" role="status">
      <p className="publish-success">{t('succeeded', { version: publish.appVersion })}</p>
      {result.webUrl ? (
        <p>
          {t('webUrl')}:{' '}
          <a href={result.webUrl} target="_blank" rel="noreferrer" data-testid="published-url">
            {result.webUrl}
          </a>
        </p>
      ) : null}
      {result.downloads.mp || result.downloads.app ? (
        <p>
          {t('downloads')}:{' '}
          {result.downloads.mp ? (
            <a className="btn" href={result.downloads.mp} download>
              {t('mpZip', { size: formatBytes(sizes.zips?.mp) })}
            </a>
          ) : null}{' '}
          {result.downloads.app ? (
            <a className="btn" href={result.downloads.app} download>
              {t('appZip', { size: formatBytes(sizes.zips?.app) })}
            </a>
          ) : null}
        </p>
      ) : null}
      <h3>{t('sizes')}</h3>
      <table className="table publish-sizes">
        <TableHead columns={[t('target'), t('files'), t('bytes')]} />
        <tbody>
          {TARGETS.filter((target) => sizes[target]).map((target) => (
            <tr key={target}>
              <th scope="row">{t(target)}</th>
              <td>{sizes[target]?.files}</td>
              <td>{formatBytes(sizes[target]?.bytes)}</td>
            </tr>
          ))}
          {(sizes.mp?.packages ?? []).map((pkg) => (
            <tr key={`pkg-${pkg.name}`}>
              <th scope="row">
                {t('package')} {pkg.name}
              </th>
              <td>
                {t('budget')} {formatBytes(pkg.budget)}
              </td>
              <td>
                {formatBytes(pkg.bytes)}{' '}
                {pkg.over ? <span className="badge badge-danger">{t('overBudget')}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.warnings.length > 0 ? (
        <>
          <h3>{t('warnings')}</h3>
          <ul>
            {result.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function PublishFailure({ publish }: { publish: Publish }): ReactNode {
  const t = useT(messages);
  const error = publish.error;
  if (!error) return null;
  return (
    <div className="state-error publish-failure" role="alert">
      <p className="state-title">
        {t('failed')}
        {error.step ? ` (${t(`step.${error.step}`)})` : ''}: {error.message}
      </p>
      {error.details.length > 0 ? (
        <ul className="error-details">
          {error.details.map((detail) => (
            <li key={`${detail.pointer}:${detail.message}`}>
              <code>{detail.pointer || '/'}</code> {detail.message}{' '}
              {detail.pageId ? (
                <Link
                  to={`/apps/${publish.appId}/edit/${encodeURIComponent(detail.pageId)}${
                    detail.nodeId ? `?node=${encodeURIComponent(detail.nodeId)}` : ''
                  }`}
                >
                  {detail.nodeId ? `${t('openNode')} (${detail.nodeId})` : t('openPage')}
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function HistoryTable({
  history,
  denial,
  onActivate,
  onShow,
  onOlder,
  onNewest,
}: {
  history: History;
  denial: string | undefined;
  onActivate: (publish: Publish) => Promise<void>;
  onShow: (publish: Publish) => void;
  onOlder: () => void;
  onNewest: (() => void) | undefined;
}): ReactNode {
  const t = useT(messages);
  const { locale } = useLocale();
  const [busy, setBusy] = useState<string | null>(null);
  return (
    <>
      <table className="table publish-history">
        <TableHead columns={[t('when'), t('version'), t('targets'), t('who'), t('status'), t('actions')]} />
        <tbody>
          {history.publishes.map((publish) => (
            <tr key={publish.id} data-publish={publish.id}>
              <td>
                <time dateTime={publish.createdAt}>{formatDate(publish.createdAt, locale)}</time>
                {publish.note ? <div className="field-hint">{publish.note}</div> : null}
              </td>
              <td>{publish.appVersion}</td>
              <td>{publish.targets.join(', ')}</td>
              <td>{publish.createdByEmail ?? ''}</td>
              <td>
                <span className={`badge ${badgeOf(publish.status)}`}>{t(`status.${publish.status}`)}</span>{' '}
                {publish.active ? <span className="badge badge-info">{t('active')}</span> : null}
              </td>
              <td className="home-actions">
                <Button
                  variant="ghost"
                  onClick={() => onShow(publish)}
                  aria-label={`${t('show')} ${publish.appVersion}`}
                >
                  {t('show')}
                </Button>
                {publish.status === 'succeeded' && publish.targets.includes('web') && !publish.active ? (
                  <Button
                    disabled={!!denial}
                    title={denial}
                    busy={busy === publish.id}
                    aria-label={`${t('activate')} ${publish.appVersion}`}
                    onClick={async () => {
                      setBusy(publish.id);
                      await onActivate(publish);
                      setBusy(null);
                    }}
                  >
                    {t('activate')}
                  </Button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {history.nextBefore || onNewest ? (
        <div className="toolbar home-pager">
          <Button disabled={!onNewest} onClick={onNewest}>
            {t('newest')}
          </Button>
          <Button disabled={!history.nextBefore} onClick={onOlder}>
            {t('older')}
          </Button>
        </div>
      ) : null}
    </>
  );
}
