import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/index';
import { adapters, ids, Workspace } from './adapters';
import { badFilters, people, peopleIndexes, queryCases } from './query.cases';

// Each case runs three ways: no index (pure re-check), indexes created before the documents
// (the planner tracks arrays as they arrive) and after them (createIndex scans existing data).
const variants = ['no index', 'indexed before insert', 'indexed after insert'] as const;

describe.each(adapters)('query operators ($name)', (adapter) => {
  const ws = new Workspace(adapter);
  const collections = new Map<string, Awaited<ReturnType<Workspace['collection']>>>();
  beforeAll(async () => {
    await ws.open();
    collections.set('no index', await ws.collection(people));
    collections.set('indexed before insert', await ws.collection(people, peopleIndexes));
    const after = await ws.collection(people);
    for (const keys of peopleIndexes) await after.createIndex(keys);
    collections.set('indexed after insert', after);
  });
  afterAll(() => ws.close());

  for (const variant of variants) {
    describe(variant, () => {
      it.each(queryCases)('$name', async ({ filter, expect: expected }) => {
        const c = collections.get(variant);
        if (!c) throw new Error('collection missing');
        const found = await c.find(filter).toArray();
        expect(ids(found).sort()).toEqual([...expected].sort());
        expect(await c.countDocuments(filter)).toBe(expected.length);
      });
    });
  }

  it.each(badFilters)('rejects a bad filter: $name', async ({ filter }) => {
    const c = collections.get('no index');
    const error = await c
      ?.find(filter)
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe(2);
  });
});
