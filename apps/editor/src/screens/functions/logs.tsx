import { type ReactNode, useEffect, useRef, useState } from 'react';
import { api } from '../../app/api';
import { useT } from '../../app/i18n';
import { Button, EmptyState, ErrorState, Loading } from '../../app/ui';
import { type Invocation, InvocationView } from './invocation';
import { messages } from './messages';

type LogRecord = Invocation & { _id: string };
const FOLLOW_MS = 2000;

/** Invocation logs, newest first; new ones appear while the tab is open. */
export function Logs({ base }: { base: string }): ReactNode {
  const t = useT(messages);
  const [logs, setLogs] = useState<LogRecord[] | null>(null);
  const [older, setOlder] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const newest = useRef<string | undefined>(undefined);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const follow = async () => {
      try {
        const query = newest.current ? `?after=${newest.current}&limit=200` : '?limit=50';
        const page = await api.get<{ logs: LogRecord[]; next: string | null }>(`${base}/logs${query}`);
        if (stopped) return;
        if (!newest.current) setOlder(page.next);
        if (page.logs.length > 0) {
          newest.current = page.logs[0]?._id;
          setLogs((list) => [...page.logs, ...(list ?? [])]);
        } else setLogs((list) => list ?? []);
        setError(undefined);
      } catch (caught) {
        if (!stopped) setError(caught);
      }
      if (!stopped) timer = setTimeout(() => void follow(), FOLLOW_MS);
    };
    void follow();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [base]);

  const loadOlder = async () => {
    if (!older) return;
    try {
      const page = await api.get<{ logs: LogRecord[]; next: string | null }>(
        `${base}/logs?before=${older}&limit=50`,
      );
      setLogs((list) => [...(list ?? []), ...page.logs]);
      setOlder(page.next);
    } catch (caught) {
      setError(caught);
    }
  };

  if (error && !logs) return <ErrorState error={error} />;
  if (!logs) return <Loading />;
  return (
    <div className="fn-logs">
      <p className="field-hint" role="status">
        {t('following')}
      </p>
      {error ? <ErrorState error={error} /> : null}
      {logs.length === 0 ? <EmptyState title={t('noLogs')} /> : null}
      <ol className="fn-log-list" aria-live="polite">
        {logs.map((log) => (
          <li key={log._id}>
            <InvocationView invocation={log} />
          </li>
        ))}
      </ol>
      {older ? <Button onClick={() => void loadOlder()}>{t('loadOlder')}</Button> : null}
    </div>
  );
}
