// The queue of database changes on the real embedded store: rows are removed once run, rows a
// stopped process left are resumed where they stopped, and a row under a live lease is left alone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Document, openStore, type Store } from '@tessera/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type QueuedChange, TRIGGER_QUEUE, TriggerQueue } from './trigger-queue';

let dir: string;
let store: Store;
let queues: TriggerQueue[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-trigger-queue-'));
  store = await openStore({ dataDir: dir });
});
afterEach(async () => {
  await Promise.all(queues.map((queue) => queue.close()));
  queues = [];
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const rows = () => store.platform().collection<QueuedChange>(TRIGGER_QUEUE).find({}).toArray();

function queueRunning(run: (document: Document) => Promise<void>, leaseMs = 60_000) {
  const queue = new TriggerQueue(
    store,
    { leaseMs, pollMs: 20 },
    (_change, document) => run(document),
    () => {},
  );
  queues.push(queue);
  return queue;
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const change = {
  appId: 'a1',
  collection: 'orders',
  event: 'insert' as const,
  documents: [{ _id: 'o1' }, { _id: 'o2' }, { _id: 'o3' }],
  triggerDepth: 0,
};

describe('the database trigger queue', () => {
  it('stores the change before record() resolves, runs each document in order and then removes it', async () => {
    const ran: unknown[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const queue = queueRunning(async (document) => {
      await gate;
      ran.push(document._id);
    });
    await queue.record(change);
    expect(await rows()).toMatchObject([
      { appId: 'a1', collection: 'orders', done: 0, documents: change.documents },
    ]);
    release();
    await until(async () => (await rows()).length === 0, 'the row to go');
    expect(ran).toEqual(['o1', 'o2', 'o3']);
  });

  it('resumes a row left by a stopped process once its lease is over, from the first document not done', async () => {
    const past = new Date(Date.now() - 1000).toISOString();
    await store
      .platform()
      .collection<QueuedChange>(TRIGGER_QUEUE)
      .insertMany([
        { ...change, _id: 'left', done: 1, at: past, createdAt: past },
        // still leased by a live process: not taken
        { ...change, _id: 'held', done: 0, at: new Date(Date.now() + 60_000).toISOString(), createdAt: past },
      ]);
    const ran: unknown[] = [];
    queueRunning(async (document) => {
      ran.push(document._id);
    }).start();
    await until(async () => !(await rows()).some((row) => row._id === 'left'), 'the left row to be run');
    expect(ran).toEqual(['o2', 'o3']);
    expect((await rows()).map((row) => row._id)).toEqual(['held']);
  });

  it('stops after the current document when closed, leaving the rest for the next process', async () => {
    const ran: unknown[] = [];
    const queue = queueRunning(async (document) => {
      ran.push(document._id);
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    await queue.record(change);
    await until(async () => ran.length === 1, 'the first document');
    await queue.close();
    expect(ran).toEqual(['o1']);
    const [left] = await rows();
    expect(left).toMatchObject({ done: 1 });

    // the next process (a new queue on the same store) finishes it after the lease
    const next: unknown[] = [];
    await store
      .platform()
      .collection(TRIGGER_QUEUE)
      .updateOne({}, { $set: { at: new Date(0).toISOString() } });
    queueRunning(async (document) => {
      next.push(document._id);
    }).start();
    await until(async () => (await rows()).length === 0, 'the rest to run');
    expect(next).toEqual(['o2', 'o3']);
  });
});
