import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/index';
import { adapters, Workspace } from './adapters';
import { badUpdateCases, base, updateCases, upsertCases } from './update.cases';

function applyChanges(changes: Record<string, unknown> = {}) {
  const doc: Record<string, unknown> = structuredClone(base);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete doc[k];
    else doc[k] = v;
  }
  return doc;
}

describe.each(adapters)('update operators ($name)', (adapter) => {
  const ws = new Workspace(adapter);
  beforeAll(() => ws.open());
  afterAll(() => ws.close());

  it.each(updateCases)('$name', async ({ filter, update, arrayFilters, changes, modified = true }) => {
    const c = await ws.collection([base]);
    const result = await c.updateOne(filter ?? { _id: '1' }, update, arrayFilters ? { arrayFilters } : {});
    expect(result).toEqual({ matchedCount: 1, modifiedCount: modified ? 1 : 0 });
    expect(await c.findOne({ _id: '1' })).toEqual(applyChanges(changes));
  });

  it('$currentDate sets the current time', async () => {
    const c = await ws.collection([base]);
    const before = Date.now();
    await c.updateOne({ _id: '1' }, { $currentDate: { at: true } });
    const at = (await c.findOne({ _id: '1' }))?.at;
    expect(at).toBeInstanceOf(Date);
    expect((at as Date).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('updateMany updates every match and counts only real changes', async () => {
    const c = await ws.collection([
      { _id: '1', g: 1, v: 0 },
      { _id: '2', g: 1, v: 5 },
      { _id: '3', g: 2, v: 0 },
    ]);
    expect(await c.updateMany({ g: 1 }, { $max: { v: 3 } })).toEqual({ matchedCount: 2, modifiedCount: 1 });
    expect((await c.find({}, { sort: { _id: 1 } }).toArray()).map((d) => d.v)).toEqual([3, 5, 0]);
  });

  it.each(badUpdateCases)('rejects: $name', async ({ update, filter, code }) => {
    const c = await ws.collection([base]);
    const error = await c.updateOne(filter ?? { _id: '1' }, update as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe(code);
    expect(await c.findOne({ _id: '1' })).toEqual(base);
  });
});

describe.each(adapters)('upserts ($name)', (adapter) => {
  const ws = new Workspace(adapter);
  beforeAll(() => ws.open());
  afterAll(() => ws.close());

  it.each(upsertCases)('$name', async ({ filter, update, expect: expected }) => {
    const c = await ws.collection();
    const result = await c.updateOne(filter, update, { upsert: true });
    expect(result.matchedCount).toBe(0);
    expect(result.modifiedCount).toBe(0);
    expect(typeof result.upsertedId).toBe('string');
    if (expected._id === undefined) expect(result.upsertedId).toMatch(/^[0-9a-f]{24}$/);
    else expect(result.upsertedId).toBe(expected._id);
    const docs = await c.find({}).toArray();
    expect(docs).toEqual([{ ...expected, _id: result.upsertedId }]);
    // A second identical upsert matches the inserted document (when it still matches) instead of inserting again.
    if ((await c.countDocuments(filter)) === 1) {
      const again = await c.updateOne(filter, update, { upsert: true });
      expect(again.upsertedId).toBeUndefined();
      expect(await c.countDocuments()).toBe(1);
    }
  });

  it('updateMany with upsert inserts one document', async () => {
    const c = await ws.collection();
    const r = await c.updateMany({ kind: 'k' }, { $set: { v: 1 } }, { upsert: true });
    expect(r.upsertedId).toMatch(/^[0-9a-f]{24}$/);
    expect(await c.find({}, { projection: { _id: 0 } }).toArray()).toEqual([{ kind: 'k', v: 1 }]);
  });

  it('replaceOne with upsert inserts the replacement only (plus the filter _id)', async () => {
    const c = await ws.collection();
    const r1 = await c.replaceOne({ name: 'x' }, { v: 1 }, { upsert: true });
    expect(await c.findOne({ _id: r1.upsertedId })).toEqual({ _id: r1.upsertedId, v: 1 });
    const r2 = await c.replaceOne({ _id: 'r1' }, { v: 2 }, { upsert: true });
    expect(r2.upsertedId).toBe('r1');
    expect(await c.findOne({ _id: 'r1' })).toEqual({ _id: 'r1', v: 2 });
  });

  it('replaceOne replaces the whole document and keeps _id', async () => {
    const c = await ws.collection([{ _id: '1', a: 1, b: 2 }]);
    expect(await c.replaceOne({ a: 1 }, { c: 3 })).toEqual({ matchedCount: 1, modifiedCount: 1 });
    expect(await c.findOne({})).toEqual({ _id: '1', c: 3 });
    const error = await c.replaceOne({ _id: '1' }, { _id: '2', c: 3 }).catch((e: unknown) => e);
    expect((error as StoreError).code).toBe(66);
    const bad = await c.replaceOne({ _id: '1' }, { $set: { c: 1 } } as never).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(StoreError);
  });

  it('findOneAndUpdate returns the document before or after, honouring sort', async () => {
    const c = await ws.collection([
      { _id: '1', q: 1, n: 5 },
      { _id: '2', q: 1, n: 9 },
    ]);
    const before = await c.findOneAndUpdate({ q: 1 }, { $inc: { n: 1 } }, { sort: { n: -1 } });
    expect(before).toEqual({ _id: '2', q: 1, n: 9 });
    const after = await c.findOneAndUpdate(
      { q: 1 },
      { $inc: { n: 1 } },
      { sort: { n: 1 }, returnDocument: 'after', projection: { n: 1, _id: 0 } },
    );
    expect(after).toEqual({ n: 6 });
    expect(await c.findOneAndUpdate({ q: 2 }, { $set: { n: 0 } })).toBeNull();
    const upserted = await c.findOneAndUpdate(
      { q: 3 },
      { $set: { n: 0 } },
      { upsert: true, returnDocument: 'after' },
    );
    expect(upserted).toMatchObject({ q: 3, n: 0 });
    expect(upserted?._id).toMatch(/^[0-9a-f]{24}$/);
  });
});
