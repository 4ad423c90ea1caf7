// Messages between the pool (main thread) and a sandbox worker thread. Guest values are JSON text.

export interface Limits {
  timeoutMs: number;
  memoryMb: number;
}

export type ToWorker =
  | {
      type: 'invoke';
      id: number;
      hash: string;
      /** Omitted when the worker already has this bundle. */
      code?: string;
      eventJson: string;
      contextJson: string;
      envJson: string;
      limits: Limits;
    }
  | { type: 'hostResult'; id: number; callId: number; replyJson: string };

export type GuestErrorKind = 'timeout' | 'memory' | 'thrown' | 'syntax' | 'crashed';

export type Outcome =
  | { ok: true; valueJson: string | undefined }
  | { ok: false; error: { name: string; message: string; stack: string; kind: GuestErrorKind } };

export type FromWorker =
  | { type: 'ready' }
  /** The engine is ready and the invocation's own time starts now (a cold engine is not its time). */
  | { type: 'started'; id: number }
  | { type: 'hostCall'; id: number; callId: number; capability: string; method: string; argsJson: string }
  | { type: 'log'; id: number; level: 'debug' | 'info' | 'warn' | 'error'; message: string; at: number }
  | { type: 'done'; id: number; outcome: Outcome; memoryBytes: number; codeCached: boolean };

/** Limits inside the guest that do not come from the manifest. */
export const SANDBOX = {
  /** QuickJS stack limit (~3000 frames). Wasm frames use the thread stack far faster than QuickJS counts;
   *  at 1 MB, JSON.stringify of deep data overflowed an 8 MB thread stack on the host side, so keep 32x. */
  maxStackBytes: 512 * 1024,
  workerStackSizeMb: 16,
  /** Extra WebAssembly memory above the guest limit, for the module's own data and stack. */
  wasmHeadroomMb: 8,
  maxPendingHostCalls: 64,
  /** Arguments of one capability call, so that parsing them never stalls the server's main thread. */
  maxHostCallBytes: 4 * 1024 * 1024,
  maxTimers: 100,
  maxLogLines: 1000,
  maxLogBytes: 256 * 1024,
  maxResultBytes: 6 * 1024 * 1024,
  maxResultDepth: 200,
  /** Longest a worker spends loading the next fresh context ahead of time, while idle. */
  spareLoadBudgetMs: 250,
  /** A runtime is replaced after this many invocations to bound slow growth (atoms, fragmentation). */
  runtimeReuse: 500,
} as const;
