import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../index';
import { sortDocuments } from '../semantics/order';
import { planFilter, planSort } from './planner';

describe('planner', () => {
  const paths = [
    { path: 'status', multikey: false, objects: false },
    { path: 'tags', multikey: true, objects: false },
    { path: 'meta', multikey: false, objects: true },
  ];

  it('pushes equality, ranges and $in on single-value indexed paths, and nothing else', () => {
    expect(planFilter({ status: 'x' }, paths).where).toBe('"k:status" = ?');
    expect(planFilter({ status: { $gt: 3 } }, paths).where).toBe('"k:status" > ? AND "k:status" < ?');
    expect(planFilter({ status: { $in: ['a', null] } }, paths).where).toBe('"k:status" IN (?, ?)');
    expect(planFilter({ tags: 'a' }, paths).where).toBe('1'); // multikey: equality matches elements too
    expect(planFilter({ other: 1, status: { $regex: 'x' } }, paths).where).toBe('1');
    expect(planFilter({ $and: [{ _id: 'a' }, { status: null }] }, paths).where).toBe(
      '_id = ? AND "k:status" = ?',
    );
  });

  it('sorts in SQL only when key order is MongoDB order', () => {
    expect(planSort({ status: -1, _id: 1 }, paths)).toBe('"k:status" DESC, _id ASC');
    expect(planSort({ tags: 1 }, paths)).toBeUndefined(); // arrays sort by their smallest element
    expect(planSort({ meta: 1 }, paths)).toBeUndefined(); // embedded documents compare field by field
    expect(planSort({ unindexed: 1 }, paths)).toBeUndefined();
  });
});

describe('indexed sort', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-planner-'));
    store = await openStore({ dataDir: dir });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pages through dates newest first exactly like an in-memory sort', async () => {
    const c = store.app('p').collection('posts');
    await c.createIndex({ status: 1, createdAt: -1 });
    const start = Date.UTC(2024, 0, 1);
    const docs = Array.from({ length: 300 }, (_, i) => ({
      _id: `d${String(i).padStart(3, '0')}`,
      status: i % 3 === 0 ? 'live' : 'draft',
      createdAt: new Date(start + ((i * 7919) % 300) * 3_600_000),
    }));
    await c.insertMany(docs);
    const expected = sortDocuments(
      docs.filter((d) => d.status === 'live'),
      { createdAt: -1 },
    ).map((d) => d._id);
    const pages: string[] = [];
    for (let skip = 0; skip < 100; skip += 20) {
      const page = await c.find({ status: 'live' }, { sort: { createdAt: -1 }, skip, limit: 20 }).toArray();
      pages.push(...page.map((d) => d._id as string));
    }
    expect(pages).toEqual(expected);
  });
});

describe('exact plans', () => {
  const paths = [
    { path: 'status', multikey: false, objects: false },
    { path: 'tags', multikey: true, objects: false },
  ];
  it('are exact only for equalities on _id and single-value indexed paths', () => {
    expect(planFilter({ status: 'x', _id: { $in: ['a', 'b'] } }, paths).exact).toBe(true);
    expect(planFilter({ status: null }, paths).exact).toBe(true);
    expect(planFilter({ status: { $gt: 1 } }, paths).exact).toBe(false);
    expect(planFilter({ status: { $in: [/x/] } }, paths).exact).toBe(false);
    expect(planFilter({ tags: 'a' }, paths).exact).toBe(false);
    expect(planFilter({ other: 1 }, paths).exact).toBe(false);
    expect(planFilter({ status: { a: 1 } }, paths).exact).toBe(false);
  });
});
