// The public API of @tessera/store: a subset of the MongoDB driver, identical on every adapter.

export type Document = Record<string, unknown> & { _id?: string };
export type Filter = Record<string, unknown>;
export type UpdateSpec = Record<string, unknown>;
export type SortSpec = Record<string, 1 | -1>;
export type Projection = Record<string, unknown>;

export type StoreOptions = { dataDir: string } | { mongodbUrl: string; dbPrefix?: string };

export interface Store {
  /** The platform database (accounts, apps, audit...). */
  platform(): DocumentStore;
  /** One database per app (embedded: one SQLite file per app). */
  app(appId: string): DocumentStore;
  dropApp(appId: string): Promise<void>;
  close(): Promise<void>;
}

export interface DocumentStore {
  collection<T extends Document = Document>(name: string): Collection<T>;
  listCollections(): Promise<string[]>;
  dropCollection(name: string): Promise<boolean>;
  /** Runs `fn` all-or-nothing: a throw rolls every write back and rethrows. */
  withTransaction<R>(fn: (tx: DocumentStore) => Promise<R>): Promise<R>;
}

export interface FindOptions {
  projection?: Projection;
  sort?: SortSpec;
  skip?: number;
  limit?: number;
}

export interface UpdateOptions {
  upsert?: boolean;
  arrayFilters?: Filter[];
}

export interface UpdateResult {
  matchedCount: number;
  modifiedCount: number;
  upsertedId?: string;
}

export interface FindOneAndUpdateOptions {
  returnDocument?: 'before' | 'after';
  upsert?: boolean;
  sort?: SortSpec;
  projection?: Projection;
  arrayFilters?: Filter[];
}

export interface IndexOptions {
  unique?: boolean;
  name?: string;
  /** Leave out documents that lack every indexed field (MongoDB's sparse index). */
  sparse?: boolean;
}

/** An index as `listIndexes` reports it; `_id_` (on `_id`, unique) is always there. */
export interface IndexDescription {
  name: string;
  keys: Record<string, 1 | -1>;
  unique: boolean;
  sparse: boolean;
}

export interface Cursor<T> extends AsyncIterable<T> {
  toArray(): Promise<T[]>;
  sort(sort: SortSpec): Cursor<T>;
  skip(n: number): Cursor<T>;
  limit(n: number): Cursor<T>;
  project<P extends Document = Document>(projection: Projection): Cursor<P>;
}

export interface Collection<T extends Document = Document> {
  insertOne(doc: T): Promise<{ insertedId: string }>;
  insertMany(docs: T[]): Promise<{ insertedIds: string[] }>;
  find(filter?: Filter, options?: FindOptions): Cursor<T>;
  findOne(filter?: Filter, options?: FindOptions): Promise<T | null>;
  countDocuments(filter?: Filter): Promise<number>;
  updateOne(filter: Filter, update: UpdateSpec, options?: UpdateOptions): Promise<UpdateResult>;
  updateMany(filter: Filter, update: UpdateSpec, options?: UpdateOptions): Promise<UpdateResult>;
  replaceOne(filter: Filter, doc: T, options?: { upsert?: boolean }): Promise<UpdateResult>;
  deleteOne(filter: Filter): Promise<{ deletedCount: number }>;
  deleteMany(filter: Filter): Promise<{ deletedCount: number }>;
  findOneAndUpdate(filter: Filter, update: UpdateSpec, options?: FindOneAndUpdateOptions): Promise<T | null>;
  createIndex(keys: Record<string, 1 | -1>, options?: IndexOptions): Promise<string>;
  /** The collection's indexes, `_id_` first; a collection that does not exist yet has only `_id_`. */
  listIndexes(): Promise<IndexDescription[]>;
  /** Drops the named index: IndexNotFound (27) when there is none, InvalidOptions (72) for `_id_`. */
  dropIndex(name: string): Promise<void>;
  aggregate(pipeline: object[]): Cursor<Document>;
}
