import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '@tessera/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionWorkspace } from '../test/helpers';
import { dbFromStore } from './capabilities/store-db';
import { createFunctionPool, type FunctionPool } from './pool';
import type { InvocationRecord } from './types';

const ws = functionWorkspace();
const records: InvocationRecord[] = [];
let pool: FunctionPool;

beforeAll(async () => {
  pool = await createFunctionPool({ size: 2, terminateGraceMs: 200, onInvocation: (r) => records.push(r) });
});
afterAll(async () => {
  await pool.close();
  ws.remove();
});

const run = async (
  code: string | Record<string, string>,
  more: Partial<Parameters<FunctionPool['invoke']>[0]> = {},
) => pool.invoke({ appId: 'app1', functionName: 'test', bundle: await ws.bundle(code), ...more });

describe('FunctionPool.invoke', () => {
  it('runs main(event, context) and returns its result with logs, duration and memory', async () => {
    const result = await run(
      `export async function main(event, context) {
        console.log('hello', event.name, { n: 1 });
        console.warn('careful');
        return { echo: event, appId: context.appId, uid: context.auth.uid, trigger: context.trigger.type, rid: context.requestId, region: env.REGION };
      }`,
      { event: { name: 'ann' }, auth: { uid: 'u1' }, requestId: 'req-1', env: { REGION: 'east' } },
    );
    expect(result).toMatchObject({
      ok: true,
      value: {
        echo: { name: 'ann' },
        appId: 'app1',
        uid: 'u1',
        trigger: 'sdk',
        rid: 'req-1',
        region: 'east',
      },
      requestId: 'req-1',
      logs: [
        { level: 'info', message: 'hello ann {"n":1}' },
        { level: 'warn', message: 'careful' },
      ],
    });
    expect(result.memoryBytes).toBeGreaterThan(10_000);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(records.find((r) => r.requestId === 'req-1')).toMatchObject({
      appId: 'app1',
      functionName: 'test',
      status: 'ok',
    });
  });

  it('accepts CommonJS exports.main and top-level console output', async () => {
    const result = await run(`console.log('loading'); exports.main = async (event) => event.n * 2;`, {
      event: { n: 21 },
    });
    expect(result).toMatchObject({ ok: true, value: 42, logs: [{ message: 'loading' }] });
  });

  it('starts every invocation in a fresh context: globals and module state do not carry over', async () => {
    const bundle = await ws.bundle(`
      let calls = 0;
      export async function main(event) {
        calls++;
        globalThis.seen = (globalThis.seen ?? []).concat(event.who);
        Object.prototype.polluted = event.who;
        return { calls, seen: globalThis.seen, polluted: ({}).polluted };
      }`);
    const first = await pool.invoke({
      appId: 'app1',
      functionName: 'state',
      bundle,
      event: { who: 'alice' },
    });
    const second = await pool.invoke({ appId: 'app1', functionName: 'state', bundle, event: { who: 'bob' } });
    expect(first).toMatchObject({ ok: true, value: { calls: 1, seen: ['alice'], polluted: 'alice' } });
    expect(second).toMatchObject({ ok: true, value: { calls: 1, seen: ['bob'], polluted: 'bob' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('maps the stack of a thrown error to the original TypeScript file:line:column', async () => {
    const result = await run(
      {
        'index.ts': `import { check } from './check';\nexport async function main(event: { n: number }) {\n  return check(event.n);\n}\n`,
        'check.ts': `export function check(n: number): number {\n  if (n > 1) {\n    throw new RangeError('n is too big: ' + n);\n  }\n  return n;\n}\n`,
      },
      { event: { n: 5 } },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ name: 'RangeError', message: 'n is too big: 5', kind: 'thrown' });
    expect(result.error.stack.split('\n')).toEqual([
      'RangeError: n is too big: 5',
      '    at check (check.ts:3:15)',
      '    at main (index.ts:3:10)',
    ]);
  });

  it('reports a thrown non-Error clearly', async () => {
    const result = await run(`export async function main() { throw { code: 42 }; }`);
    expect(result).toMatchObject({
      ok: false,
      error: { name: 'NonErrorThrown', kind: 'thrown', message: expect.stringContaining('{"code":42}') },
    });
  });

  it('reports a script QuickJS cannot parse as a syntax error', async () => {
    const bundle = await ws.bundle('export async function main() { return 1; }');
    const result = await pool.invoke({
      appId: 'app1',
      functionName: 'bad',
      bundle: { ...bundle, code: 'let = ;', hash: 'broken' },
    });
    expect(result).toMatchObject({ ok: false, error: { name: 'SyntaxError', kind: 'syntax' } });
  });

  it('says when there is no main', async () => {
    const result = await run(`export const handler = () => 1;`);
    expect(result).toMatchObject({ ok: false, error: { name: 'NoMainFunction', kind: 'thrown' } });
  });

  it('supports setTimeout inside main', async () => {
    const result = await run(`export async function main() {
      const start = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 50));
      return Date.now() - start;
    }`);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toBeGreaterThanOrEqual(45);
  });

  it('ends an endless loop at the timeout and keeps working afterwards', async () => {
    const started = Date.now();
    const result = await run(`export async function main() { for (;;) {} }`, { timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await run(`export async function main() { return 'alive'; }`)).toMatchObject({
      ok: true,
      value: 'alive',
    });
  });

  it('stops a loop inside a native builtin by replacing the worker', async () => {
    const started = Date.now();
    const result = await run(
      `export async function main() { return Array.prototype.indexOf.call({ length: 2 ** 32 - 1 }, 'x'); }`,
      { timeoutMs: 300 },
    );
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'timeout', message: expect.stringContaining('was stopped') },
    });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(pool.size).toBe(2);
    expect(await run(`export async function main() { return 'alive'; }`)).toMatchObject({
      ok: true,
      value: 'alive',
    });
  });

  it('ends a memory bomb of many small allocations with kind memory', async () => {
    const result = await run(
      `export async function main() { const all = []; for (;;) all.push({ a: all.length, b: [1, 2, 3] }); }`,
      {
        memoryMb: 16,
        timeoutMs: 10_000,
      },
    );
    expect(result).toMatchObject({ ok: false, error: { kind: 'memory' } });
  });

  it('ends a promise nothing can settle at once, and one waiting on a long timer at the timeout', async () => {
    const never = await run(`export async function main() { return new Promise(() => {}); }`, {
      timeoutMs: 5000,
    });
    expect(never).toMatchObject({ ok: false, error: { name: 'NeverSettled', kind: 'timeout' } });
    expect(never.durationMs).toBeLessThan(1000);
    const slow = await run(
      `export async function main() { await new Promise((r) => setTimeout(r, 60000)); }`,
      { timeoutMs: 200 },
    );
    expect(slow).toMatchObject({ ok: false, error: { name: 'TimeoutError', kind: 'timeout' } });
  });

  it('refuses results that are too large or too deep', async () => {
    const large = await run(`export async function main() { return 'x'.repeat(7 * 1024 * 1024); }`);
    expect(large).toMatchObject({ ok: false, error: { name: 'ResultTooLarge' } });
    const deep = await run(
      `export async function main() { let v = []; for (let i = 0; i < 1000; i++) v = [v]; return v; }`,
    );
    expect(deep).toMatchObject({ ok: false, error: { name: 'ResultTooDeep' } });
  });

  it('queues invocations of one app beyond its concurrency, then refuses with kind busy', async () => {
    const limited = await createFunctionPool({ size: 2, perAppConcurrency: 1, perAppQueue: 1 });
    try {
      const bundle = await ws.bundle(
        `export async function main(e) { await new Promise((r) => setTimeout(r, 200)); return e; }`,
      );
      const call = (appId: string, n: number) =>
        limited.invoke({ appId, functionName: 'slow', bundle, event: n });
      const results = await Promise.all([call('a', 1), call('a', 2), call('a', 3), call('b', 4)]);
      expect(results.map((r) => (r.ok ? r.value : r.error.kind))).toEqual([1, 2, 'busy', 4]);
      const refused = results[2];
      if (refused && !refused.ok)
        expect(refused.error.message).toMatch(/already has 1 function invocations running and 1 waiting/);
    } finally {
      await limited.close();
    }
  });
});

describe('FunctionPool.close', () => {
  it('answers callers still waiting for a worker instead of leaving them hanging', async () => {
    const small = await createFunctionPool({ size: 1 });
    const bundle = await ws.bundle(
      'export async function main() { await new Promise((r) => setTimeout(r, 300)); return 1; }',
    );
    const running = small.invoke({ appId: 'a', functionName: 'slow', bundle });
    const waiting = small.invoke({ appId: 'b', functionName: 'slow', bundle });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await small.close();
    expect(await running).toMatchObject({ ok: false, error: { name: 'PoolClosed' } });
    expect(await waiting).toMatchObject({ ok: false, error: { name: 'PoolClosed' } });
    await expect(small.invoke({ appId: 'c', functionName: 'slow', bundle })).rejects.toThrow(/closed/);
  });
});

describe('capabilities', () => {
  let server: Server;
  let port: number;
  let store: Store;
  let dataDir: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/redirect-out') {
        res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' });
        res.end();
        return;
      }
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json', 'x-seen': 'yes' });
        res.end(
          JSON.stringify({ method: req.method, url: req.url, body, auth: req.headers.authorization ?? null }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    dataDir = mkdtempSync(join(tmpdir(), 'tessera-fn-store-'));
    store = await openStore({ dataDir });
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('fetches an allowed local endpoint and is refused a disallowed one', async () => {
    const result = await run(
      `import { fetch } from '@tessera/function-sdk';
      export async function main(event) {
        const res = await fetch(event.base + '/echo?q=1', { method: 'POST', body: 'hi', headers: { authorization: 'Bearer t' } });
        const data = await res.json();
        const refused = await fetch('http://127.0.0.1:1/').then(() => 'fetched', (e) => e.name + ': ' + e.message);
        const redirected = await fetch(event.base + '/redirect-out').then(() => 'fetched', (e) => e.name);
        return { status: res.status, header: res.headers.get('X-Seen'), data, refused, redirected };
      }`,
      { event: { base: `http://127.0.0.1:${port}` }, allowedHosts: [`127.0.0.1:${port}`] },
    );
    expect(result).toMatchObject({
      ok: true,
      value: {
        status: 200,
        header: 'yes',
        data: { method: 'POST', url: '/echo?q=1', body: 'hi', auth: 'Bearer t' },
        refused: expect.stringMatching(
          /^FetchRefused: 127\.0\.0\.1:1 is not in this function's allowedHosts/,
        ),
        redirected: 'FetchRefused',
      },
    });
  });

  it('reads and writes the app database through the db capability', async () => {
    const appDb = store.app('app1');
    await appDb.collection('seats').insertMany([
      { day: 'mon', taken: 3 },
      { day: 'tue', taken: 9 },
    ]);
    const seen: string[] = [];
    const db = dbFromStore(appDb);
    const result = await run(
      `export async function main(event) {
        const free = await db.collection('seats').find({ taken: { $lt: 5 } });
        const { insertedId } = await db.admin().collection('bookings').insertOne({ day: free[0].day, who: event.who });
        const count = await db.collection('bookings').countDocuments({});
        return { free: free.map((s) => s.day), insertedId, count };
      }`,
      {
        event: { who: 'ann' },
        capabilities: {
          db: async (request) => {
            seen.push(`${request.method}:${request.collection}:${request.bypassRules}`);
            return db(request);
          },
        },
      },
    );
    expect(result).toMatchObject({
      ok: true,
      value: { free: ['mon'], insertedId: expect.stringMatching(/^[0-9a-f]{24}$/), count: 1 },
    });
    expect(seen).toEqual(['find:seats:false', 'insertOne:bookings:true', 'countDocuments:bookings:false']);
    expect(await appDb.collection('bookings').findOne({ who: 'ann' })).toMatchObject({ day: 'mon' });
  });

  it('turns a refusal of the host into an error the function can catch', async () => {
    const result = await run(`export async function main() {
      try { await storage.read('a.txt'); } catch (e) { return e.name + ': ' + e.message; }
    }`);
    expect(result).toMatchObject({
      ok: true,
      value: 'CapabilityUnavailable: storage is not available to this function',
    });
  });
});
