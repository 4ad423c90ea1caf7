// Database triggers survive the server process: a write to a watched collection is acknowledged
// only once its change (with the documents as written) is a row of the platform store. The process
// that wrote it runs the triggers at once and removes the row; a row whose process stopped half-way
// falls due when its lease ends and is run by the next process polling (at least once: a function
// may run twice if the process stopped after it ran but before the row was removed).
import type { Document, Store } from '@tessera/store';
import { timeOrderedId } from '../../ids';

/** Platform collection: the database changes whose triggers have not all run yet, across apps. */
export const TRIGGER_QUEUE = 'function_trigger_queue';

/** A committed change of a watched collection. */
export interface DataChangeRecord {
  appId: string;
  collection: string;
  event: 'insert' | 'update' | 'delete';
  /** The documents as written (updates read after the commit; deletes as they were). */
  documents: Document[];
  triggerDepth: number;
}

export interface QueuedChange extends Document, DataChangeRecord {
  _id: string;
  /** How many of `documents` have had their triggers run (a resumed row starts there). */
  done: number;
  /** ISO time the row falls due: the end of the lease of the process running it. */
  at: string;
  createdAt: string;
}

export interface TriggerQueueSettings {
  /** How long a process holds a row it runs; renewed after each document. */
  leaseMs: number;
  /** How often rows left by stopped processes are looked for. */
  pollMs: number;
}

/** Runs the triggers of one document of a change; never throws for a failed function. */
export type RunTriggers = (change: QueuedChange, document: Document) => Promise<void>;

export class TriggerQueue {
  private readonly poller: NodeJS.Timeout;
  private polling = false;
  private closed = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly store: Store,
    private readonly settings: TriggerQueueSettings,
    private readonly run: RunTriggers,
    private readonly log: (message: string) => void,
  ) {
    this.poller = setInterval(() => this.pollDue(), settings.pollMs);
    this.poller.unref();
  }

  /** Picks up the rows left by stopped processes; call once the store is ready. */
  start(): void {
    this.pollDue();
  }

  /**
   * Stores the change (resolving once it is stored: the write may then be acknowledged) and runs
   * its triggers in the background.
   */
  async record(change: DataChangeRecord): Promise<void> {
    const now = Date.now();
    const row: QueuedChange = {
      ...change,
      _id: timeOrderedId(now),
      done: 0,
      at: new Date(now + this.settings.leaseMs).toISOString(),
      createdAt: new Date(now).toISOString(),
    };
    await this.rows().insertOne(row);
    this.track(this.process(row));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.poller);
    await Promise.allSettled([...this.inFlight]);
  }

  private rows() {
    return this.store.platform().collection<QueuedChange>(TRIGGER_QUEUE);
  }

  private track(work: Promise<void>): void {
    const logged = work.catch((error) =>
      this.log(`database triggers could not run: ${(error as Error).message}`),
    );
    this.inFlight.add(logged);
    void logged.finally(() => this.inFlight.delete(logged));
  }

  /**
   * Runs the triggers of the documents not done yet, then removes the row. The lease is renewed
   * while a function runs and after each document, so that no poller takes a row that is running.
   */
  private async process(row: QueuedChange): Promise<void> {
    let at = row.at;
    let held = true;
    /** Moves the lease on (and records progress); false when another process has taken the row. */
    const renew = async (done?: number) => {
      const next = new Date(Date.now() + this.settings.leaseMs).toISOString();
      const { modifiedCount } = await this.rows().updateOne(
        { _id: row._id, at },
        { $set: { at: next, ...(done === undefined ? {} : { done }) } },
      );
      if (modifiedCount === 1) at = next;
      else held = false;
      return held;
    };
    for (let i = row.done; i < row.documents.length; i++) {
      if (this.closed || !held) return; // the row falls due again for the next process
      const heartbeat = setInterval(() => {
        renew().catch((error) =>
          this.log(`a database trigger's lease could not be renewed: ${(error as Error).message}`),
        );
      }, this.settings.leaseMs / 3);
      try {
        await this.run(row, row.documents[i] as Document);
      } finally {
        clearInterval(heartbeat);
      }
      // Another process took the row over (this one could not renew its lease): it goes on from there.
      if (!held || !(await renew(i + 1))) return;
    }
    await this.rows().deleteOne({ _id: row._id, at });
  }

  private pollDue(): void {
    if (this.polling || this.closed) return;
    this.polling = true;
    (async () => {
      const due = await this.rows()
        .find({ at: { $lte: new Date().toISOString() } }, { sort: { at: 1 }, limit: 50 })
        .toArray();
      for (const row of due) {
        // Take the row by moving its time to the end of a new lease: only one process's update matches.
        const lease = new Date(Date.now() + this.settings.leaseMs).toISOString();
        const { modifiedCount } = await this.rows().updateOne(
          { _id: row._id, at: row.at },
          { $set: { at: lease } },
        );
        if (modifiedCount === 1 && !this.closed) this.track(this.process({ ...row, at: lease }));
      }
    })()
      .catch((error) => this.log(`the database trigger queue could not be read: ${(error as Error).message}`))
      .finally(() => {
        this.polling = false;
      });
  }
}
