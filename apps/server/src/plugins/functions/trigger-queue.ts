// Database triggers survive the server process: a write to a watched collection is acknowledged
// only once its change is in the platform store, one row per document written. The process that
// wrote it runs the triggers at once and removes the rows; a row whose process stopped half-way
// falls due when its lease ends and is run by the next process polling (at least once: a function
// may run twice if the process stopped after it ran but before the row was removed).
import type { Document, Store } from '@tessera/store';
import { timeOrderedId } from '../../ids';

/** Platform collection: the documents written whose triggers have not all run yet, across apps. */
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

/** One document of a change, waiting for its triggers. */
export interface QueuedDocument extends Document {
  _id: string;
  appId: string;
  collection: string;
  event: DataChangeRecord['event'];
  document: Document;
  triggerDepth: number;
  /** ISO time the row falls due: the end of the lease of the process running it. */
  at: string;
  /** Times a process took it after another stopped (or failed) half-way. */
  retries: number;
  createdAt: string;
}

export interface TriggerQueueSettings {
  /** How long a process holds a row it runs; renewed while the functions run. */
  leaseMs: number;
  /** How often rows left by stopped processes are looked for. */
  pollMs: number;
  /** A row taken this many times without finishing is given up (and said so in the log). */
  maxRetries?: number;
}

/** Runs the triggers of one document; should not throw for a failed function (it is not retried). */
export type RunTriggers = (row: QueuedDocument) => Promise<void>;

export class TriggerQueue {
  private readonly poller: NodeJS.Timeout;
  private polling = false;
  private closed = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly maxRetries: number;

  constructor(
    private readonly store: Store,
    private readonly settings: TriggerQueueSettings,
    private readonly run: RunTriggers,
    private readonly log: (message: string) => void,
  ) {
    this.maxRetries = settings.maxRetries ?? 5;
    this.poller = setInterval(() => this.pollDue(), settings.pollMs);
    this.poller.unref();
  }

  /** Picks up the rows left by stopped processes; call once the store is ready. */
  start(): void {
    this.pollDue();
  }

  /**
   * Stores the change (resolving once it is stored: the write may then be acknowledged) and runs
   * its triggers in the background, document after document. If it cannot be stored, the triggers
   * still run, from memory only.
   */
  async record(change: DataChangeRecord): Promise<void> {
    const now = Date.now();
    const at = new Date(now + this.settings.leaseMs).toISOString();
    const rows: QueuedDocument[] = change.documents.map((document) => ({
      _id: timeOrderedId(now),
      appId: change.appId,
      collection: change.collection,
      event: change.event,
      document,
      triggerDepth: change.triggerDepth,
      at,
      retries: 0,
      createdAt: new Date(now).toISOString(),
    }));
    let stored = true;
    try {
      await this.rows().insertMany(rows);
    } catch (error) {
      stored = false;
      this.log(
        `database triggers of a write to ${change.appId}/${change.collection} run without being stored (they would not survive a restart): ${(error as Error).message}`,
      );
      // The rows stored before the one that failed would run a second time after their lease.
      await this.rows()
        .deleteMany({ _id: { $in: rows.map((row) => row._id) } })
        .catch(() => undefined);
    }
    this.track(
      (async () => {
        for (const row of rows) {
          if (this.closed && stored) return; // the rest falls due for the next process
          try {
            if (stored) await this.process(row);
            else await this.run(row);
          } catch (error) {
            // left in the queue (if stored): it falls due again after its lease
            this.log(`database triggers could not run: ${(error as Error).message}`);
          }
        }
      })(),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.poller);
    await Promise.allSettled([...this.inFlight]);
  }

  private rows() {
    return this.store.platform().collection<QueuedDocument>(TRIGGER_QUEUE);
  }

  private track(work: Promise<void>): void {
    const logged = work.catch((error) =>
      this.log(`database triggers could not run: ${(error as Error).message}`),
    );
    this.inFlight.add(logged);
    void logged.finally(() => this.inFlight.delete(logged));
  }

  /**
   * Runs one row this process holds (unless another took it since), then removes it. The lease is
   * renewed before and while the functions run (renewals one after another, each from the last
   * one's time), so no poller takes it meanwhile.
   */
  private async process(row: QueuedDocument): Promise<void> {
    let at = row.at;
    let held = true;
    let renewing: Promise<void> = Promise.resolve();
    const renew = async () => {
      if (!held) return;
      // always later than the lease it replaces, and held when the row still has that lease
      const next = new Date(Math.max(Date.now() + this.settings.leaseMs, Date.parse(at) + 1)).toISOString();
      const { matchedCount } = await this.rows().updateOne({ _id: row._id, at }, { $set: { at: next } });
      if (matchedCount === 1) at = next;
      else held = false;
    };
    // Rows of a long change wait their turn: one whose lease ran out meanwhile may have been taken.
    await renew();
    if (!held) return;
    const heartbeat = setInterval(() => {
      renewing = renewing
        .then(renew)
        .catch((error) =>
          this.log(`a database trigger's lease could not be renewed: ${(error as Error).message}`),
        );
    }, this.settings.leaseMs / 3);
    try {
      await this.run(row);
    } finally {
      clearInterval(heartbeat);
      await renewing;
    }
    // Taken over by another process (this one could not renew in time): that one runs it again.
    if (held) await this.rows().deleteOne({ _id: row._id, at });
  }

  private pollDue(): void {
    if (this.polling || this.closed) return;
    this.polling = true;
    // One row at a time: a backlog after a restart does not start hundreds of functions at once.
    // The whole poll is tracked, so close() waits for a row taken just before it.
    this.track(
      (async () => {
        const due = await this.rows()
          .find({ at: { $lte: new Date().toISOString() } }, { sort: { at: 1 }, limit: 50 })
          .toArray();
        for (const row of due) {
          if (this.closed) return;
          if (row.retries >= this.maxRetries) {
            await this.rows().deleteOne({ _id: row._id, at: row.at });
            this.log(
              `gave up the database triggers of ${row.event} ${row.appId}/${row.collection} ${String(row.document._id)} after ${row.retries} tries`,
            );
            continue;
          }
          // Take the row by moving its time to the end of a new lease: only one process's update matches.
          const lease = new Date(Date.now() + this.settings.leaseMs).toISOString();
          const { matchedCount } = await this.rows().updateOne(
            { _id: row._id, at: row.at },
            { $set: { at: lease }, $inc: { retries: 1 } },
          );
          // Closed meanwhile: the row falls due again after the lease, for the next process.
          if (matchedCount !== 1 || this.closed) continue;
          await this.process({ ...row, at: lease, retries: row.retries + 1 }).catch((error) =>
            this.log(`database triggers could not run: ${(error as Error).message}`),
          );
        }
      })().finally(() => {
        this.polling = false;
      }),
    );
  }
}
