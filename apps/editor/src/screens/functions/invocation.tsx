import type { ReactNode } from 'react';
import { useT } from '../../app/i18n';
import { messages } from './messages';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  at: number;
}

/** An invocation's outcome as the test route and the logs list give it. */
export interface Invocation {
  requestId: string;
  ok?: boolean;
  value?: unknown;
  status?: string;
  error?: { name: string; message: string; stack: string; kind: string };
  logs: LogLine[];
  durationMs: number;
  startedAt?: string;
}

/** Status line, value or error (with the mapped stack) and console output of one invocation. */
export function InvocationView({ invocation }: { invocation: Invocation }): ReactNode {
  const t = useT(messages);
  const failed = invocation.error !== undefined || invocation.ok === false;
  const ms = Math.round(invocation.durationMs);
  return (
    <div className={`fn-invocation ${failed ? 'failed' : 'ok'}`}>
      <p className="fn-invocation-status">
        {failed
          ? t('failed', { kind: invocation.error?.kind ?? invocation.status ?? '', ms })
          : t('ok', { ms })}
        {invocation.startedAt ? (
          <time dateTime={invocation.startedAt}> · {new Date(invocation.startedAt).toLocaleString()}</time>
        ) : null}
      </p>
      {invocation.error ? (
        <pre className="fn-pre fn-error">
          {invocation.error.stack || `${invocation.error.name}: ${invocation.error.message}`}
        </pre>
      ) : 'value' in invocation ? (
        <pre className="fn-pre">{JSON.stringify(invocation.value, null, 2)}</pre>
      ) : null}
      {invocation.logs.length > 0 ? (
        <details open>
          <summary>{t('output')}</summary>
          <pre className="fn-pre">
            {invocation.logs
              .map((line) => `[${line.level}] +${Math.round(line.at)}ms ${line.message}`)
              .join('\n')}
          </pre>
        </details>
      ) : null}
    </div>
  );
}
