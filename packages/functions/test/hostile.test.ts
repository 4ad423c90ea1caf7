// Runs every file of test/hostile/ (sandbox escape and denial-of-service attempts) and checks that
// each ends as its header says, within its limits, leaves the host untouched, and that the host
// keeps serving other invocations and its own timers meanwhile.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFunction } from '../src/bundle';
import { createFunctionPool, type FunctionPool } from '../src/pool';
import type { FunctionBundle, InvocationResult } from '../src/types';
import { functionWorkspace } from './helpers';

interface Expectation {
  ok: boolean;
  kind?: string | string[];
  name?: string;
  message?: string;
  value?: unknown;
  check?: 'protoKey' | 'logsCapped';
}

const dir = join(import.meta.dirname, 'hostile');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.js'))
  .sort();
const GRACE_MS = 200;
// Generous because the machine running the suite may be busy; the limits themselves are far lower than this slack suggests.
const SLACK_MS = 2500;

function header(source: string, key: string): string | undefined {
  return new RegExp(`^// ${key}: (.*)$`, 'm').exec(source)?.[1];
}

function snapshot() {
  const names = (o: object) => Reflect.ownKeys(o).map(String).sort().join(',');
  return {
    object: names(Object.prototype),
    array: names(Array.prototype),
    fn: names(Function.prototype),
    string: names(String.prototype),
    promise: names(Promise.prototype),
    global: names(globalThis),
    toString: Object.prototype.toString,
    push: Array.prototype.push,
    stringify: JSON.stringify,
    parse: JSON.parse,
  };
}

const ws = functionWorkspace();
let pool: FunctionPool;
let bystander: FunctionBundle;

beforeAll(async () => {
  pool = await createFunctionPool({ size: 2, terminateGraceMs: GRACE_MS });
  bystander = await ws.bundle('export async function main(event) { return event; }');
});
afterAll(async () => {
  await pool.close();
  ws.remove();
});

describe('hostile corpus', () => {
  it('has at least 20 attempts, each with an expected outcome', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
    for (const file of files)
      expect(header(readFileSync(join(dir, file), 'utf8'), 'expect'), file).toBeDefined();
  });

  it.each(files)('%s ends as expected, within its limits, and nothing reaches the host', async (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    const expected = JSON.parse(header(source, 'expect') as string) as Expectation;
    const limits = { timeoutMs: 500, memoryMb: 32, ...JSON.parse(header(source, 'limits') ?? '{}') } as {
      timeoutMs: number;
      memoryMb: number;
    };
    const bundle = await bundleFunction({ source: join(dir, file) });
    const event = { user: { name: 'ann', roles: ['reader'] }, items: [1, 2, 3] };
    const eventCopy = structuredClone(event);
    const before = snapshot();

    // The host's own timer must keep firing while the hostile function runs.
    let lastBeat = Date.now();
    let longestGap = 0;
    const heartbeat = setInterval(() => {
      const now = Date.now();
      longestGap = Math.max(longestGap, now - lastBeat);
      lastBeat = now;
    }, 10);

    const started = Date.now();
    const hostile = pool.invoke({
      appId: 'hostile',
      functionName: file,
      bundle,
      event,
      ...limits,
      capabilities: { db: async () => [] },
    });
    // Give the hostile code a head start, then check that another app is still served.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const other = await pool.invoke({
      appId: 'bystander',
      functionName: 'echo',
      bundle: bystander,
      event: { ping: file },
    });
    const otherDoneAt = Date.now() - started;
    const result: InvocationResult = await hostile;
    const elapsed = Date.now() - started;
    clearInterval(heartbeat);

    expect(other, 'a concurrent invocation of another app').toMatchObject({
      ok: true,
      value: { ping: file },
    });
    expect(otherDoneAt).toBeLessThan(limits.timeoutMs + GRACE_MS + SLACK_MS);
    expect(longestGap, 'longest pause of a host timer').toBeLessThan(1000);
    expect(elapsed, 'time to end').toBeLessThan(limits.timeoutMs + GRACE_MS + SLACK_MS);

    expect(result.ok, JSON.stringify(result.ok ? result.value : result.error).slice(0, 300)).toBe(
      expected.ok,
    );
    if (result.ok) {
      if ('value' in expected) expect(result.value).toEqual(expected.value);
    } else {
      const kinds = expected.kind === undefined ? undefined : ([] as string[]).concat(expected.kind);
      if (kinds) expect(kinds).toContain(result.error.kind);
      if (expected.name) expect(result.error.name).toBe(expected.name);
      if (expected.message) expect(result.error.message).toContain(expected.message);
    }
    if (expected.check === 'protoKey' && result.ok) {
      const value = result.value as Record<string, unknown>;
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(Object.keys(value)).toContain('__proto__');
      expect((value as { isAdmin?: unknown }).isAdmin).toBeUndefined();
    }
    if (expected.check === 'logsCapped') {
      expect(result.logs.length).toBeLessThanOrEqual(1001);
      expect(result.logs.at(-1)?.message).toMatch(/dropped/);
    }

    expect(snapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(event).toEqual(eventCopy);
    expect(pool.size).toBe(2);
  });
});
