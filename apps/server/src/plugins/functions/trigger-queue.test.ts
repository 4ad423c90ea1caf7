// The queue of database changes on the real embedded store: rows are stored before record()
// resolves and removed once run, a run outlasting its lease is not taken by another process, rows
// a stopped process left are run by the next one, and a row that keeps failing is given up.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '@tessera/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type QueuedDocument, TRIGGER_QUEUE, TriggerQueue, type TriggerQueueSettings } from './trigger-queue';

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

const rows = () => store.platform().collection<QueuedDocument>(TRIGGER_QUEUE).find({}).toArray();

/** A queue (as one server process has) whose triggers call `run` with the document's id. */
function serverProcess(run: (id: string) => Promise<void>, settings: Partial<TriggerQueueSettings> = {}) {
  const logs: string[] = [];
  const queue = new TriggerQueue(
    store,
    { leaseMs: 60_000, pollMs: 20, ...settings },
    (row) => run(String(row.document._id)),
    (message) => logs.push(message),
  );
  queues.push(queue);
  return { queue, logs };
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const change = {
  appId: 'a1',
  collection: 'orders',
  event: 'insert' as const,
  documents: [{ _id: 'o1' }, { _id: 'o2' }, { _id: 'o3' }],
  triggerDepth: 0,
};
const leftRow = (id: string, at: string, retries = 0): QueuedDocument => ({
  _id: `row-${id}`,
  appId: 'a1',
  collection: 'orders',
  event: 'insert',
  document: { _id: id },
  triggerDepth: 0,
  at,
  retries,
  createdAt: at,
});

describe('the database trigger queue', () => {
  it('stores a row per document before record() resolves, runs them in order and removes them', async () => {
    const ran: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { queue } = serverProcess(async (id) => {
      await gate;
      ran.push(id);
    });
    await queue.record(change);
    expect((await rows()).map((row) => row.document._id).sort()).toEqual(['o1', 'o2', 'o3']);
    release();
    await until(async () => (await rows()).length === 0, 'the rows to go');
    expect(ran).toEqual(['o1', 'o2', 'o3']);
  });

  it('runs every recorded document at once, however quickly writes come (none waits for a lease)', async () => {
    const ran = new Set<string>();
    const { queue } = serverProcess(async (id) => {
      ran.add(id);
    });
    for (let i = 0; i < 100; i++) await queue.record({ ...change, documents: [{ _id: `d${i}` }] });
    await until(async () => ran.size === 100 && (await rows()).length === 0, 'all 100 to run');
  });

  it('tries a row whose run fails again after its lease, and gives it up after 5 tries', async () => {
    const past = new Date(Date.now() - 1000).toISOString();
    await store.platform().collection<QueuedDocument>(TRIGGER_QUEUE).insertOne(leftRow('flaky', past));
    let tries = 0;
    const { queue, logs } = serverProcess(
      async () => {
        tries += 1;
        throw new Error('the store is away');
      },
      { leaseMs: 30 },
    );
    queue.start();
    await until(async () => (await rows()).length === 0, 'the row to be given up');
    expect(tries).toBe(5);
    expect(
      logs.filter((line) => line.startsWith('database triggers could not run: the store is away')),
    ).toHaveLength(5);
    expect(logs.at(-1)).toMatch(/^gave up the database triggers of insert a1\/orders flaky after 5 tries/);
  });

  it('keeps the lease of a run that outlasts it: another process polling never runs it too', async () => {
    const ran: string[] = [];
    const slow = async (id: string) => {
      ran.push(id);
      await sleep(3000);
    };
    // renewed every 500 ms: only an event loop stalled for a whole second would lose it
    const { queue } = serverProcess(slow, { leaseMs: 1500 });
    serverProcess(slow, { leaseMs: 1500 }).queue.start();
    await queue.record({ ...change, documents: [{ _id: 'o1' }] });
    await until(async () => (await rows()).length === 0, 'the row to go');
    await sleep(200);
    expect(ran).toEqual(['o1']);
  });

  it('runs the rows a stopped process left once their lease is over, and gives up one that keeps failing', async () => {
    const past = new Date(Date.now() - 1000).toISOString();
    const future = new Date(Date.now() + 60_000).toISOString();
    await store
      .platform()
      .collection<QueuedDocument>(TRIGGER_QUEUE)
      .insertMany([leftRow('o2', past), leftRow('held', future), leftRow('poison', past, 5)]);
    const ran: string[] = [];
    const { queue, logs } = serverProcess(async (id) => {
      ran.push(id);
    });
    queue.start();
    await until(async () => (await rows()).length === 1, 'the due rows to be handled');
    expect(ran).toEqual(['o2']);
    expect((await rows()).map((row) => row.document._id)).toEqual(['held']);
    expect(logs).toEqual([
      expect.stringMatching(/^gave up the database triggers of insert a1\/orders poison after 5 tries/),
    ]);
  });

  it('stops after the current document when closed, leaving the rest for the next process', async () => {
    const ran: string[] = [];
    const { queue } = serverProcess(async (id) => {
      ran.push(id);
      await sleep(500); // time enough to close while the first one runs, even on a busy machine
    });
    await queue.record(change);
    await until(async () => ran.length === 1, 'the first document');
    await queue.close();
    expect(ran).toEqual(['o1']);
    expect((await rows()).map((row) => row.document._id).sort()).toEqual(['o2', 'o3']);

    // the next process finishes them once their lease is over (here: made over at once)
    await store
      .platform()
      .collection(TRIGGER_QUEUE)
      .updateMany({}, { $set: { at: new Date(0).toISOString() } });
    const next: string[] = [];
    serverProcess(async (id) => {
      next.push(id);
    }).queue.start();
    await until(async () => (await rows()).length === 0, 'the rest to run');
    expect(next.sort()).toEqual(['o2', 'o3']);
  });
});
