// server.list: listing 20 of 10,000 documents filtered on an indexed field through the whole
// server (access token check, owner-only read rule compiled into the filter, validation, the
// store, JSON out), beside a bare Fastify + better-sqlite3 handler running the same query.
// The load generator (autocannon) runs in a child process so it does not share the event loop.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { appUser, createApp } from '../test/app-data-helpers';
import { startTestServer } from '../test/harness';

const documents = 10_000;
const categories = 50;
const connections = 10;
const seconds = Number(process.env.BENCH_SECONDS || 2);
const rounds = Number(process.env.BENCH_ROUNDS || 5);
// Both servers are measured warm: the JIT needs a few thousand requests to settle on either.
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS || 5);

interface Load {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Requests per second that autocannon (in its own process) gets from one endpoint. */
function measure(load: Load, duration: number): Promise<number> {
  const script = `require('autocannon')(${JSON.stringify({ ...load, method: 'POST', connections, duration })}, (error, result) => {
    if (error) { console.error(error); process.exit(1); }
    console.log(JSON.stringify({ rps: result.requests.average, non2xx: result.non2xx, errors: result.errors }));
  })`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], {
      cwd: path.join(import.meta.dirname, '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += String(chunk);
    });
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}`));
      const result = JSON.parse(out.trim().split('\n').at(-1)!) as {
        rps: number;
        non2xx: number;
        errors: number;
      };
      if (result.non2xx > 0 || result.errors > 0)
        return reject(new Error(`failed requests during the run: ${out}`));
      resolve(result.rps);
    });
  });
}

function documentAt(index: number, owner: string) {
  return {
    category: `c${index % categories}`,
    title: `Item ${index}`,
    price: (index * 37) % 1000,
    tags: ['a', 'b'],
    _openid: owner,
  };
}

interface Target {
  load: Load;
  check: unknown[];
  close(): Promise<void>;
}

async function fullServer(): Promise<Target> {
  const server = await startTestServer();
  {
    const appId = await createApp(server);
    const user = await appUser(server, appId);
    await server.admin.put(`/api/apps/${appId}/db/rules/items`, { preset: 'owner-only' });
    const items = server.app.store.app(appId).collection('items');
    await items.createIndex({ category: 1 });
    await items.insertMany(Array.from({ length: documents }, (_, index) => documentAt(index, user.uid)));
    const load: Load = {
      url: `${server.url}/app-api/${appId}/db/items/query`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${user.session.accessToken}` },
      body: JSON.stringify({ filter: { category: 'c7' }, limit: 20 }),
    };
    const check = await user.post(`/app-api/${appId}/db/items/query`, JSON.parse(load.body));
    if (check.status !== 200 || check.body.data.length !== 20)
      throw new Error(`unexpected reply: ${check.status} ${check.text.slice(0, 200)}`);
    return { load, check: check.body.data, close: () => server.close() };
  }
}

async function bareBaseline(): Promise<Target> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tessera-bench-baseline-'));
  const db = new Database(path.join(dir, 'items.db'));
  const app = Fastify({ logger: false });
  {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE items (id TEXT PRIMARY KEY, doc TEXT NOT NULL)');
    db.exec(`CREATE INDEX items_category ON items (json_extract(doc, '$.category'))`);
    const insert = db.prepare('INSERT INTO items (id, doc) VALUES (?, ?)');
    db.transaction(() => {
      for (let index = 0; index < documents; index++) {
        const id = index.toString(16).padStart(24, '0');
        insert.run(id, JSON.stringify({ _id: id, ...documentAt(index, 'owner') }));
      }
    })();
    const query = db.prepare(
      `SELECT doc FROM items WHERE json_extract(doc, '$.category') = ? AND json_extract(doc, '$._openid') = ? LIMIT 20`,
    );
    app.post<{ Body: { filter: { category: string }; limit: number } }>('/items/query', async (request) => ({
      data: (query.all(request.body.filter.category, 'owner') as { doc: string }[]).map((row) =>
        JSON.parse(row.doc),
      ),
    }));
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const load: Load = {
      url: `${url}/items/query`,
      headers: { 'content-type': 'application/json', authorization: 'Bearer unused' },
      body: JSON.stringify({ filter: { category: 'c7' }, limit: 20 }),
    };
    const check = (await (
      await fetch(load.url, { method: 'POST', headers: load.headers, body: load.body })
    ).json()) as { data: unknown[] };
    const close = async () => {
      await app.close();
      db.close();
      await rm(dir, { recursive: true, force: true });
    };
    return { load, check: check.data, close };
  }
}

const baseline = await bareBaseline();
const full = await fullServer();
try {
  if (full.check.length !== baseline.check.length) throw new Error('the two handlers answer differently');
  await measure(baseline.load, warmupSeconds);
  await measure(full.load, warmupSeconds);
  // Alternating short rounds, so a change in machine load during the run hits both sides alike;
  // medians keep one disturbed round from deciding the figures.
  const fullRuns: number[] = [];
  const baselineRuns: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const base = await measure(baseline.load, seconds);
    const server = await measure(full.load, seconds);
    baselineRuns.push(base);
    fullRuns.push(server);
    ratios.push(server / base);
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  };
  console.log(`bench: server.list.rps = ${Math.round(median(fullRuns))} req/s`);
  console.log(`bench: server.list.baseline.rps = ${Math.round(median(baselineRuns))} req/s`);
  console.log(`bench: server.list.ratio = ${median(ratios).toFixed(2)}`);
} finally {
  await full.close();
  await baseline.close();
}
