// The embedded store: a data directory with `platform.db` and `apps/<appId>.db`.
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode, StoreError } from '../errors';
import type { Collection, Document, DocumentStore, Store } from '../types';
import { EmbeddedCollection, type Session } from './collection';
import { type DatabaseOptions, EmbeddedDatabase, validateCollectionName } from './database';

// The databases whose transaction callback is running in the current async context.
const insideTransaction = new AsyncLocalStorage<EmbeddedDatabase>();

const APP_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function validateAppId(appId: unknown): string {
  if (typeof appId !== 'string' || !APP_ID.test(appId)) {
    throw new StoreError(
      ErrorCode.BadValue,
      `Invalid app id ${JSON.stringify(appId)}: use 1-64 letters, digits, '-' or '_', starting with a letter or digit`,
    );
  }
  return appId;
}

/** A database seen from outside any transaction: reads see committed data, writes take the lock. */
class EmbeddedDocumentStore implements DocumentStore {
  readonly #db: EmbeddedDatabase;
  readonly #session: Session;

  constructor(db: EmbeddedDatabase) {
    this.#db = db;
    this.#session = {
      db,
      readConnection: () => {
        this.#check();
        return db.reader;
      },
      write: async <R>(fn: () => R): Promise<R> => {
        this.#check();
        if (insideTransaction.getStore() === db) {
          // Waiting for the lock our own transaction holds would never end.
          throw new StoreError(
            ErrorCode.BadValue,
            `Write to ${db.name} outside its running transaction: inside withTransaction use tx.collection(...)`,
          );
        }
        const run = db.writer.transaction(fn);
        if (db.lock.free) return undoneOnFailure(db, () => run.immediate()); // nothing else is writing: no need to wait a turn
        const release = await db.lock.acquire();
        try {
          this.#check();
          return undoneOnFailure(db, () => run.immediate());
        } finally {
          release();
        }
      },
    };
  }

  #check(): void {
    if (this.#db.closed) throw new StoreError(ErrorCode.BadValue, `The store for ${this.#db.name} is closed`);
  }

  collection<T extends Document = Document>(name: string): Collection<T> {
    return new EmbeddedCollection<T>(this.#session, name);
  }

  async listCollections(): Promise<string[]> {
    this.#check();
    return this.#db.listTables();
  }

  async dropCollection(name: string): Promise<boolean> {
    validateCollectionName(name);
    return this.#session.write(() => this.#db.dropTable(name));
  }

  async withTransaction<R>(fn: (tx: DocumentStore) => Promise<R>): Promise<R> {
    this.#check();
    const release = await this.#db.lock.acquire();
    const tx = new TransactionStore(this.#db);
    try {
      this.#db.writer.exec('BEGIN IMMEDIATE');
      let result: R;
      try {
        result = await insideTransaction.run(this.#db, () => fn(tx));
      } catch (error) {
        if (this.#db.writer.inTransaction) this.#db.writer.exec('ROLLBACK');
        this.#db.refreshCatalogue(true);
        throw error;
      }
      this.#db.writer.exec('COMMIT');
      return result;
    } finally {
      tx.end();
      release();
    }
  }
}

/** The view of a database inside withTransaction: every read and write on the write connection. */
class TransactionStore implements DocumentStore {
  readonly #db: EmbeddedDatabase;
  readonly #session: Session;
  #active = true;

  constructor(db: EmbeddedDatabase) {
    this.#db = db;
    this.#session = {
      db,
      readConnection: () => {
        this.#check();
        return db.writer;
      },
      write: async <R>(fn: () => R): Promise<R> => {
        this.#check();
        // a savepoint: a failed statement undoes only itself
        return undoneOnFailure(db, db.writer.transaction(fn));
      },
    };
  }

  end(): void {
    this.#active = false;
  }

  #check(): void {
    if (!this.#active)
      throw new StoreError(
        ErrorCode.BadValue,
        'This transaction has already ended; use the store outside withTransaction',
      );
  }

  collection<T extends Document = Document>(name: string): Collection<T> {
    return new EmbeddedCollection<T>(this.#session, name);
  }

  async listCollections(): Promise<string[]> {
    this.#check();
    const rows = this.#db.writer
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'c\\_%' ESCAPE '\\' ORDER BY name`,
      )
      .all() as { name: string }[];
    return rows.map((r) => r.name.slice(2));
  }

  async dropCollection(name: string): Promise<boolean> {
    validateCollectionName(name);
    return this.#session.write(() => this.#db.dropTable(name));
  }

  async withTransaction<R>(fn: (tx: DocumentStore) => Promise<R>): Promise<R> {
    this.#check();
    return fn(this); // already inside one: MongoDB has no nested transactions, so join the outer one
  }
}

export interface EmbeddedStoreOptions extends DatabaseOptions {
  dataDir: string;
  /** Prefix of database names in error messages, matching the MongoDB adapter. */
  dbPrefix?: string;
}

export class EmbeddedStore implements Store {
  readonly #dataDir: string;
  readonly #options: EmbeddedStoreOptions;
  readonly #open = new Map<string, { db: EmbeddedDatabase; store: EmbeddedDocumentStore }>();
  #closed = false;

  constructor(options: EmbeddedStoreOptions) {
    this.#dataDir = options.dataDir;
    this.#options = options;
    mkdirSync(join(this.#dataDir, 'apps'), { recursive: true });
  }

  #get(key: string, file: string, name: string): EmbeddedDocumentStore {
    if (this.#closed) throw new StoreError(ErrorCode.BadValue, 'The store is closed');
    let entry = this.#open.get(key);
    if (!entry) {
      const db = new EmbeddedDatabase(file, name, this.#options);
      entry = { db, store: new EmbeddedDocumentStore(db) };
      this.#open.set(key, entry);
    }
    return entry.store;
  }

  platform(): DocumentStore {
    return this.#get(
      'platform',
      join(this.#dataDir, 'platform.db'),
      `${this.#options.dbPrefix ?? 'tessera_'}platform`,
    );
  }

  app(appId: string): DocumentStore {
    validateAppId(appId);
    return this.#get(
      `app:${appId}`,
      this.#appFile(appId),
      `${this.#options.dbPrefix ?? 'tessera_'}app_${appId}`,
    );
  }

  #appFile(appId: string): string {
    return join(this.#dataDir, 'apps', `${appId}.db`);
  }

  async dropApp(appId: string): Promise<void> {
    validateAppId(appId);
    const entry = this.#open.get(`app:${appId}`);
    if (entry) {
      const release = await entry.db.lock.acquire(); // let a running transaction finish first
      try {
        entry.db.close();
        this.#open.delete(`app:${appId}`);
      } finally {
        release();
      }
    }
    const file = this.#appFile(appId);
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const { db } of this.#open.values()) {
      const release = await db.lock.acquire();
      db.close();
      release();
    }
    this.#open.clear();
  }
}

/**
 * Runs a write transaction; when it fails, SQLite has rolled it back, so what the catalogue caches
 * learnt inside it (a table created, a key column added) is forgotten too.
 */
function undoneOnFailure<R>(db: EmbeddedDatabase, run: () => R): R {
  try {
    return run();
  } catch (error) {
    db.refreshCatalogue(true);
    throw error;
  }
}
