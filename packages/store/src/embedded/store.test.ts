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
});
