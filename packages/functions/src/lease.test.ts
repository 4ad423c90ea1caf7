import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '@tessera/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireLease, claimTick, releaseLease } from './lease';
import { Scheduler } from './scheduler';

// Two store handles on one data dir stand for two server processes sharing the database.
let dataDir: string;
let one: Store;
let two: Store;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tessera-lease-'));
  one = await openStore({ dataDir });
  two = await openStore({ dataDir });
});
afterAll(async () => {
  await one.close();
  await two.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('acquireLease', () => {
  it('gives a lease to one holder until it expires or is released', async () => {
    expect(await acquireLease(one, 'job', 'p1', 300)).toBe(true);
    expect(await acquireLease(two, 'job', 'p2', 300)).toBe(false);
    expect(await acquireLease(one, 'job', 'p1', 300)).toBe(true); // renewal
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await acquireLease(two, 'job', 'p2', 300)).toBe(true);
    expect(await acquireLease(one, 'job', 'p1', 300)).toBe(false);
    await releaseLease(two, 'job', 'p2');
    expect(await acquireLease(one, 'job', 'p1', 300)).toBe(true);
  });

  it('lets exactly one of many racing holders win', async () => {
    const wins = await Promise.all(
      Array.from({ length: 10 }, (_, i) => acquireLease(i % 2 ? one : two, 'race', `p${i}`, 10_000)),
    );
    expect(wins.filter(Boolean)).toHaveLength(1);
  });
});

describe('claimTick', () => {
  it('lets one process claim each tick, and never an older one', async () => {
    const t1 = new Date('2030-01-01T00:00:00Z');
    const t2 = new Date('2030-01-01T00:01:00Z');
    const first = await Promise.all([claimTick(one, 'app/fn', t1, 'p1'), claimTick(two, 'app/fn', t1, 'p2')]);
    expect(first.filter(Boolean)).toHaveLength(1);
    expect(await claimTick(two, 'app/fn', t2, 'p2')).toBe(true);
    expect(await claimTick(one, 'app/fn', t1, 'p1')).toBe(false);
  });
});

describe('Scheduler', () => {
  it('fires a short schedule on time, once per tick across two processes', async () => {
    const fired: { holder: string; tick: string; late: number }[] = [];
    const make = (store: Store, holder: string) =>
      new Scheduler({
        store,
        holder,
        onFire: (_job, tick) => {
          fired.push({ holder, tick: tick.toISOString(), late: Date.now() - tick.getTime() });
        },
      });
    const schedulers = [make(one, 'p1'), make(two, 'p2')];
    for (const s of schedulers) s.schedule({ id: 'app/everySecond', cron: '* * * * * *' });
    await new Promise((resolve) => setTimeout(resolve, 3200));
    for (const s of schedulers) s.stop();
    const ticks = fired.map((f) => f.tick);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(new Set(ticks).size).toBe(ticks.length);
    for (const f of fired) expect(f.late).toBeLessThan(1000);
  });
});
