import type { PublishView } from './records';

type Listener = (view: PublishView, done: boolean) => void;

/**
 * Publishes running in this process: their progress listeners (the SSE streams) and a small
 * queue so that at most `concurrency` builds compile at once (each one is CPU and memory heavy).
 */
export class PublishJobs {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly running = new Map<string, Promise<void>>();
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly concurrency = 2) {}

  /** Runs a job in the background; it must handle its own errors (a rejection is only logged). */
  start(id: string, job: () => Promise<void>, onCrash: (error: unknown) => void): void {
    const run = (async () => {
      await this.slot();
      try {
        await job();
      } finally {
        this.release();
      }
    })()
      .catch(onCrash)
      .finally(() => {
        this.running.delete(id);
        this.listeners.delete(id);
      });
    this.running.set(id, run);
  }

  isRunning(id: string): boolean {
    return this.running.has(id);
  }

  /** Listens to one publish's changes; returns the unsubscribe function. */
  subscribe(id: string, listener: Listener): () => void {
    let set = this.listeners.get(id);
    if (!set) {
      set = new Set();
      this.listeners.set(id, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  emit(view: PublishView, done: boolean): void {
    for (const listener of this.listeners.get(view.id) ?? []) listener(view, done);
  }

  /** Waits for every running job (server shutdown). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
  }

  private async slot(): Promise<void> {
    if (this.active < this.concurrency) {
      this.active += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }
}
