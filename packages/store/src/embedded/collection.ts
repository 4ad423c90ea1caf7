// A collection in the embedded store: one SQLite table of JSON documents. Every read goes
// through the SQL pre-filter (planner) and is then re-checked with mingo, so answers follow
// MongoDB's semantics while indexed lookups stay fast.
import type Database from 'better-sqlite3';
import { checkFindOptions, StoreCursor } from '../cursor';
import { ErrorCode, StoreError } from '../errors';
import { runPipeline } from '../semantics/aggregate';
import { sortDocuments, valuesAtPath } from '../semantics/order';
import { compileFilter, projectDocuments } from '../semantics/query';
import {
  applyUpdate,
  buildUpsertDocument,
  buildUpsertReplacement,
  validateReplacement,
  validateUpdate,
  withId,
} from '../semantics/update';
import type {
  Collection,
  Cursor,
  Document,
  Filter,
  FindOneAndUpdateOptions,
  FindOptions,
  IndexDescription,
  IndexOptions,
  UpdateOptions,
  UpdateResult,
  UpdateSpec,
} from '../types';
import { decodeDocument, encodeDocument, sqlJsonPath } from './codec';
import { type EmbeddedDatabase, quoteIdent, tableName, validateCollectionName } from './database';
import { pathKey } from './keys';
import { indexColumns, keyColumn, type PathInfo, planFilter, planSort } from './planner';

type Row = { seq: number; _id: string; doc: string };
type Connection = Database.Database;
type After = { column: string; op: string; value: unknown };

/** How a collection reaches its database: directly inside a transaction, or through the write lock outside one. */
export interface Session {
  readonly db: EmbeddedDatabase;
  /** The connection reads use: the writer inside a transaction (to see its own writes), else the reader. */
  readConnection(): Connection;
  /** Runs a synchronous write atomically, serialised with transactions. */
  write<R>(fn: () => R): Promise<R>;
}

const BATCH = 500;
const CHUNK_MAX = 1000;

function isNoSuchTable(error: unknown): boolean {
  return error instanceof Error && /no such table/.test(error.message);
}

function formatKeyValue(keyValue: Record<string, unknown>): string {
  const parts = Object.entries(keyValue).map(
    ([k, v]) => `${k}: ${v === undefined ? 'null' : JSON.stringify(v)}`,
  );
  return `{ ${parts.join(', ')} }`;
}

export function duplicateKeyError(
  namespace: string,
  indexName: string,
  keys: Record<string, number>,
  doc: Document,
): StoreError {
  const keyValue: Record<string, unknown> = {};
  for (const path of Object.keys(keys)) {
    const found = valuesAtPath(doc, path.split('.'));
    keyValue[path] = found.length === 0 ? null : found[0];
  }
  return new StoreError(
    ErrorCode.DuplicateKey,
    `E11000 duplicate key error collection: ${namespace} index: ${indexName} dup key: ${formatKeyValue(keyValue)}`,
    { keyValue, keyPattern: keys },
  );
}

function checkDocument(doc: unknown): Document {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    throw new StoreError(ErrorCode.BadValue, 'A document must be an object');
  const id = (doc as Document)._id;
  if (id !== undefined && typeof id !== 'string')
    throw new StoreError(ErrorCode.BadValue, `_id must be a string, got ${typeof id}`);
  if (id === '') throw new StoreError(ErrorCode.BadValue, '_id must not be empty');
  return doc as Document;
}

function sqlIndexName(collection: string, index: string): string {
  return `ix_${collection}_${index}`;
}

export class EmbeddedCollection<T extends Document = Document> implements Collection<T> {
  readonly #session: Session;
  readonly #name: string;
  readonly #table: string;

  constructor(session: Session, name: string) {
    this.#session = session;
    this.#name = validateCollectionName(name);
    this.#table = tableName(name);
  }

  get #db(): EmbeddedDatabase {
    return this.#session.db;
  }

  get #namespace(): string {
    return `${this.#db.name}.${this.#name}`;
  }

  #paths(): PathInfo[] {
    this.#db.refreshCatalogue();
    return this.#db.paths(this.#name);
  }

  // ---------- reading ----------

  /** Candidate rows in SQL order, matching the filter once re-checked. */
  *#matches(
    conn: Connection,
    filter: Filter | undefined,
    order: string | undefined,
    want?: number,
  ): Generator<{ row: Row; doc: Document }> {
    const test = compileFilter(filter);
    if (!this.#db.hasTable(this.#name)) return;
    const { where, params } = this.#where(filter);
    const base = `SELECT seq, _id, doc FROM ${this.#table} WHERE ${where}${order ? ` ORDER BY ${order}` : ''}`;
    // Rows come in chunks read with all(), which costs far less per row than iterate(); the first
    // chunk is sized to the caller's need, so a limited find usually takes one small query.
    let chunk = Math.min(Math.max(want ?? CHUNK_MAX, 8), CHUNK_MAX);
    let offset = 0;
    // A read that needs several chunks holds one read transaction, so another process's commit
    // cannot shift rows between chunks. (A transaction costs two statements; one-chunk reads skip it.)
    let snapshot = false;
    try {
      for (;;) {
        let rows: Row[];
        try {
          rows = (
            offset === 0
              ? this.#db.prepare(conn, `${base} LIMIT ${chunk}`).all(...params)
              : this.#db.prepare(conn, `${base} LIMIT ? OFFSET ?`).all(...params, chunk, offset)
          ) as Row[];
        } catch (error) {
          if (isNoSuchTable(error)) return;
          throw error;
        }
        for (const row of rows) {
          const doc = decodeDocument<Document>(row.doc);
          if (test.test(doc)) yield { row, doc };
        }
        if (rows.length < chunk) return;
        if (!snapshot && !conn.inTransaction && want === undefined) {
          snapshot = true;
          conn.exec('BEGIN');
        }
        offset += rows.length;
        chunk = Math.min(chunk * 4, CHUNK_MAX);
      }
    } finally {
      if (snapshot && conn.inTransaction) conn.exec('COMMIT');
    }
  }

  /** Runs a find to completion synchronously (one consistent read). */
  #findNow(conn: Connection, filter: Filter | undefined, options: FindOptions): Document[] {
    const skip = options.skip ?? 0;
    const limit = options.limit ? options.limit : Number.POSITIVE_INFINITY;
    const sort = options.sort ?? {};
    const sortKeys = Object.keys(sort);
    let docs: Document[] = [];
    const order = sortKeys.length === 0 ? undefined : planSort(sort, this.#paths());
    if (sortKeys.length === 0 || order !== undefined) {
      // Natural order, or a sort whose key order is MongoDB's, comes straight from SQL (through an
      // index when one fits), so we can stop at the limit. Without a sort, rows come in index
      // order (as in MongoDB), which spares SQLite a sort of every match.
      let skipped = 0;
      for (const { doc } of this.#matches(conn, filter, order, skip + limit)) {
        if (skipped < skip) {
          skipped++;
          continue;
        }
        docs.push(doc);
        if (docs.length >= limit) break;
      }
    } else {
      for (const { doc } of this.#matches(conn, filter, 'seq')) docs.push(doc);
      docs = sortDocuments(docs, sort).slice(skip, skip + limit);
    }
    return projectDocuments<Document>(docs, options.projection);
  }

  /** Streams results in batches so a large collection is never held in memory at once (natural and _id order). */
  async *#stream(filter: Filter | undefined, options: FindOptions): AsyncGenerator<T> {
    const sortKeys = Object.keys(options.sort ?? {});
    const natural = sortKeys.length === 0;
    const byId = sortKeys.length === 1 && sortKeys[0] === '_id';
    if ((!natural && !byId) || options.limit) {
      // A limited read runs in one synchronous step and stops at the limit.
      yield* this.#findNow(this.#session.readConnection(), filter, options) as T[];
      return;
    }
    const desc = byId && options.sort?._id === -1;
    const column = natural ? 'seq' : '_id';
    const order = natural ? 'seq' : `_id ${desc ? 'DESC' : 'ASC'}`;
    let toSkip = options.skip ?? 0;
    let remaining = options.limit ? options.limit : Number.POSITIVE_INFINITY;
    let after: After | undefined;
    while (remaining > 0) {
      const { matches, scanned, last } = this.#scanBatch(filter, order, after);
      const batch: Document[] = [];
      for (const { doc } of matches) {
        if (toSkip > 0) {
          toSkip--;
          continue;
        }
        batch.push(doc);
        remaining--;
        if (remaining === 0) break;
      }
      for (const doc of projectDocuments<T>(batch, options.projection)) yield doc;
      if (remaining === 0 || scanned < BATCH || last === undefined) return;
      after = { column, op: desc ? '<' : '>', value: column === 'seq' ? last.seq : last._id };
    }
  }

  /** Reads at most BATCH rows after `after` in one synchronous step, and re-checks them. */
  #scanBatch(
    filter: Filter | undefined,
    order: string,
    after?: After,
  ): { matches: { row: Row; doc: Document }[]; scanned: number; last?: Row } {
    const conn = this.#session.readConnection();
    const test = compileFilter(filter);
    const { where, params } = this.#where(filter, after);
    let rows: Row[] = [];
    try {
      if (this.#db.hasTable(this.#name))
        rows = this.#db
          .prepare(
            conn,
            `SELECT seq, _id, doc FROM ${this.#table} WHERE ${where} ORDER BY ${order} LIMIT ${BATCH}`,
          )
          .all(...params) as Row[];
    } catch (error) {
      if (!isNoSuchTable(error)) throw error;
      rows = [];
    }
    const matches: { row: Row; doc: Document }[] = [];
    for (const row of rows) {
      const doc = decodeDocument<Document>(row.doc);
      if (test.test(doc)) matches.push({ row, doc });
    }
    return { matches, scanned: rows.length, last: rows.at(-1) };
  }

  #where(filter: Filter | undefined, after?: After): { where: string; params: unknown[] } {
    const plan = planFilter(filter, this.#paths());
    if (!after) return plan;
    return {
      where: `(${plan.where}) AND ${after.column} ${after.op} ?`,
      params: [...plan.params, after.value],
    };
  }

  /** The first match in natural order, with the SQL statement closed before returning. */
  #firstMatch(conn: Connection, filter: Filter | undefined): { row: Row; doc: Document } | undefined {
    for (const match of this.#matches(conn, filter, undefined, 1)) return match;
    return undefined;
  }

  find(filter?: Filter, options?: FindOptions): Cursor<T> {
    return new StoreCursor<T>(
      (opts) => this.#stream(filter, opts),
      options,
      async (opts) => this.#findNow(this.#session.readConnection(), filter, opts),
    );
  }

  async findOne(filter?: Filter, options?: FindOptions): Promise<T | null> {
    const opts = checkFindOptions({ ...options, limit: 1 });
    const [doc] = this.#findNow(this.#session.readConnection(), filter, opts);
    return (doc as T | undefined) ?? null;
  }

  async countDocuments(filter?: Filter): Promise<number> {
    const conn = this.#session.readConnection();
    if (!this.#db.hasTable(this.#name)) {
      if (filter !== undefined) compileFilter(filter); // a bad filter is an error all the same
      return 0;
    }
    if (filter === undefined || Object.keys(filter).length === 0) {
      try {
        return (this.#db.prepare(conn, `SELECT COUNT(*) AS n FROM ${this.#table}`).get() as { n: number }).n;
      } catch (error) {
        if (isNoSuchTable(error)) return 0;
        throw error;
      }
    }
    compileFilter(filter); // a bad filter is an error even when SQL could answer alone
    const plan = planFilter(filter, this.#paths());
    if (plan.exact) {
      try {
        return (
          this.#db
            .prepare(conn, `SELECT COUNT(*) AS n FROM ${this.#table} WHERE ${plan.where}`)
            .get(...plan.params) as {
            n: number;
          }
        ).n;
      } catch (error) {
        if (isNoSuchTable(error)) return 0;
        throw error;
      }
    }
    let n = 0;
    for (const _ of this.#matches(conn, filter, undefined)) n++;
    return n;
  }

  aggregate(pipeline: object[]): Cursor<Document> {
    return new StoreCursor<Document>(
      async function* (this: EmbeddedCollection<T>, options: FindOptions) {
        const conn = this.#session.readConnection();
        const docs = runPipeline(pipeline, {
          source: (filter, sort, skip, limit) => this.#findNow(conn, filter, { sort, skip, limit }),
          resolveCollection: (name) => this.#siblingDocuments(conn, name),
        });
        const sorted = options.sort ? sortDocuments(docs, options.sort) : docs;
        const skip = options.skip ?? 0;
        const sliced = sorted.slice(skip, options.limit ? skip + options.limit : undefined);
        yield* projectDocuments<Document>(sliced, options.projection);
      }.bind(this),
    );
  }

  #siblingDocuments(conn: Connection, name: string): Document[] {
    const table = tableName(validateCollectionName(name));
    if (!this.#db.hasTable(name)) return [];
    try {
      const rows = this.#db.prepare(conn, `SELECT doc FROM ${table} ORDER BY seq`).all() as { doc: string }[];
      return rows.map((r) => decodeDocument<Document>(r.doc));
    } catch (error) {
      if (isNoSuchTable(error)) return [];
      throw error;
    }
  }

  // ---------- writing ----------

  /** Notes that an indexed path now holds an array, so the planner stops trusting equality on it. */
  /** Key column values for a document; records arrays and embedded documents met on indexed paths. */
  #keysOf(doc: Document): { columns: string[]; values: Buffer[] } {
    const paths = this.#db.paths(this.#name);
    const values: Buffer[] = [];
    for (const info of paths) {
      const k = pathKey(doc, info.path);
      if ((k.array && !info.multikey) || (k.object && !info.objects)) {
        this.#db.markPath(this.#name, info.path, { multikey: k.array, objects: k.object });
      }
      values.push(k.key);
    }
    return { columns: paths.map((p) => keyColumn(p.path)), values };
  }

  #translateWriteError(error: unknown, doc: Document): unknown {
    const code = (error as { code?: string }).code;
    if (code !== 'SQLITE_CONSTRAINT_UNIQUE' && code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return error;
    // SQLite names the columns: "UNIQUE constraint failed: c_users.k:email, c_users.k:org".
    const message = (error as Error).message;
    const table = `c_${this.#name}.`;
    const columns = (message.split('constraint failed: ')[1] ?? '')
      .split(', ')
      .map((c) => (c.startsWith(table) ? c.slice(table.length) : c));
    if (columns.length === 1 && columns[0] === '_id')
      return duplicateKeyError(this.#namespace, '_id_', { _id: 1 }, doc);
    const paths = columns.map((c) => c.replace(/^k:/, '')).join('\0');
    for (const index of this.#db.indexes(this.#name)) {
      if (index.unique && Object.keys(index.keys).join('\0') === paths)
        return duplicateKeyError(this.#namespace, index.name, index.keys, doc);
    }
    return duplicateKeyError(this.#namespace, 'unknown', {}, doc);
  }

  #insertNow(doc: Document): void {
    const text = encodeDocument(doc);
    this.#db.ensureTable(this.#name);
    this.#db.refreshCatalogue();
    const { columns, values } = this.#keysOf(doc);
    const names = columns.map((c) => `, ${c}`).join('');
    const marks = values.map(() => ', ?').join('');
    try {
      this.#db
        .prepare(this.#db.writer, `INSERT INTO ${this.#table} (_id, doc${names}) VALUES (?, ?${marks})`)
        .run(doc._id, text, ...values);
    } catch (error) {
      throw this.#translateWriteError(error, doc);
    }
  }

  #replaceNow(seq: number, doc: Document): void {
    this.#db.refreshCatalogue();
    const { columns, values } = this.#keysOf(doc);
    const sets = columns.map((c) => `, ${c} = ?`).join('');
    try {
      this.#db
        .prepare(this.#db.writer, `UPDATE ${this.#table} SET doc = ?${sets} WHERE seq = ?`)
        .run(encodeDocument(doc), ...values, seq);
    } catch (error) {
      throw this.#translateWriteError(error, doc);
    }
  }

  async insertOne(doc: T): Promise<{ insertedId: string }> {
    const stored = withId(structuredClone(checkDocument(doc)));
    await this.#session.write(() => this.#insertNow(stored));
    return { insertedId: stored._id as string };
  }

  async insertMany(docs: T[]): Promise<{ insertedIds: string[] }> {
    if (!Array.isArray(docs))
      throw new StoreError(ErrorCode.BadValue, 'insertMany expects an array of documents');
    const stored = docs.map((d) => withId(structuredClone(checkDocument(d))));
    // Like an ordered MongoDB insertMany: documents before a failing one stay inserted.
    const failure = await this.#session.write(() => {
      for (const doc of stored) {
        try {
          this.#insertNow(doc);
        } catch (error) {
          return error;
        }
      }
      return undefined;
    });
    if (failure) throw failure;
    return { insertedIds: stored.map((d) => d._id as string) };
  }

  #updateNow(filter: Filter, update: UpdateSpec, options: UpdateOptions, many: boolean): UpdateResult {
    const candidates: { row: Row; doc: Document }[] = [];
    for (const match of this.#matches(this.#db.writer, filter, undefined)) {
      candidates.push(match);
      if (!many) break;
    }
    let modifiedCount = 0;
    for (const { row, doc } of candidates) {
      const updated = applyUpdate(doc, update, { arrayFilters: options.arrayFilters, filter });
      if (encodeDocument(updated) === row.doc) continue;
      this.#replaceNow(row.seq, updated);
      modifiedCount++;
    }
    if (candidates.length === 0 && options.upsert) {
      const doc = buildUpsertDocument(filter, update, options.arrayFilters);
      this.#insertNow(doc);
      return { matchedCount: 0, modifiedCount: 0, upsertedId: doc._id as string };
    }
    return { matchedCount: candidates.length, modifiedCount };
  }

  async updateOne(filter: Filter, update: UpdateSpec, options: UpdateOptions = {}): Promise<UpdateResult> {
    compileFilter(filter);
    validateUpdate(update);
    return this.#session.write(() => this.#updateNow(filter, update, options, false));
  }

  async updateMany(filter: Filter, update: UpdateSpec, options: UpdateOptions = {}): Promise<UpdateResult> {
    compileFilter(filter);
    validateUpdate(update);
    return this.#session.write(() => this.#updateNow(filter, update, options, true));
  }

  async replaceOne(
    filter: Filter,
    replacement: T,
    options: { upsert?: boolean } = {},
  ): Promise<UpdateResult> {
    compileFilter(filter);
    validateReplacement(replacement);
    checkDocument(replacement);
    return this.#session.write(() => {
      const first = this.#firstMatch(this.#db.writer, filter);
      if (!first) {
        if (!options.upsert) return { matchedCount: 0, modifiedCount: 0 };
        const doc = buildUpsertReplacement(filter, structuredClone(replacement));
        this.#insertNow(doc);
        return { matchedCount: 0, modifiedCount: 0, upsertedId: doc._id as string };
      }
      const { row, doc } = first;
      if (replacement._id !== undefined && replacement._id !== doc._id) {
        throw new StoreError(
          ErrorCode.ImmutableField,
          `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${JSON.stringify(replacement._id)}`,
        );
      }
      const { _id: _ignored, ...rest } = structuredClone(replacement);
      const next = { _id: doc._id, ...rest };
      if (encodeDocument(next) === row.doc) return { matchedCount: 1, modifiedCount: 0 };
      this.#replaceNow(row.seq, next);
      return { matchedCount: 1, modifiedCount: 1 };
    });
  }

  async #delete(filter: Filter, many: boolean): Promise<{ deletedCount: number }> {
    compileFilter(filter);
    return this.#session.write(() => {
      const seqs: number[] = [];
      for (const { row } of this.#matches(this.#db.writer, filter, undefined)) {
        seqs.push(row.seq);
        if (!many) break;
      }
      const del =
        seqs.length > 0
          ? this.#db.prepare(this.#db.writer, `DELETE FROM ${this.#table} WHERE seq = ?`)
          : undefined;
      for (const seq of seqs) del?.run(seq);
      return { deletedCount: seqs.length };
    });
  }

  deleteOne(filter: Filter): Promise<{ deletedCount: number }> {
    return this.#delete(filter, false);
  }

  deleteMany(filter: Filter): Promise<{ deletedCount: number }> {
    return this.#delete(filter, true);
  }

  async findOneAndUpdate(
    filter: Filter,
    update: UpdateSpec,
    options: FindOneAndUpdateOptions = {},
  ): Promise<T | null> {
    compileFilter(filter);
    validateUpdate(update);
    const opts = checkFindOptions({ sort: options.sort, projection: options.projection });
    const result = await this.#session.write(() => {
      let target: { row: Row; doc: Document } | undefined;
      if (opts.sort && Object.keys(opts.sort).length > 0) {
        const all = [...this.#matches(this.#db.writer, filter, 'seq')];
        const docs = sortDocuments(
          all.map((m) => m.doc),
          opts.sort,
        );
        target = all.find((m) => m.doc === docs[0]);
      } else {
        target = this.#firstMatch(this.#db.writer, filter);
      }
      if (!target) {
        if (!options.upsert) return null;
        const doc = buildUpsertDocument(filter, update, options.arrayFilters);
        this.#insertNow(doc);
        return options.returnDocument === 'after' ? doc : null;
      }
      const updated = applyUpdate(target.doc, update, { arrayFilters: options.arrayFilters, filter });
      if (encodeDocument(updated) !== target.row.doc) this.#replaceNow(target.row.seq, updated);
      return options.returnDocument === 'after' ? updated : target.doc;
    });
    if (result === null) return null;
    const [projected] = projectDocuments<T>([result], opts.projection);
    return projected ?? null;
  }

  async createIndex(keys: Record<string, 1 | -1>, options: IndexOptions = {}): Promise<string> {
    const spec = checkIndexKeys(keys);
    const name =
      options.name ??
      Object.entries(spec)
        .map(([k, v]) => `${k}_${v}`)
        .join('_');
    if (Object.keys(spec).length === 1 && spec._id !== undefined) return '_id_';
    return this.#session.write(() => {
      this.#db.refreshCatalogue();
      this.#db.ensureTable(this.#name);
      const existing = this.#db.indexes(this.#name);
      const sameName = existing.find((i) => i.name === name);
      const sameKeys = existing.find((i) => JSON.stringify(i.keys) === JSON.stringify(spec));
      if (sameName) {
        if (
          JSON.stringify(sameName.keys) === JSON.stringify(spec) &&
          sameName.unique === (options.unique ?? false) &&
          sameName.sparse === (options.sparse ?? false)
        )
          return name;
        throw new StoreError(
          86,
          `An existing index has the same name as the requested index but different options or keys: ${name}`,
        );
      }
      if (sameKeys) throw new StoreError(85, `Index already exists with a different name: ${sameKeys.name}`);
      // SQLite compares names without case: an index name, or a field path's key column, that
      // differs from another only in case (or joins with the collection's name the same way) would
      // clash, so it is refused here rather than failing in SQL.
      const known = new Set(this.#db.paths(this.#name).map((p) => p.path));
      const seen = [...known];
      for (const path of Object.keys(spec)) {
        const other = seen.find((p) => p !== path && p.toLowerCase() === path.toLowerCase());
        if (other)
          throw new StoreError(
            ErrorCode.BadValue,
            `Cannot index "${path}": it differs only in case from the field "${other}", which the embedded store cannot keep apart`,
          );
        seen.push(path);
      }
      const sqlName = sqlIndexName(this.#name, name);
      const clash = this.#db.sameButCase('index', sqlName);
      if (clash)
        throw new StoreError(
          86,
          `The index name "${name}" clashes with another index of this database (${clash}: names differing only in case are the same here); choose another name`,
        );
      const rows = this.#db.prepare(this.#db.writer, `SELECT seq, doc FROM ${this.#table}`).all() as {
        seq: number;
        doc: string;
      }[];
      const docs = rows.map((r) => decodeDocument<Document>(r.doc));
      // A path indexed for the first time gets its key column, filled from the existing documents.
      for (const path of Object.keys(spec)) {
        if (known.has(path)) continue;
        this.#db.addPath(this.#name, path);
        const fill = this.#db.writer.prepare(
          `UPDATE ${this.#table} SET ${keyColumn(path)} = ? WHERE seq = ?`,
        );
        const flags = { multikey: false, objects: false };
        rows.forEach((row, i) => {
          const k = pathKey(docs[i], path);
          flags.multikey ||= k.array;
          flags.objects ||= k.object;
          fill.run(k.key, row.seq);
        });
        this.#db.markPath(this.#name, path, flags);
      }
      const unique = options.unique ?? false;
      const sparse = options.sparse ?? false;
      // MongoDB's sparse index skips documents that lack all its fields (null values still count).
      const partial = sparse
        ? ` WHERE ${Object.keys(spec)
            .map((path) => `json_type(doc, '${sqlJsonPath(path).replaceAll("'", "''")}') IS NOT NULL`)
            .join(' OR ')}`
        : '';
      try {
        this.#db.writer.exec(
          `CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(sqlName)} ON ${this.#table} (${indexColumns(spec)})${partial}`,
        );
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE')
          throw firstDuplicate(
            this.#namespace,
            name,
            spec,
            sparse ? docs.filter((d) => Object.keys(spec).some((p) => !pathKey(d, p).missing)) : docs,
          );
        throw error;
      }
      this.#db.recordIndex(this.#name, { name, keys: spec, unique, sparse });
      return name;
    });
  }

  async listIndexes(): Promise<IndexDescription[]> {
    // Read committed state (not the cache, which a running transaction may have filled).
    return [ID_INDEX, ...this.#db.readIndexes(this.#session.readConnection(), this.#name)];
  }

  async dropIndex(name: string): Promise<void> {
    if (name === ID_INDEX.name) throw new StoreError(ErrorCode.InvalidOptions, 'cannot drop _id index');
    await this.#session.write(() => {
      this.#db.refreshCatalogue();
      if (!this.#db.indexes(this.#name).some((index) => index.name === name))
        throw new StoreError(ErrorCode.IndexNotFound, `index not found with name [${name}]`);
      // The key columns stay: they are kept current on every write and other indexes may share them.
      this.#db.writer.exec(`DROP INDEX IF EXISTS ${quoteIdent(sqlIndexName(this.#name, name))}`);
      this.#db.forgetIndex(this.#name, name);
    });
  }
}

/** MongoDB's index on _id, which every collection has and none can drop (both adapters list it). */
export const ID_INDEX: IndexDescription = { name: '_id_', keys: { _id: 1 }, unique: true, sparse: false };

function firstDuplicate(
  namespace: string,
  name: string,
  keys: Record<string, 1 | -1>,
  docs: Document[],
): StoreError {
  const seen = new Set<string>();
  for (const doc of docs) {
    const key = JSON.stringify(Object.keys(keys).map((p) => valuesAtPath(doc, p.split('.'))[0] ?? null));
    if (seen.has(key)) return duplicateKeyError(namespace, name, keys, doc);
    seen.add(key);
  }
  return new StoreError(
    ErrorCode.DuplicateKey,
    `E11000 duplicate key error collection: ${namespace} index: ${name}`,
  );
}

function checkIndexKeys(keys: unknown): Record<string, 1 | -1> {
  if (keys === null || typeof keys !== 'object' || Array.isArray(keys) || Object.keys(keys).length === 0) {
    throw new StoreError(ErrorCode.BadValue, 'Index keys must be a non-empty object such as { field: 1 }');
  }
  for (const [path, dir] of Object.entries(keys)) {
    if (dir !== 1 && dir !== -1)
      throw new StoreError(67, `Unsupported index key type for '${path}': only 1 and -1 are supported`);
    if (path === '' || path.startsWith('$') || path.split('.').some((p) => p === '') || path.includes('"')) {
      throw new StoreError(67, `Invalid index key path: '${path}'`);
    }
  }
  return keys as Record<string, 1 | -1>;
}
