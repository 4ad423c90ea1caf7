// The parts of the MongoDB adapter that need no server; the conformance suite covers the rest
// when MONGODB_URL is set.
import { MongoServerError } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../errors';
import { toStoreError, withUpsertId } from './store';

describe('MongoDB adapter', () => {
  it('maps a duplicate key error to StoreError 11000 with keyValue and keyPattern', () => {
    const driverError = new MongoServerError({
      message: 'E11000 duplicate key error collection: t.users index: email_1 dup key: { email: "a@b.c" }',
      code: 11000,
      keyValue: { email: 'a@b.c' },
      keyPattern: { email: 1 },
    });
    const mapped = toStoreError(driverError) as StoreError;
    expect(mapped).toBeInstanceOf(StoreError);
    expect(mapped.code).toBe(11000);
    expect(mapped.keyValue).toEqual({ email: 'a@b.c' });
    expect(mapped.keyPattern).toEqual({ email: 1 });
    expect(mapped.message).toContain('E11000');
  });

  it('leaves errors that are not the driver’s alone', () => {
    const plain = new TypeError('x');
    expect(toStoreError(plain)).toBe(plain);
  });

  it('gives upserted documents a string _id unless the filter or update fixes one', () => {
    const withId = withUpsertId({ name: 'x' }, { $set: { v: 1 }, $setOnInsert: { created: 1 } });
    expect(withId.$set).toEqual({ v: 1 });
    expect((withId.$setOnInsert as Record<string, unknown>).created).toBe(1);
    expect((withId.$setOnInsert as Record<string, unknown>)._id).toMatch(/^[0-9a-f]{24}$/);
    expect(withUpsertId({ _id: 'given' }, { $set: { v: 1 } })).toEqual({ $set: { v: 1 } });
    expect(withUpsertId({ a: 1 }, { $set: { _id: 'mine' } })).toEqual({ $set: { _id: 'mine' } });
  });
});
