import type { Collection, Document, DocumentStore, Filter, Store } from '@tessera/store';
import { httpError } from '../../errors';
import { constrain } from '../../rules/read-filter';
import type { CompiledRules, WriteOperation } from '../../rules/security-rules';
import { type AppUser, ruleAuth } from '../app-auth/app-user';
import { prepareValues } from './extended-json';
import {
  QueryError,
  validateCollectionName,
  validateDocument,
  validateFilter,
  validateId,
  validateProjection,
  validateSort,
  validateUpdate,
} from './query-validation';
import type { RulesRepository } from './rules-repository';

/** Who is asking: an app user (or null when signed out) under the collection's rules, or 'bypass'. */
export type DatabaseCaller = AppUser | null | 'bypass';

export interface QueryInput {
  filter?: unknown;
  sort?: unknown;
  skip?: number;
  limit?: number;
  projection?: unknown;
}

/** A committed write, as other plugins see it (cloud functions' database triggers). */
export interface DataChange {
  appId: string;
  collection: string;
  event: 'insert' | 'update' | 'delete';
  /** The documents as written (updates are read after the commit) or, for deletes, as they were. */
  documents(): Promise<Document[]>;
  /** 0 for writes of apps and builders; n for a write made by a function that a change started n levels deep. */
  triggerDepth: number;
}

export interface ChangeOptions {
  /**
   * Told about every committed write, after the commit; the write is acknowledged once it resolves
   * (a listener resolves when it has recorded the change, not when its work is done). Never rejects.
   */
  onChange?: (change: DataChange) => Promise<void>;
  triggerDepth?: number;
}

export const defaultLimit = 100;
export const maxLimit = 1000;
/** Most documents one update/remove by filter may touch (each one is checked against the rule). */
export const maxBatch = 1000;

/**
 * An app's database as one caller sees it: every read is narrowed by the read rule, every write
 * checked by the write rules, unless the caller is explicitly 'bypass' (builders, cloud functions).
 */
export class AppDatabase {
  constructor(
    private readonly store: Store,
    private readonly rules: RulesRepository,
    readonly appId: string,
    readonly caller: DatabaseCaller,
    private readonly changes: ChangeOptions = {},
  ) {}

  collection(name: string): AppCollection {
    return new AppCollection(
      this.store.app(this.appId),
      this.rules,
      this.appId,
      guard(() => validateCollectionName(name)),
      this.caller,
      this.changes,
    );
  }

  /** Collections that hold app data (the server's own, starting with "_", are left out). */
  async listCollections(): Promise<string[]> {
    return (await this.store.app(this.appId).listCollections())
      .filter((name) => !name.startsWith('_'))
      .sort();
  }
}

export class AppCollection {
  private readonly bypass: boolean;

  constructor(
    private readonly db: DocumentStore,
    private readonly repository: RulesRepository,
    private readonly appId: string,
    readonly name: string,
    private readonly caller: DatabaseCaller,
    private readonly changes: ChangeOptions = {},
  ) {
    this.bypass = caller === 'bypass';
  }

  /** Tells the listener about a committed write; the documents are only read if it asks (once). */
  private async changed(event: DataChange['event'], read: () => Promise<Document[]>): Promise<void> {
    const { onChange, triggerDepth = 0 } = this.changes;
    if (!onChange) return;
    let documents: Promise<Document[]> | undefined;
    await onChange({
      appId: this.appId,
      collection: this.name,
      event,
      documents: () => (documents ??= read()),
      triggerDepth,
    });
  }

  private readBack(ids: string[]): () => Promise<Document[]> {
    return () =>
      this.collection()
        .find({ _id: { $in: ids } }, { limit: ids.length })
        .toArray();
  }

  async query(input: QueryInput = {}): Promise<Document[]> {
    const filter = guard(() => validateFilter(prepareValues(input.filter)));
    const sort = guard(() => validateSort(input.sort));
    const projection = guard(() => validateProjection(input.projection));
    const limit = Math.min(input.limit ?? defaultLimit, maxLimit);
    const visible = await this.readable(filter);
    if (!visible) return [];
    return this.collection()
      .find(visible, { sort, projection, skip: input.skip ?? 0, limit })
      .toArray();
  }

  async count(input: { filter?: unknown } = {}): Promise<number> {
    const filter = guard(() => validateFilter(prepareValues(input.filter)));
    const visible = await this.readable(filter);
    return visible ? this.collection().countDocuments(visible) : 0;
  }

  /** The document, or 404 when it does not exist or the read rule hides it (the two look alike). */
  async get(id: string, projection?: unknown): Promise<Document> {
    const fields = guard(() => validateProjection(projection));
    const document = await this.findVisible(
      guard(() => validateId(id)),
      fields,
    );
    if (!document) throw notFound(this.name, id);
    return document;
  }

  async add(data: unknown): Promise<string> {
    const document = this.newDocument(data);
    const rules = await this.rulesOrNull();
    if (rules && !rules.allows('create', this.writeContext(document, data)))
      throw forbidden('create', this.name);
    const id = await storeCall(async () => (await this.collection().insertOne(document)).insertedId);
    const written = { ...document, _id: id };
    await this.changed('insert', async () => [written]);
    return id;
  }

  /** Replaces (or creates) the document with this id: the update rule if it exists, the create rule if not. */
  async set(id: string, data: unknown): Promise<{ created: boolean }> {
    const docId = guard(() => validateId(id));
    const replacement = this.newDocument(data);
    delete replacement._id;
    const rules = await this.rulesOrNull();
    const result = await storeCall(() =>
      this.db.withTransaction(async (tx) => {
        const collection = tx.collection(this.name);
        const existing = await collection.findOne({ _id: docId });
        if (existing) {
          if (rules && !(await this.isVisible(collection, docId, rules)))
            throw forbidden('update', this.name);
          if (rules && !rules.allows('update', this.writeContext(existing, data)))
            throw forbidden('update', this.name);
          // The creator stays the owner of a replaced document.
          const kept = existing._openid === undefined ? {} : { _openid: existing._openid };
          await collection.replaceOne({ _id: docId }, { ...replacement, ...kept, _id: docId });
          return { created: false };
        }
        const created = { ...replacement, _id: docId };
        if (rules && !rules.allows('create', this.writeContext(created, data)))
          throw forbidden('create', this.name);
        await collection.insertOne(created);
        return { created: true };
      }),
    );
    await this.changed(result.created ? 'insert' : 'update', this.readBack([docId]));
    return result;
  }

  async updateById(id: string, update: unknown): Promise<{ updated: number }> {
    const docId = guard(() => validateId(id));
    const spec = guard(() => validateUpdate(prepareValues(update)));
    const rules = await this.rulesOrNull();
    const result = await storeCall(() =>
      this.db.withTransaction(async (tx) => {
        const collection = tx.collection(this.name);
        const existing = await this.findVisibleIn(collection, docId, rules);
        if (!existing) throw notFound(this.name, docId);
        if (rules && !rules.allows('update', this.writeContext(existing, update)))
          throw forbidden('update', this.name);
        const result = await collection.updateOne({ _id: docId }, spec);
        return { updated: result.modifiedCount };
      }),
    );
    if (result.updated > 0) await this.changed('update', this.readBack([docId]));
    return result;
  }

  /** Updates every visible document matching the filter, or none (403) if the rule refuses any of them. */
  async updateWhere(filterInput: unknown, update: unknown): Promise<{ updated: number }> {
    const filter = guard(() => validateFilter(prepareValues(filterInput)));
    const spec = guard(() => validateUpdate(prepareValues(update)));
    let touched: string[] = [];
    const result = await this.eachVisible(filter, 'update', update, async (collection, documents) => {
      touched = documents.map((document) => document._id as string);
      const result = await collection.updateMany({ _id: { $in: touched } }, spec);
      return { updated: result.modifiedCount };
    });
    if (result.updated > 0) await this.changed('update', this.readBack(touched));
    return result;
  }

  async removeById(id: string): Promise<{ deleted: number }> {
    const docId = guard(() => validateId(id));
    const rules = await this.rulesOrNull();
    let removed: Document | null = null;
    const result = await storeCall(() =>
      this.db.withTransaction(async (tx) => {
        const collection = tx.collection(this.name);
        const existing = await this.findVisibleIn(collection, docId, rules);
        if (!existing) throw notFound(this.name, docId);
        if (rules && !rules.allows('delete', this.writeContext(existing, null)))
          throw forbidden('delete', this.name);
        removed = existing;
        return { deleted: (await collection.deleteOne({ _id: docId })).deletedCount };
      }),
    );
    const before = removed as Document | null;
    if (result.deleted > 0 && before) await this.changed('delete', async () => [before]);
    return result;
  }

  async removeWhere(filterInput: unknown): Promise<{ deleted: number }> {
    const filter = guard(() => validateFilter(prepareValues(filterInput)));
    let removed: Document[] = [];
    const result = await this.eachVisible(filter, 'delete', null, async (collection, documents) => {
      removed = documents;
      const ids = documents.map((document) => document._id as string);
      return { deleted: (await collection.deleteMany({ _id: { $in: ids } })).deletedCount };
    });
    if (result.deleted > 0) await this.changed('delete', async () => removed);
    return result;
  }

  private async eachVisible<R>(
    filter: Filter,
    operation: WriteOperation,
    data: unknown,
    write: (collection: Collection, documents: Document[]) => Promise<R>,
  ): Promise<R> {
    const rules = await this.rulesOrNull();
    const visible = rules ? constrain(filter, rules.readFilter(this.ruleContext())) : filter;
    return storeCall(() =>
      this.db.withTransaction(async (tx) => {
        const collection = tx.collection(this.name);
        const documents = visible ? await collection.find(visible, { limit: maxBatch + 1 }).toArray() : [];
        if (documents.length > maxBatch)
          throw httpError(400, `The filter matches more than ${maxBatch} documents; narrow it and repeat.`);
        for (const document of documents)
          if (rules && !rules.allows(operation, this.writeContext(document, data)))
            throw forbidden(operation, this.name);
        return write(collection, documents);
      }),
    );
  }

  private collection(): Collection {
    return this.db.collection(this.name);
  }

  private async rulesOrNull(): Promise<CompiledRules | null> {
    return this.bypass ? null : this.repository.rulesFor(this.appId, this.name);
  }

  private ruleContext() {
    return { auth: ruleAuth(this.bypass ? null : (this.caller as AppUser | null)), now: Date.now() };
  }

  private writeContext(doc: Document, data: unknown) {
    return { ...this.ruleContext(), doc, request: { data } };
  }

  /** The client's filter narrowed by the read rule; null when the rule hides everything. */
  private async readable(filter: Filter): Promise<Filter | null> {
    const rules = await this.rulesOrNull();
    return rules ? constrain(filter, rules.readFilter(this.ruleContext())) : filter;
  }

  private async findVisible(id: string, projection?: Record<string, 0 | 1>): Promise<Document | null> {
    const visible = await this.readable({ _id: id });
    return visible ? this.collection().findOne(visible, { projection }) : null;
  }

  private async findVisibleIn(
    collection: Collection,
    id: string,
    rules: CompiledRules | null,
  ): Promise<Document | null> {
    const visible = rules ? constrain({ _id: id }, rules.readFilter(this.ruleContext())) : { _id: id };
    return visible ? collection.findOne(visible) : null;
  }

  private async isVisible(collection: Collection, id: string, rules: CompiledRules): Promise<boolean> {
    return (await this.findVisibleIn(collection, id, rules)) !== null;
  }

  private newDocument(data: unknown): Document {
    const document = guard(() => validateDocument(prepareValues(data))) as Document;
    if (this.bypass) {
      const owner = (data as Document)._openid;
      if (typeof owner === 'string') document._openid = owner;
    } else if (this.caller) document._openid = (this.caller as AppUser).uid;
    return document;
  }
}

/** Runs a validation, turning QueryError into a 400 that points at the bad part. */
export function guard<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof QueryError) throw httpError(400, `Invalid query: ${error.message}`, [error.issue]);
    throw error;
  }
}

/** Store errors about the request (bad update for the data, e.g. $inc on text) are 400; duplicates stay 409. */
async function storeCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const code = (error as { code?: unknown; name?: string }).code;
    if ((error as Error).name === 'StoreError' && typeof code === 'number' && code !== 11000)
      throw httpError(400, `The database refused the request: ${(error as Error).message}`);
    throw error;
  }
}

function notFound(collection: string, id: string) {
  return httpError(404, `No document "${id}" in collection "${collection}"`);
}

function forbidden(operation: WriteOperation, collection: string) {
  return httpError(403, `The security rules of "${collection}" do not allow this ${operation}`);
}
