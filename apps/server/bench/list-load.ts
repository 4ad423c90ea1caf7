// The load generator and the bare baseline that list benchmarks (server.list, cms.list) share:
// autocannon in its own process, and a bare Fastify + better-sqlite3 handler listing 20 of 10,000
// documents on an indexed field — the `server.list.baseline.rps` figure.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import Fastify from 'fastify';

export const documents = 10_000;
export const categories = 50;
export const connections = 10;
export const seconds = Number(process.env.BENCH_SECONDS || 2);
export const rounds = Number(process.env.BENCH_ROUNDS || 5);
// Both servers are measured warm: the JIT needs a few thousand requests to settle on either.
export const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS || 5);

export interface Load {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Requests per second that autocannon (in its own process) gets from one endpoint. */
export function measure(load: Load, duration: number): Promise<number> {
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

export function documentAt(index: number, owner: string) {
  return {
    category: `c${index % categories}`,
    title: `Item ${index}`,
    price: (index * 37) % 1000,
    tags: ['a', 'b'],
    _openid: owner,
  };
}

export interface Target {
  load: Load;
  check: unknown[];
  close(): Promise<void>;
}

export async function bareBaseline(): Promise<Target> {
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

/** The median of some figures (one disturbed round does not decide the result). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Warms both loads, then alternates short rounds so a change in machine load hits both sides
 * alike; medians keep one disturbed round from deciding the figures.
 */
export async function compareWithBaseline(
  baseline: Load,
  measured: Load,
): Promise<{ rps: number; baselineRps: number; ratio: number }> {
  await measure(baseline, warmupSeconds);
  await measure(measured, warmupSeconds);
  const measuredRuns: number[] = [];
  const baselineRuns: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const base = await measure(baseline, seconds);
    const value = await measure(measured, seconds);
    baselineRuns.push(base);
    measuredRuns.push(value);
    ratios.push(value / base);
  }
  return { rps: median(measuredRuns), baselineRps: median(baselineRuns), ratio: median(ratios) };
}
