import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/index';
import { adapters, ids, Workspace } from './adapters';
import { projectionCases, projectionDoc } from './projection.cases';
import { sortCases } from './sort.cases';

describe.each(adapters)('sort order ($name)', (adapter) => {
  const ws = new Workspace(adapter);
  beforeAll(() => ws.open());
  afterAll(() => ws.close());

  // Each case runs unindexed (sorted after the re-check) and with every sort key indexed (sorted
  // by SQL through the key columns when their order is provably MongoDB's).
  const cases = [
    ...sortCases.map((c) => ({ ...c, indexed: false })),
    ...sortCases.map((c) => ({ ...c, name: `${c.name} (indexed)`, indexed: true })),
  ];
  it.each(cases)('$name', async ({ docs, sort, skip, limit, expect: expected, indexed }) => {
    const indexes = indexed
      ? Object.keys(sort)
          .filter((k) => k !== '_id')
          .map((k) => ({ [k]: 1 as const }))
      : [];
    const c = await ws.collection(docs, indexes);
    expect(ids(await c.find({}, { sort, skip, limit }).toArray())).toEqual(expected);
    // The chained cursor form and the aggregation $sort stage agree with find.
    let cursor = c.find({}).sort(sort);
    if (skip !== undefined) cursor = cursor.skip(skip);
    if (limit !== undefined) cursor = cursor.limit(limit);
    expect(ids(await cursor.toArray())).toEqual(expected);
    const pipeline: object[] = [
      { $project: { _id: 1, v: 1, a: 1, s: 1, n: 1, g: 1, d: 1 } },
      { $sort: sort },
    ];
    if (skip !== undefined) pipeline.push({ $skip: skip });
    if (limit !== undefined) pipeline.push({ $limit: limit });
    expect(ids(await c.aggregate(pipeline).toArray())).toEqual(expected);
  });
});

describe.each(adapters)('projection ($name)', (adapter) => {
  const ws = new Workspace(adapter);
  beforeAll(() => ws.open());
  afterAll(() => ws.close());

  it.each(projectionCases)('$name', async ({ projection, expect: expected, error }) => {
    const c = await ws.collection([projectionDoc]);
    if (error !== undefined) {
      const thrown = await c
        .find({}, { projection })
        .toArray()
        .catch((e: unknown) => e);
      expect(thrown).toBeInstanceOf(StoreError);
      expect((thrown as StoreError).code).toBe(error);
      return;
    }
    expect(await c.find({}, { projection }).toArray()).toEqual([expected]);
    expect(await c.findOne({ _id: '1' }, { projection })).toEqual(expected);
  });
});
