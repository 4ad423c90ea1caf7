// The MongoDB adapter: the official driver, with string ids and errors as StoreError.
import {
  type ClientSession,
  type Db,
  type Collection as DriverCollection,
  MongoClient,
  MongoError,
  MongoServerError,
} from 'mongodb';
import { checkFindOptions, StoreCursor } from '../cursor';
import { ID_INDEX } from '../embedded/collection';
import { validateCollectionName } from '../embedded/database';
import { validateAppId } from '../embedded/store';
import { ErrorCode, StoreError } from '../errors';
import { newId } from '../object-id';
import { validatePipeline } from '../semantics/aggregate';
import { equalityFields, validateReplacement, validateUpdate, withId } from '../semantics/update';
import type {
  Collection,
  Cursor,
  Document,
  DocumentStore,
  Filter,
  FindOneAndUpdateOptions,
  FindOptions,
  IndexDescription,
  IndexOptions,
  Store,
  UpdateOptions,
  UpdateResult,
  UpdateSpec,
} from '../types';

/** Maps driver and server errors onto StoreError (same codes; 11000 keeps keyValue). */
export function toStoreError(error: unknown): unknown {
  if (error instanceof StoreError) return error;
  if (error instanceof MongoServerError || (error instanceof MongoError && typeof error.code === 'number')) {
    const e = error as MongoServerError;
    const code = typeof e.code === 'number' ? e.code : ErrorCode.BadValue;
    return new StoreError(code, e.message, {
      keyValue: e.keyValue as Record<string, unknown> | undefined,
      keyPattern: (e as { keyPattern?: Record<string, number> }).keyPattern,
      cause: error,
    });
  }
  if (error instanceof MongoError) return new StoreError(ErrorCode.BadValue, error.message, { cause: error });
  return error;
}

async function mapped<R>(fn: () => Promise<R>): Promise<R> {
  try {
    return await fn();
  } catch (error) {
    throw toStoreError(error);
  }
}

function checkId(doc: Document): Document {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    throw new StoreError(ErrorCode.BadValue, 'A document must be an object');
  if (doc._id !== undefined && typeof doc._id !== 'string')
    throw new StoreError(ErrorCode.BadValue, `_id must be a string, got ${typeof doc._id}`);
  if (doc._id === '') throw new StoreError(ErrorCode.BadValue, '_id must not be empty');
  return doc;
}

/** Makes MongoDB give an upserted document a string id instead of an ObjectId. */
export function withUpsertId(filter: Filter, update: UpdateSpec): UpdateSpec {
  if (equalityFields(filter).has('_id')) return update;
  const set = update.$set as Record<string, unknown> | undefined;
  const onInsert = update.$setOnInsert as Record<string, unknown> | undefined;
  if (set && '_id' in set) return update;
  if (onInsert && '_id' in onInsert) return update;
  return { ...update, $setOnInsert: { _id: newId(), ...onInsert } };
}

function result(r: { matchedCount: number; modifiedCount: number; upsertedId?: unknown }): UpdateResult {
  const out: UpdateResult = { matchedCount: r.matchedCount, modifiedCount: r.modifiedCount };
  if (r.upsertedId !== null && r.upsertedId !== undefined) out.upsertedId = String(r.upsertedId);
  return out;
}

class MongoCollection<T extends Document> implements Collection<T> {
  readonly #c: DriverCollection<Document>;
  readonly #session: ClientSession | undefined;

  constructor(db: Db, name: string, session?: ClientSession) {
    this.#c = db.collection<Document>(validateCollectionName(name));
    this.#session = session;
  }

  get #opts() {
    return this.#session ? { session: this.#session } : {};
  }

  insertOne(doc: T): Promise<{ insertedId: string }> {
    return mapped(async () => {
      const stored = withId({ ...checkId(doc) });
      await this.#c.insertOne(stored, this.#opts);
      return { insertedId: stored._id as string };
    });
  }

  insertMany(docs: T[]): Promise<{ insertedIds: string[] }> {
    return mapped(async () => {
      if (!Array.isArray(docs))
        throw new StoreError(ErrorCode.BadValue, 'insertMany expects an array of documents');
      const stored = docs.map((d) => withId({ ...checkId(d) }));
      if (stored.length > 0) await this.#c.insertMany(stored, this.#opts);
      return { insertedIds: stored.map((d) => d._id as string) };
    });
  }

  find(filter: Filter = {}, options?: FindOptions): Cursor<T> {
    const c = this.#c;
    const session = this.#session;
    return new StoreCursor<T>(async function* (opts: FindOptions) {
      const cursor = c.find(filter, {
        ...(session ? { session } : {}),
        ...(opts.projection ? { projection: opts.projection } : {}),
        ...(opts.sort ? { sort: opts.sort } : {}),
        ...(opts.skip ? { skip: opts.skip } : {}),
        ...(opts.limit ? { limit: opts.limit } : {}),
      });
      try {
        for await (const doc of cursor) yield doc as T;
      } catch (error) {
        throw toStoreError(error);
      }
    }, options);
  }

  async findOne(filter: Filter = {}, options?: FindOptions): Promise<T | null> {
    const [doc] = await this.find(filter, { ...options, limit: 1 }).toArray();
    return doc ?? null;
  }

  countDocuments(filter: Filter = {}): Promise<number> {
    return mapped(() => this.#c.countDocuments(filter, this.#opts));
  }

  updateOne(filter: Filter, update: UpdateSpec, options: UpdateOptions = {}): Promise<UpdateResult> {
    return mapped(async () => {
      validateUpdate(update);
      const spec = options.upsert ? withUpsertId(filter, update) : update;
      return result(await this.#c.updateOne(filter, spec, { ...this.#opts, ...options }));
    });
  }

  updateMany(filter: Filter, update: UpdateSpec, options: UpdateOptions = {}): Promise<UpdateResult> {
    return mapped(async () => {
      validateUpdate(update);
      const spec = options.upsert ? withUpsertId(filter, update) : update;
      return result(await this.#c.updateMany(filter, spec, { ...this.#opts, ...options }));
    });
  }

  replaceOne(filter: Filter, doc: T, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    return mapped(async () => {
      validateReplacement(doc);
      checkId(doc);
      if (!options.upsert || doc._id !== undefined || equalityFields(filter).has('_id')) {
        return result(await this.#c.replaceOne(filter, doc, { ...this.#opts, ...options }));
      }
      // Without an _id, MongoDB would invent an ObjectId; give the inserted document a string id.
      const r = await this.#c.replaceOne(filter, doc, this.#opts);
      if (r.matchedCount > 0) return result(r);
      const stored = withId({ ...doc });
      await this.#c.insertOne(stored, this.#opts);
      return { matchedCount: 0, modifiedCount: 0, upsertedId: stored._id as string };
    });
  }

  deleteOne(filter: Filter): Promise<{ deletedCount: number }> {
    return mapped(async () => ({ deletedCount: (await this.#c.deleteOne(filter, this.#opts)).deletedCount }));
  }

  deleteMany(filter: Filter): Promise<{ deletedCount: number }> {
    return mapped(async () => ({
      deletedCount: (await this.#c.deleteMany(filter, this.#opts)).deletedCount,
    }));
  }

  findOneAndUpdate(
    filter: Filter,
    update: UpdateSpec,
    options: FindOneAndUpdateOptions = {},
  ): Promise<T | null> {
    return mapped(async () => {
      validateUpdate(update);
      const opts = checkFindOptions({ sort: options.sort, projection: options.projection });
      const spec = options.upsert ? withUpsertId(filter, update) : update;
      const doc = await this.#c.findOneAndUpdate(filter, spec, {
        ...this.#opts,
        returnDocument: options.returnDocument ?? 'before',
        upsert: options.upsert ?? false,
        ...(opts.sort ? { sort: opts.sort } : {}),
        ...(opts.projection ? { projection: opts.projection } : {}),
        ...(options.arrayFilters ? { arrayFilters: options.arrayFilters } : {}),
        includeResultMetadata: false,
      });
      return (doc as T | null) ?? null;
    });
  }

  createIndex(keys: Record<string, 1 | -1>, options: IndexOptions = {}): Promise<string> {
    return mapped(() =>
      this.#c.createIndex(keys, {
        ...this.#opts,
        ...(options.unique ? { unique: true } : {}),
        ...(options.sparse ? { sparse: true } : {}),
        ...(options.name ? { name: options.name } : {}),
      }),
    );
  }

  // MongoDB does not list or drop indexes inside a transaction: these two never take its session.
  listIndexes(): Promise<IndexDescription[]> {
    return mapped(async () => {
      try {
        const found = await this.#c.listIndexes().toArray();
        return found.map((index) => ({
          name: String(index.name),
          keys: index.key as Record<string, 1 | -1>,
          unique: index.name === ID_INDEX.name || index.unique === true,
          sparse: index.sparse === true,
        }));
      } catch (error) {
        // A collection that does not exist yet has only _id (as in the embedded store).
        if ((error as { code?: unknown }).code === ErrorCode.NamespaceNotFound) return [ID_INDEX];
        throw error;
      }
    });
  }

  dropIndex(name: string): Promise<void> {
    return mapped(async () => {
      // To MongoDB, '*' means every index but _id_.
      if (name === '*') throw new StoreError(ErrorCode.IndexNotFound, 'index not found with name [*]');
      try {
        await this.#c.dropIndex(name);
      } catch (error) {
        if ((error as { code?: unknown }).code === ErrorCode.NamespaceNotFound)
          throw new StoreError(ErrorCode.IndexNotFound, `index not found with name [${name}]`);
        throw error;
      }
    });
  }

  aggregate(pipeline: object[]): Cursor<Document> {
    validatePipeline(pipeline);
    const c = this.#c;
    const session = this.#session;
    return new StoreCursor<Document>(async function* (opts: FindOptions) {
      const stages: object[] = [...pipeline];
      if (opts.sort) stages.push({ $sort: opts.sort });
      if (opts.skip) stages.push({ $skip: opts.skip });
      if (opts.limit) stages.push({ $limit: opts.limit });
      if (opts.projection) stages.push({ $project: opts.projection });
      try {
        for await (const doc of c.aggregate(stages, session ? { session } : {})) yield doc as Document;
      } catch (error) {
        throw toStoreError(error);
      }
    });
  }
}

class MongoDocumentStore implements DocumentStore {
  readonly #client: MongoClient;
  readonly #db: Db;
  readonly #session: ClientSession | undefined;

  constructor(client: MongoClient, db: Db, session?: ClientSession) {
    this.#client = client;
    this.#db = db;
    this.#session = session;
  }

  collection<T extends Document = Document>(name: string): Collection<T> {
    return new MongoCollection<T>(this.#db, name, this.#session);
  }

  listCollections(): Promise<string[]> {
    return mapped(async () => {
      const list = await this.#db
        .listCollections({}, { nameOnly: true, ...(this.#session ? { session: this.#session } : {}) })
        .toArray();
      return list
        .map((c) => c.name)
        .filter((n) => !n.startsWith('system.'))
        .sort();
    });
  }

  dropCollection(name: string): Promise<boolean> {
    return mapped(async () => {
      const options = this.#session ? { session: this.#session } : {};
      // MongoDB 7 no longer fails on a missing collection, so ask first to report false like the embedded store.
      const found = await this.#db
        .listCollections({ name: validateCollectionName(name) }, { nameOnly: true, ...options })
        .toArray();
      if (found.length === 0) return false;
      return this.#db.dropCollection(name, options);
    });
  }

  async withTransaction<R>(fn: (tx: DocumentStore) => Promise<R>): Promise<R> {
    if (this.#session) return fn(this);
    const session = this.#client.startSession();
    try {
      let out: R | undefined;
      await mapped(() =>
        session.withTransaction(async () => {
          out = await fn(new MongoDocumentStore(this.#client, this.#db, session));
        }),
      );
      return out as R;
    } finally {
      await session.endSession();
    }
  }
}

export class MongoStore implements Store {
  readonly #client: MongoClient;
  readonly #prefix: string;

  constructor(client: MongoClient, prefix: string) {
    this.#client = client;
    this.#prefix = prefix;
  }

  platform(): DocumentStore {
    return new MongoDocumentStore(this.#client, this.#client.db(`${this.#prefix}platform`));
  }

  app(appId: string): DocumentStore {
    return new MongoDocumentStore(
      this.#client,
      this.#client.db(`${this.#prefix}app_${validateAppId(appId)}`),
    );
  }

  async dropApp(appId: string): Promise<void> {
    await mapped(() => this.#client.db(`${this.#prefix}app_${validateAppId(appId)}`).dropDatabase());
  }

  async close(): Promise<void> {
    await this.#client.close();
  }
}

export async function openMongoStore(url: string, prefix = 'tessera_'): Promise<Store> {
  const client = new MongoClient(url, { ignoreUndefined: false });
  await mapped(() => client.connect());
  return new MongoStore(client, prefix);
}
