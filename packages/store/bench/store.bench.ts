// Embedded store throughput: an indexed find of 20 documents out of 10,000, beside the same
// query on bare better-sqlite3 (same file layout, JSON.parse of each row) measured in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../src/index';

const DOCS = 10_000;
const ROUNDS = 8;
const ROUND_MS = 300;

type Run = () => unknown | Promise<unknown>;

async function timed(run: Run, ms: number): Promise<{ n: number; ms: number }> {
  let n = 0;
  const start = performance.now();
  while (performance.now() < start + ms) {
    await run();
    n++;
  }
  return { n, ms: performance.now() - start };
}

/** Alternates short rounds of each contender so machine noise hits both alike; returns ops/s each. */
async function compare(a: Run, b: Run): Promise<[number, number]> {
  await timed(a, 200);
  await timed(b, 200);
  const totals = { a: { n: 0, ms: 0 }, b: { n: 0, ms: 0 } };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [key, run] of [
      ['a', a],
      ['b', b],
    ] as const) {
      const r = await timed(run, ROUND_MS);
      totals[key].n += r.n;
      totals[key].ms += r.ms;
    }
  }
  return [(totals.a.n / totals.a.ms) * 1000, (totals.b.n / totals.b.ms) * 1000];
}

const dir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
try {
  const store = await openStore({ dataDir: dir });
  const posts = store.app('bench').collection('posts');
  await posts.createIndex({ status: 1 });
  await posts.createIndex({ status: 1, createdAt: -1 });
  const docs = Array.from({ length: DOCS }, (_, i) => ({
    status: `s${i % 10}`,
    title: `Post number ${i}`,
    body: 'Lorem ipsum dolor sit amet, '.repeat(8),
    views: i,
    tags: ['a', 'b'],
    createdAt: new Date(Date.UTC(2024, 0, 1) + ((i * 7919) % DOCS) * 60_000),
  }));
  await posts.insertMany(docs);

  let status = 0;
  const storeFind = async () => {
    status = (status + 1) % 10;
    const page = await posts.find({ status: `s${status}` }, { limit: 20 }).toArray();
    if (page.length !== 20) throw new Error('unexpected page size');
  };

  const raw = new Database(join(dir, 'baseline.db'));
  raw.pragma('journal_mode = WAL');
  raw.exec('CREATE TABLE posts (seq INTEGER PRIMARY KEY, _id TEXT UNIQUE, doc TEXT)');
  raw.exec(`CREATE INDEX posts_status ON posts (json_extract(doc, '$.status'))`);
  const insert = raw.prepare('INSERT INTO posts (_id, doc) VALUES (?, ?)');
  raw.transaction(() => {
    for (const [i, d] of docs.entries()) insert.run(String(i), JSON.stringify(d));
  })();
  const select = raw.prepare(`SELECT doc FROM posts WHERE json_extract(doc, '$.status') = ? LIMIT 20`);
  const baselineFind = async () => {
    status = (status + 1) % 10;
    const page = (select.all(`s${status}`) as { doc: string }[]).map((r) => JSON.parse(r.doc));
    if (page.length !== 20) throw new Error('unexpected page size');
  };
  const [storeOps, baselineOps] = await compare(storeFind, baselineFind);
  raw.close();

  const sortedFind = async () => {
    status = (status + 1) % 10;
    const page = await posts.find({ status: `s${status}` }, { sort: { createdAt: -1 }, limit: 20 }).toArray();
    if (page.length !== 20) throw new Error('unexpected page size');
  };
  const sorted = await timed(sortedFind, 1500);
  const sortedOps = (sorted.n / sorted.ms) * 1000;

  let n = 0;
  const inserts = await timed(() => posts.insertOne({ status: 'new', n: n++ }), 1500);
  const insertOps = (inserts.n / inserts.ms) * 1000;

  console.log(`bench: store.find.indexed.ops = ${Math.round(storeOps)} ops/s`);
  console.log(`bench: store.find.indexed.baseline.ops = ${Math.round(baselineOps)} ops/s`);
  console.log(`bench: store.find.indexed.ratio = ${(storeOps / baselineOps).toFixed(2)} x`);
  console.log(`bench: store.find.sorted.ops = ${Math.round(sortedOps)} ops/s`);
  console.log(`bench: store.insert.durable.ops = ${Math.round(insertOps)} ops/s`);
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
