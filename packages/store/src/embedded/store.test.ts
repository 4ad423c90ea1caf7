import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store, StoreError } from '../index';

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-store-'));
  store = await openStore({ dataDir: dir });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('embedded store', () => {
  it('inserts, finds, updates and deletes', async () => {
    const users = store.platform().collection('users');
    const { insertedId } = await users.insertOne({ name: 'Ada', age: 36 });
    expect(insertedId).toMatch(/^[0-9a-f]{24}$/);
    expect(await users.findOne({ name: 'Ada' })).toEqual({ _id: insertedId, name: 'Ada', age: 36 });
    expect(await users.updateOne({ _id: insertedId }, { $inc: { age: 1 } })).toEqual({
      matchedCount: 1,
      modifiedCount: 1,
    });
    expect((await users.findOne({ _id: insertedId }))?.age).toBe(37);
    expect(await users.deleteOne({ name: 'Ada' })).toEqual({ deletedCount: 1 });
    expect(await users.countDocuments()).toBe(0);
  });

  it('keeps apps in separate files and rejects app ids that leave the data directory', async () => {
    await store.app('a1').collection('posts').insertOne({ t: 1 });
    expect(await store.app('a2').collection('posts').countDocuments()).toBe(0);
    expect(() => store.app('../evil')).toThrow(StoreError);
    expect(() => store.app('a/b')).toThrow(/Invalid app id/);
    await store.dropApp('a1');
    expect(await store.app('a1').collection('posts').countDocuments()).toBe(0);
  });

  it('uses the expression index for equality on an indexed field', async () => {
    const posts = store.app('x').collection('posts');
    await posts.createIndex({ status: 1 });
    await posts.insertMany(Array.from({ length: 50 }, (_, i) => ({ status: i % 2 ? 'draft' : 'live', i })));
    expect(await posts.countDocuments({ status: 'live' })).toBe(25);
    const page = await posts.find({ status: 'draft' }, { limit: 3 }).toArray();
    expect(page.map((d) => d.i)).toEqual([1, 3, 5]);
  });

  describe('names SQLite compares without case', () => {
    const refusal = async (promise: Promise<unknown>) => {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StoreError);
      return error as StoreError;
    };

    it('refuses a collection named like another but for case, and never reads or drops the other', async () => {
      const db = store.app('a1');
      await db.collection('People').insertOne({ _id: 'p1', secret: true });
      const error = await refusal(db.collection('people').insertOne({ _id: 'x' }));
      expect(error.code).toBe(73);
      expect(error.message).toMatch(/differs only in case from the existing collection "People"/);
      expect(await db.collection('people').find({}).toArray()).toEqual([]);
      expect(await db.collection('people').countDocuments()).toBe(0);
      expect(await db.collection('people').countDocuments({ secret: true })).toBe(0);
      expect(await db.dropCollection('people')).toBe(false);
      expect(await db.collection('People').countDocuments()).toBe(1);
      expect(await db.listCollections()).toEqual(['People']);
    });

    it('refuses index names and field paths that would clash, and the collection stays writable', async () => {
      const db = store.app('a1');
      const fresh = db.collection('fresh');
      // on a collection with no table yet: the failed createIndex must not leave a cached table behind
      expect((await refusal(fresh.createIndex({ Email: 1, email: 1 }))).message).toMatch(
        /"email": it differs only in case from the field "Email"/,
      );
      await fresh.insertOne({ _id: 'f1', Email: 'a@x.io' });
      expect(await fresh.countDocuments()).toBe(1);

      await fresh.createIndex({ Email: 1 }, { name: 'ByMail' });
      expect((await refusal(fresh.createIndex({ other: 1 }, { name: 'bymail' }))).code).toBe(86);
      expect((await refusal(fresh.createIndex({ email: 1 }))).code).toBe(2);
      // collection "a_b" index "c" and collection "a" index "b_c" would share one SQL name
      await db.collection('a_b').createIndex({ x: 1 }, { name: 'c' });
      expect((await refusal(db.collection('a').createIndex({ x: 1 }, { name: 'b_c' }))).code).toBe(86);
      await db.collection('a').insertOne({ x: 1 });
      expect((await fresh.listIndexes()).map((index) => index.name)).toEqual(['_id_', 'ByMail']);
    });

    it('lists only committed indexes while a transaction is open', async () => {
      const db = store.app('a1');
      await db.collection('t').insertOne({ a: 1 });
      let seenInside: string[] = [];
      await refusal(
        db.withTransaction(async (tx) => {
          await tx.collection('t').createIndex({ a: 1 });
          seenInside = (await db.collection('t').listIndexes()).map((index) => index.name);
          throw new StoreError(2, 'roll back');
        }),
      );
      expect(seenInside).toEqual(['_id_']);
      expect((await db.collection('t').listIndexes()).map((index) => index.name)).toEqual(['_id_']);
    });
  });
});
