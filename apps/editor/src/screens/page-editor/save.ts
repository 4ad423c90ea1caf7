// Autosave of the editor's document as the app's draft: debounced PUTs on top of the version
// edited (If-Match), a 409 kept as a conflict for the user to resolve, never a silent overwrite.
import { ApiError, api, path } from '../../app/api';
import type { EditorDocument, EditorStore } from '../../store';

export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'error' | 'conflict';

export interface SaveState {
  status: SaveStatus;
  /** The draft version the document is based on. */
  version: number;
  /** The message of the last failed save. */
  error?: string;
  /** The server's version when a save met a conflict. */
  currentVersion?: number;
}

type Put = (url: string, body: unknown, headers: Record<string, string>) => Promise<{ version: number }>;

const defaultPut: Put = (url, body, headers) => api.put<{ version: number }>(url, body, { headers });

export class DraftSaver {
  private state: SaveState;
  private readonly listeners = new Set<() => void>();
  /** The document last written (or loaded): the store differs from it when there are unsaved changes. */
  private savedDoc: EditorDocument;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    readonly store: EditorStore,
    readonly appId: string,
    version: number,
    private readonly delayMs = 1000,
    private readonly put: Put = defaultPut,
  ) {
    this.state = { status: 'saved', version };
    this.savedDoc = store.getState().doc;
    this.unsubscribe = store.subscribe(() => this.changed());
  }

  getState = (): SaveState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** True while the document holds changes the server does not have. */
  get dirty(): boolean {
    return this.store.getState().doc !== this.savedDoc;
  }

  private set(next: Partial<SaveState>): void {
    this.state = { ...this.state, ...next };
    for (const listener of [...this.listeners]) listener();
  }

  private changed(): void {
    if (!this.dirty) {
      // undo back to what is saved
      if (this.state.status === 'unsaved') this.set({ status: 'saved' });
      return;
    }
    if (this.state.status === 'conflict') return;
    if (this.state.status !== 'saving') this.set({ status: 'unsaved' });
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.save(), this.delayMs);
  }

  /** Saves now (waits for a save already running first). `overwrite`: on top of `currentVersion` after a conflict. */
  async save(options: { overwrite?: boolean } = {}): Promise<void> {
    clearTimeout(this.timer);
    if (this.inFlight) await this.inFlight;
    if (this.state.status === 'conflict' && !options.overwrite) return;
    if (!this.dirty && !options.overwrite) {
      if (this.state.status !== 'saved') this.set({ status: 'saved' });
      return;
    }
    const base =
      options.overwrite && this.state.currentVersion !== undefined
        ? this.state.currentVersion
        : this.state.version;
    const doc = this.store.getState().doc;
    const body = this.store.getApp();
    this.set({ status: 'saving' });
    this.inFlight = (async () => {
      try {
        const saved = await this.put(path('/api/apps/:appId/draft', { appId: this.appId }), body, {
          'if-match': `"${base}"`,
        });
        this.savedDoc = doc;
        this.set({ status: this.dirty ? 'unsaved' : 'saved', version: saved.version, error: undefined });
        delete this.state.currentVersion;
      } catch (error) {
        if (
          error instanceof ApiError &&
          error.status === 409 &&
          typeof error.body.currentVersion === 'number'
        ) {
          this.set({ status: 'conflict', currentVersion: error.body.currentVersion, error: error.message });
        } else {
          this.set({ status: 'error', error: error instanceof Error ? error.message : String(error) });
        }
      }
    })();
    await this.inFlight;
    this.inFlight = undefined;
    if (this.state.status === 'unsaved') this.schedule();
  }

  /** Forgets pending work (the document is being replaced). */
  dispose(): void {
    clearTimeout(this.timer);
    this.unsubscribe();
    this.listeners.clear();
  }
}
