import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/index';
import { adapters, Workspace } from './adapters';
import { aggregateCases, badPipelines, customers, orders } from './aggregate.cases';

describe.each(adapters)('aggregation ($name)', (adapter) => {
  const ws = new Workspace(adapter);
  beforeAll(async () => {
    await ws.open();
    await ws.db.collection('orders').insertMany(structuredClone(orders));
    await ws.db.collection('customers').insertMany(structuredClone(customers));
  });
  afterAll(() => ws.close());

  it.each(aggregateCases)('$name', async ({ pipeline, expect: expected }) => {
    const out = await ws.db.collection('orders').aggregate(pipeline).toArray();
    // Without a final $sort MongoDB guarantees no order; compare as sets unless the pipeline sorts last.
    const sorted = pipeline.some((s) => '$sort' in s || '$facet' in s);
    if (sorted) expect(out).toEqual(expected);
    else expect(out).toEqual(expect.arrayContaining(expected));
    expect(out).toHaveLength(expected.length);
  });

  it.each(badPipelines)('rejects $name', async ({ pipeline }) => {
    const error = await Promise.resolve()
      .then(() =>
        ws.db
          .collection('orders')
          .aggregate(pipeline as object[])
          .toArray(),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
  });
});
