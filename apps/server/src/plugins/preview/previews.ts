import type { CompileError as CompileErrorType, WebWatcher } from '@tessera/compiler';

// The compiler (esbuild, every component) is loaded at the first preview, not at server start:
// importing it took ≈15 s of a cold start on a busy machine.
let compilerModule: Promise<typeof import('@tessera/compiler')> | undefined;
const compiler = () => {
  compilerModule ??= import('@tessera/compiler');
  return compilerModule;
};

import type { FastifyBaseLogger } from 'fastify';

/** What the preview page hears after each build of the draft. */
export type PreviewEvent =
  | { type: 'rebuilt'; version: number; ms: number; changed: string[] }
  | { type: 'error'; version: number; details: { pointer: string; message: string }[] };

/** The draft as the apps plugin stores it. */
export interface Draft {
  version: number;
  schemaJson: string;
}

/** URL path the preview of an app is served from. */
export const previewBase = (appId: string) => `/preview/${appId}/`;
/** The script index.html loads to reload on rebuilds (a file, so the strict CSP holds). */
export const reloadScriptPath = (appId: string) => `${previewBase(appId)}__preview/reload.js`;

interface Session {
  appId: string;
  watcher: WebWatcher | null;
  /** The draft version of the last build attempt (good or not). */
  version: number | null;
  /** Output of the last good build and the draft version it came from. */
  files: Record<string, string> | null;
  builtVersion: number | null;
  last: PreviewEvent | null;
  listeners: Set<(event: PreviewEvent) => void>;
  /** The sync in progress, and whether another one must follow it. */
  running: Promise<void> | null;
  again: boolean;
  usedAt: number;
}

/** Idle previews (no listener, no request) give their esbuild context back after this long. */
const IDLE_MS = 10 * 60_000;
/** At most this many apps keep a watcher; the least recently used idle one goes first. */
const MAX_SESSIONS = 8;

/**
 * One incremental web build per previewed app, kept in step with its draft. `sync` compares the
 * stored draft version with the built one and rebuilds when they differ; listeners (the SSE
 * streams) hear each result.
 */
export class Previews {
  private readonly sessions = new Map<string, Session>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly loadDraft: (appId: string) => Promise<Draft | null>,
    private readonly log: FastifyBaseLogger,
  ) {
    this.sweeper = setInterval(() => void this.sweep(IDLE_MS), 60_000);
    this.sweeper.unref();
  }

  /** Whether someone previews this app (only then is a saved draft worth building at once). */
  has(appId: string): boolean {
    return this.sessions.has(appId);
  }

  /** Brings the app's preview up to its current draft; resolves when that build is done. */
  async sync(appId: string): Promise<Session> {
    const session = this.session(appId);
    if (session.running) {
      // A build is under way; the draft may have changed after it read it, so run once more.
      session.again = true;
      while (session.running) await session.running;
      return session;
    }
    session.running = (async () => {
      try {
        do {
          session.again = false;
          await this.build(session);
        } while (session.again);
      } finally {
        session.running = null;
      }
    })();
    await session.running;
    return session;
  }

  /** The current output and event of an app's preview, built first when the draft moved on. */
  async current(appId: string) {
    const session = await this.sync(appId);
    return { files: session.files, builtVersion: session.builtVersion, last: session.last };
  }

  /** Listens to an app's builds; the last event is replayed at once. Returns the unsubscribe. */
  listen(appId: string, listener: (event: PreviewEvent) => void): () => void {
    const session = this.session(appId);
    session.listeners.add(listener);
    if (session.last) listener(session.last);
    return () => {
      session.listeners.delete(listener);
      session.usedAt = Date.now();
    };
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.sweep(-1);
  }

  private session(appId: string): Session {
    let session = this.sessions.get(appId);
    if (!session) {
      session = {
        appId,
        watcher: null,
        version: null,
        files: null,
        builtVersion: null,
        last: null,
        listeners: new Set(),
        running: null,
        again: false,
        usedAt: Date.now(),
      };
      this.sessions.set(appId, session);
      if (this.sessions.size > MAX_SESSIONS) void this.evictOne();
    }
    session.usedAt = Date.now();
    return session;
  }

  private async build(session: Session): Promise<void> {
    const draft = await this.loadDraft(session.appId);
    if (!draft) {
      // Deleted (or never there): nothing to show any more.
      Object.assign(session, { version: null, files: null, builtVersion: null, last: null });
      return;
    }
    if (draft.version === session.version) return;
    session.version = draft.version;
    let event: PreviewEvent;
    const { CompileError, watch } = await compiler();
    try {
      const schema = JSON.parse(draft.schemaJson) as unknown;
      let result: { files: Record<string, string>; changed: string[]; ms: number };
      if (session.watcher) {
        result = await session.watcher.update(schema);
      } else {
        const watcher = await watch(schema, {
          target: 'web',
          mode: 'development',
          base: previewBase(session.appId),
          serverUrl: '/',
          scripts: [reloadScriptPath(session.appId)],
        });
        session.watcher = watcher;
        result = watcher.first;
      }
      session.files = result.files;
      session.builtVersion = draft.version;
      event = { type: 'rebuilt', version: draft.version, ms: result.ms, changed: result.changed };
    } catch (error) {
      if (!(error instanceof CompileError)) this.log.error({ err: error }, 'preview build failed');
      const details =
        error instanceof CompileError
          ? (error as CompileErrorType).issues.map((issue) => ({
              pointer: issue.pointer,
              message: issue.message,
            }))
          : [{ pointer: '', message: `the preview could not be built: ${(error as Error).message}` }];
      event = { type: 'error', version: draft.version, details };
    }
    session.last = event;
    for (const listener of session.listeners) listener(event);
  }

  /** Disposes sessions idle for longer than `idleMs` (all of them when negative). */
  private async sweep(idleMs: number): Promise<void> {
    const now = Date.now();
    for (const session of [...this.sessions.values()]) {
      const idle = session.listeners.size === 0 && !session.running && now - session.usedAt > idleMs;
      if (idleMs < 0 || idle) await this.dispose(session);
    }
  }

  private async evictOne(): Promise<void> {
    const idle = [...this.sessions.values()]
      .filter((session) => session.listeners.size === 0 && !session.running)
      .sort((a, b) => a.usedAt - b.usedAt)[0];
    if (idle) await this.dispose(idle);
  }

  private async dispose(session: Session): Promise<void> {
    this.sessions.delete(session.appId);
    await session.watcher
      ?.dispose()
      .catch((error: unknown) => this.log.warn({ err: error }, 'preview dispose'));
  }
}
