// Unique indexes, transactions and the rest of the collection API, on every adapter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/index';
import { adapters, mongodbUrl, Workspace } from './adapters';

async function rejection(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe.each(adapters)('unique indexes ($name)', (adapter) => {
  const ws = new Workspace(adapter);
  beforeAll(() => ws.open());
  afterAll(() => ws.close());

  it('a duplicate raises E11000 with keyValue', async () => {
    const c = await ws.collection();
    expect(await c.createIndex({ email: 1 }, { unique: true })).toBe('email_1');
    await c.insertOne({ email: 'a@x.io' });
    const e = await rejection(c.insertOne({ email: 'a@x.io' }));
    expect(e.code).toBe(11000);
    expect(e.keyValue).toEqual({ email: 'a@x.io' });
    expect(e.message).toMatch(
      /^E11000 duplicate key error collection: \S+\.case_\d+ index: email_1 dup key: \{ email: "a@x\.io" \}$/,
    );
  });

  it('missing fields count as null, so a second document without the field is a duplicate', async () => {
    const c = await ws.collection();
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertOne({ name: 'a' });
    const e = await rejection(c.insertOne({ name: 'b' }));
    expect(e.code).toBe(11000);
    expect(e.keyValue).toEqual({ email: null });
    expect((await rejection(c.insertOne({ email: null }))).code).toBe(11000);
  });

  it('a sparse unique index skips documents without the field, but not null values', async () => {
    const c = await ws.collection([{ name: 'no phone' }]);
    await c.createIndex({ phone: 1 }, { unique: true, sparse: true });
    await c.insertMany([{ name: 'also none' }, { phone: '123' }, { phone: null }]);
    expect((await rejection(c.insertOne({ phone: '123' }))).keyValue).toEqual({ phone: '123' });
    expect((await rejection(c.insertOne({ phone: null }))).code).toBe(11000);
    expect(await c.countDocuments({ phone: '123' })).toBe(1);
  });

  it('compound unique keys compare the whole tuple', async () => {
    const c = await ws.collection();
    await c.createIndex({ a: 1, b: -1 }, { unique: true, name: 'ab' });
    await c.insertMany([
      { a: 1, b: 1 },
      { a: 1, b: 2 },
      { a: 2, b: 1 },
    ]);
    const e = await rejection(c.insertOne({ a: 1, b: 2 }));
    expect(e.keyValue).toEqual({ a: 1, b: 2 });
    expect(e.message).toContain('index: ab ');
  });

  it('values of different types are different keys (1, "1", true)', async () => {
    const c = await ws.collection();
    await c.createIndex({ k: 1 }, { unique: true });
    await c.insertMany([{ k: 1 }, { k: '1' }, { k: true }, { k: 1.5 }]);
    expect((await rejection(c.insertOne({ k: 1.0 }))).code).toBe(11000);
  });

  it('an update that creates a duplicate fails and leaves the document unchanged', async () => {
    const c = await ws.collection([
      { _id: '1', u: 'a' },
      { _id: '2', u: 'b' },
    ]);
    await c.createIndex({ u: 1 }, { unique: true });
    expect((await rejection(c.updateOne({ _id: '2' }, { $set: { u: 'a' } }))).code).toBe(11000);
    expect(await c.findOne({ _id: '2' })).toEqual({ _id: '2', u: 'b' });
    await c.deleteOne({ _id: '1' });
    expect(await c.updateOne({ _id: '2' }, { $set: { u: 'a' } })).toEqual({
      matchedCount: 1,
      modifiedCount: 1,
    });
  });

  it('creating a unique index over existing duplicates fails', async () => {
    const c = await ws.collection([{ v: 1 }, { v: 1 }]);
    expect((await rejection(c.createIndex({ v: 1 }, { unique: true }))).code).toBe(11000);
  });

  it('a duplicate _id raises E11000 on the _id_ index', async () => {
    const c = await ws.collection([{ _id: 'same' }]);
    const e = await rejection(c.insertOne({ _id: 'same' }));
    expect(e.code).toBe(11000);
    expect(e.keyValue).toEqual({ _id: 'same' });
    expect(e.message).toContain('index: _id_ dup key: { _id: "same" }');
  });

  it('an ordered insertMany keeps the documents before the failing one', async () => {
    const c = await ws.collection();
    const e = await rejection(c.insertMany([{ _id: 'a' }, { _id: 'b' }, { _id: 'a' }, { _id: 'c' }]));
    expect(e.code).toBe(11000);
    expect((await c.find({}, { sort: { _id: 1 } }).toArray()).map((d) => d._id)).toEqual(['a', 'b']);
  });

  it('createIndex is idempotent and refuses a conflicting definition', async () => {
    const c = await ws.collection();
    expect(await c.createIndex({ a: 1 })).toBe('a_1');
    expect(await c.createIndex({ a: 1 })).toBe('a_1');
    await rejection(c.createIndex({ b: 1 }, { name: 'a_1' }));
  });

  it('lists indexes (_id_ first, also before the collection exists) and drops them by name', async () => {
    const c = await ws.collection();
    const id = { name: '_id_', keys: { _id: 1 }, unique: true, sparse: false };
    expect(await c.listIndexes()).toEqual([id]);
    await c.insertMany([{ email: 'a@x.io', at: 1 }, { at: 2 }]);
    await c.createIndex({ email: 1 }, { unique: true, sparse: true });
    await c.createIndex({ at: -1, email: 1 }, { name: 'recent' });
    expect(await c.listIndexes()).toEqual([
      id,
      { name: 'email_1', keys: { email: 1 }, unique: true, sparse: true },
      { name: 'recent', keys: { at: -1, email: 1 }, unique: false, sparse: false },
    ]);
    await c.dropIndex('email_1');
    expect((await c.listIndexes()).map((index) => index.name)).toEqual(['_id_', 'recent']);
    // the unique constraint went with it; queries on the path still answer
    await c.insertOne({ email: 'a@x.io', at: 3 });
    expect(await c.countDocuments({ email: 'a@x.io' })).toBe(2);
    expect((await c.find({}, { sort: { at: -1 } }).toArray()).map((d) => d.at)).toEqual([3, 2, 1]);
    // a dropped index can be made again under its name
    expect(await c.createIndex({ email: 1 })).toBe('email_1');
  });

  it('refuses to drop _id_ or an index that does not exist', async () => {
    const c = await ws.collection();
    expect((await rejection(c.dropIndex('nope_1'))).code).toBe(27);
    await c.insertOne({ a: 1 });
    expect((await rejection(c.dropIndex('nope_1'))).code).toBe(27);
    expect((await rejection(c.dropIndex('_id_'))).code).toBe(72);
    // MongoDB's dropIndex('*') drops every index: never here
    await c.createIndex({ a: 1 });
    expect((await rejection(c.dropIndex('*'))).code).toBe(27);
    await c.dropIndex('a_1');
    expect((await c.listIndexes()).map((index) => index.name)).toEqual(['_id_']);
  });
});

describe.each(adapters)('transactions ($name)', (adapter) => {
  const ws = new Workspace(adapter);
  beforeAll(() => ws.open());
  afterAll(() => ws.close());
  // MongoDB transactions need a replica set; the suite's MongoDB must be one (e.g. `mongod --replSet rs0`).

  it('commits every write together', async () => {
    await ws.db.collection('tx_a').insertOne({ _id: 'seed' });
    const out = await ws.db.withTransaction(async (tx) => {
      await tx.collection('tx_a').insertOne({ _id: 'x' });
      await tx.collection('tx_a').updateOne({ _id: 'seed' }, { $set: { touched: true } });
      return 'done';
    });
    expect(out).toBe('done');
    expect(await ws.db.collection('tx_a').countDocuments()).toBe(2);
    expect(await ws.db.collection('tx_a').findOne({ _id: 'seed' })).toEqual({ _id: 'seed', touched: true });
  });

  it('rolls every write back when the callback throws, and rethrows', async () => {
    await ws.db.collection('tx_b').insertOne({ _id: 'keep', n: 1 });
    await expect(
      ws.db.withTransaction(async (tx) => {
        await tx.collection('tx_b').insertOne({ _id: 'gone' });
        await tx.collection('tx_b').updateOne({ _id: 'keep' }, { $inc: { n: 1 } });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await ws.db.collection('tx_b').find({}).toArray()).toEqual([{ _id: 'keep', n: 1 }]);
  });

  it('reads outside the transaction see only committed data', async () => {
    const c = ws.db.collection('tx_c');
    await c.insertOne({ _id: 'base' });
    let seenOutside = -1;
    await ws.db.withTransaction(async (tx) => {
      await tx.collection('tx_c').insertOne({ _id: 'pending' });
      expect(await tx.collection('tx_c').countDocuments()).toBe(2);
      seenOutside = await c.countDocuments();
    });
    expect(seenOutside).toBe(1);
    expect(await c.countDocuments()).toBe(2);
  });

  it('a concurrent write outside waits for the transaction instead of joining it', async () => {
    const c = ws.db.collection('tx_d');
    let inTransaction!: () => void;
    const started = new Promise<void>((resolve) => {
      inTransaction = resolve;
    });
    // Registered here, outside the callback: like another request arriving during the transaction.
    const outside = started.then(() => c.insertOne({ _id: 'outside' }));
    await expect(
      ws.db.withTransaction(async (tx) => {
        await tx.collection('tx_d').insertOne({ _id: 'inside' });
        inTransaction();
        await new Promise((r) => setTimeout(r, 20));
        throw new Error('undo inside only');
      }),
    ).rejects.toThrow('undo inside only');
    await outside;
    expect((await c.find({}).toArray()).map((d) => d._id)).toEqual(['outside']);
  });

  it.skipIf(adapter.name === 'mongodb')(
    'a write through the outer handle inside the callback fails instead of deadlocking',
    async () => {
      // (Embedded-only: on MongoDB such a write simply runs outside the transaction.)
      const c = ws.db.collection('tx_f');
      const error = await ws.db
        .withTransaction(async (tx) => {
          await tx.collection('tx_f').insertOne({ _id: 'in' });
          await c.insertOne({ _id: 'out' });
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).message).toContain('tx.collection');
      expect(await c.countDocuments()).toBe(0);
    },
  );

  it.skipIf(Boolean(mongodbUrl) && adapter.name === 'mongodb')(
    'a failed write inside can be caught and the transaction still commits',
    async () => {
      // (MongoDB aborts a transaction on any write error, so this behaviour is embedded-only.)
      const c = ws.db.collection('tx_e');
      await c.createIndex({ k: 1 }, { unique: true });
      await c.insertOne({ k: 1 });
      await ws.db.withTransaction(async (tx) => {
        await tx.collection('tx_e').insertOne({ k: 2 });
        await tx
          .collection('tx_e')
          .insertOne({ k: 1 })
          .catch(() => undefined);
        await tx.collection('tx_e').insertOne({ k: 3 });
      });
      expect(await c.countDocuments()).toBe(3);
    },
  );
});

describe.each(adapters)('collections and documents ($name)', (adapter) => {
  const ws = new Workspace(adapter);
  beforeAll(() => ws.open());
  afterAll(() => ws.close());

  it('round-trips dates, nested values, and stores undefined as null', async () => {
    const c = await ws.collection();
    const when = new Date('2024-02-29T12:34:56.789Z');
    const { insertedId } = await c.insertOne({
      when,
      deep: { list: [1, 'two', { three: [3] }], empty: {} },
      nothing: undefined,
      no: null,
    });
    const doc = await c.findOne({ _id: insertedId });
    expect(doc).toEqual({
      _id: insertedId,
      when,
      deep: { list: [1, 'two', { three: [3] }], empty: {} },
      nothing: null,
      no: null,
    });
    expect(doc?.when).toBeInstanceOf(Date);
  });

  it('generates 24-hex string ids, keeps given ones, and refuses non-string ids', async () => {
    const c = await ws.collection();
    const { insertedIds } = await c.insertMany([{ a: 1 }, { _id: 'mine', a: 2 }]);
    expect(insertedIds[0]).toMatch(/^[0-9a-f]{24}$/);
    expect(insertedIds[1]).toBe('mine');
    expect((await rejection(c.insertOne({ _id: 5 } as never))).code).toBe(2);
  });

  it('does not change the caller’s document', async () => {
    const c = await ws.collection();
    const doc = { a: 1 };
    await c.insertOne(doc);
    expect(doc).toEqual({ a: 1 });
  });

  it('streams a large result in natural order, and stops at a limit', async () => {
    const c = await ws.collection();
    await c.insertMany(Array.from({ length: 1234 }, (_, i) => ({ i, even: i % 2 === 0 })));
    let n = 0;
    let last = -1;
    for await (const doc of c.find({ even: true })) {
      expect(doc.i as number).toBeGreaterThan(last);
      last = doc.i as number;
      n++;
    }
    expect(n).toBe(617);
    expect((await c.find({}, { skip: 600, limit: 3 }).toArray()).map((d) => d.i)).toEqual([600, 601, 602]);
    expect((await c.find({}).sort({ i: -1 }).limit(2).toArray()).map((d) => d.i)).toEqual([1233, 1232]);
  });

  it('deleteOne removes one match, deleteMany all', async () => {
    const c = await ws.collection([{ g: 1 }, { g: 1 }, { g: 2 }]);
    expect(await c.deleteOne({ g: 1 })).toEqual({ deletedCount: 1 });
    expect(await c.deleteMany({ g: { $gte: 1 } })).toEqual({ deletedCount: 2 });
    expect(await c.deleteMany({})).toEqual({ deletedCount: 0 });
  });

  it('lists and drops collections', async () => {
    await ws.db.collection('listed_one').insertOne({});
    expect(await ws.db.listCollections()).toContain('listed_one');
    expect(await ws.db.dropCollection('listed_one')).toBe(true);
    expect(await ws.db.listCollections()).not.toContain('listed_one');
    expect(await ws.db.dropCollection('listed_one')).toBe(false);
  });

  it('reading a collection that does not exist finds nothing', async () => {
    const c = ws.db.collection('never_written');
    expect(await c.find({}).toArray()).toEqual([]);
    expect(await c.findOne({})).toBeNull();
    expect(await c.countDocuments({ a: 1 })).toBe(0);
  });

  it('refuses invalid collection names and app ids', async () => {
    expect(() => ws.db.collection('bad$name')).toThrow(StoreError);
    expect(() => ws.db.collection('')).toThrow(StoreError);
    expect(() => ws.store.app('../../etc')).toThrow(StoreError);
  });

  it('rejects bad find options', async () => {
    const c = await ws.collection([{}]);
    await rejection(c.find({}, { limit: -1 }).toArray());
    await rejection(c.find({}, { sort: { a: 2 as never } }).toArray());
  });
});
