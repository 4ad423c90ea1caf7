/** The second argument of a function's `main(event, context)`. */
export interface FunctionContext {
  appId: string;
  requestId: string;
  /** The app end user who called, or null (schedules, webhooks, public HTTP triggers). */
  auth: { uid: string; roles?: string[]; anonymous?: boolean; [key: string]: unknown } | null;
  trigger: { type: 'sdk' | 'http' | 'schedule' | 'database' | 'cms' | 'test'; [key: string]: unknown };
  functionName: string;
}

export type ErrorKind = 'timeout' | 'memory' | 'thrown' | 'syntax' | 'crashed' | 'busy';

export interface FunctionError {
  name: string;
  message: string;
  /** Guest stack with positions mapped to the original source files. */
  stack: string;
  kind: ErrorKind;
}

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  /** Milliseconds since the invocation started. */
  at: number;
}

interface InvocationFacts {
  requestId: string;
  logs: LogEntry[];
  durationMs: number;
  /** Guest heap in use when the invocation ended (0 when the worker had to be stopped). */
  memoryBytes: number;
}

export type InvocationResult = ({ ok: true; value: unknown } | { ok: false; error: FunctionError }) &
  InvocationFacts;

/** What the log sink receives after every invocation. */
export interface InvocationRecord extends InvocationFacts {
  appId: string;
  functionName: string;
  bundleHash: string;
  trigger: FunctionContext['trigger'];
  /** 'skipped': the host decided not to run it (e.g. a trigger chain deeper than allowed). */
  status: 'ok' | ErrorKind | 'skipped';
  error?: FunctionError;
  startedAt: string;
}

/** A bundled function, ready to run. */
export interface FunctionBundle {
  code: string;
  /** Source map (JSON text) of `code`, positions relative to the function folder. */
  map: string;
  /** sha256 of code, hex; identifies a version. */
  hash: string;
  sizeBytes: number;
}
