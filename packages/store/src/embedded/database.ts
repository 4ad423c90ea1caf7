// One SQLite database file: a write connection guarded by an async lock (so a transaction can
// span awaits), a read connection that only ever sees committed data, and the index catalogue.
import Database from 'better-sqlite3';
import { ErrorCode, StoreError } from '../errors';
import { Mutex } from './mutex';
import { type IndexInfo, keyColumn, type PathInfo } from './planner';

type Connection = Database.Database;

const TABLE_PREFIX = 'c_';

/** Quotes an SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function tableName(collection: string): string {
  return quoteIdent(TABLE_PREFIX + collection);
}

export function validateCollectionName(name: unknown): string {
  if (typeof name !== 'string' || name.length === 0)
    throw new StoreError(ErrorCode.InvalidNamespace, 'Collection names must be non-empty strings');
  if (name.length > 120)
    throw new StoreError(
      ErrorCode.InvalidNamespace,
      `Collection name is too long (max 120): ${name.slice(0, 20)}...`,
    );
  if (name.includes('$') || name.includes('\0'))
    throw new StoreError(
      ErrorCode.InvalidNamespace,
      `Invalid collection name '${name}': it may not contain '$' or a null character`,
    );
  if (name.startsWith('system.'))
    throw new StoreError(
      ErrorCode.InvalidNamespace,
      `Invalid collection name '${name}': 'system.' is reserved`,
    );
  return name;
}

// Our own catalogue: the indexes as the API declared them, and what each indexed path has held.
const INDEX_CATALOGUE = `CREATE TABLE IF NOT EXISTS _tessera_indexes (
  collection TEXT NOT NULL, name TEXT NOT NULL, keys TEXT NOT NULL, is_unique INTEGER NOT NULL,
  is_sparse INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (collection, name))`;
const PATH_CATALOGUE = `CREATE TABLE IF NOT EXISTS _tessera_paths (
  collection TEXT NOT NULL, path TEXT NOT NULL, multikey INTEGER NOT NULL DEFAULT 0,
  objects INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (collection, path))`;

export interface DatabaseOptions {
  /** SQLite `synchronous` level; FULL makes an acknowledged write survive power loss too (see docs/decisions/040). */
  synchronous?: 'FULL' | 'NORMAL';
}

export class EmbeddedDatabase {
  readonly file: string;
  /** The name used in error messages, as MongoDB's `<db>.<collection>`. */
  readonly name: string;
  readonly writer: Connection;
  readonly reader: Connection;
  readonly lock = new Mutex();
  #indexes = new Map<string, IndexInfo[]>();
  #paths = new Map<string, PathInfo[]>();
  #tables = new Set<string>();
  #dataVersion = -1;
  #dataVersionStmt: Database.Statement | undefined;
  #closed = false;

  constructor(file: string, name: string, options: DatabaseOptions = {}) {
    this.file = file;
    this.name = name;
    this.writer = new Database(file);
    this.writer.pragma('journal_mode = WAL');
    this.writer.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    this.writer.pragma('busy_timeout = 5000');
    this.writer.pragma('foreign_keys = OFF');
    this.writer.exec(INDEX_CATALOGUE);
    this.writer.exec(PATH_CATALOGUE);
    this.#migrateCatalogue();
    this.reader = new Database(file, { readonly: true });
    this.reader.pragma('busy_timeout = 5000');
  }

  #statements = new Map<Connection, Map<string, Database.Statement>>();

  /** A prepared statement, cached per connection (preparing costs more than running a simple query). */
  prepare(conn: Connection, sql: string): Database.Statement {
    let cache = this.#statements.get(conn);
    if (!cache) {
      cache = new Map();
      this.#statements.set(conn, cache);
    }
    let stmt = cache.get(sql);
    if (!stmt) {
      if (cache.size >= 1000) cache.clear();
      stmt = conn.prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  }

  /**
   * Files written before index keys moved into key columns (an early development version) have
   * expression indexes and no is_sparse column: drop those indexes, so that the application's
   * createIndex calls at start-up build them again the current way.
   */
  #migrateCatalogue(): void {
    const columns = this.writer.prepare('PRAGMA table_info(_tessera_indexes)').all() as { name: string }[];
    if (columns.some((c) => c.name === 'is_sparse')) return;
    this.writer.transaction(() => {
      const old = this.writer
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix\\_%' ESCAPE '\\'`)
        .pluck()
        .all() as string[];
      for (const name of old) this.writer.exec(`DROP INDEX IF EXISTS ${quoteIdent(name)}`);
      this.writer.exec('DROP TABLE _tessera_indexes');
      this.writer.exec(INDEX_CATALOGUE);
    })();
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Drops cached catalogue data when another process (or a rolled-back transaction) may have changed it. */
  refreshCatalogue(force = false): void {
    this.#dataVersionStmt ??= this.writer.prepare('PRAGMA data_version').pluck();
    const version = this.#dataVersionStmt.get() as number;
    if (force || version !== this.#dataVersion) {
      this.#dataVersion = version;
      this.#indexes.clear();
      this.#paths.clear();
      this.#tables.clear();
    }
  }

  hasTable(collection: string): boolean {
    if (this.#tables.has(collection)) return true;
    const row = this.writer
      .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`)
      .get(TABLE_PREFIX + collection);
    if (row) this.#tables.add(collection);
    return row !== undefined;
  }

  /** Creates the collection's table on first write, as MongoDB creates collections implicitly. */
  ensureTable(collection: string): void {
    if (this.hasTable(collection)) return;
    // SQLite compares table names without case: "People" would write into "people"'s table.
    const other = this.sameButCase('table', TABLE_PREFIX + collection);
    if (other)
      throw new StoreError(
        ErrorCode.InvalidNamespace,
        `Collection "${collection}" differs only in case from the existing collection "${other.slice(TABLE_PREFIX.length)}"; the embedded store cannot keep both, use that name`,
      );
    this.writer.exec(
      `CREATE TABLE IF NOT EXISTS ${tableName(collection)} (seq INTEGER PRIMARY KEY, _id TEXT NOT NULL UNIQUE, doc TEXT NOT NULL)`,
    );
    this.#tables.add(collection);
  }

  /** The table or index SQLite would take for `name` (it compares names without case), if any. */
  sameButCase(type: 'table' | 'index', name: string): string | undefined {
    return this.writer
      .prepare(`SELECT name FROM sqlite_master WHERE type = ? AND name = ? COLLATE NOCASE`)
      .pluck()
      .get(type, name) as string | undefined;
  }

  listTables(): string[] {
    const rows = this.reader
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'c\\_%' ESCAPE '\\' ORDER BY name`,
      )
      .all() as { name: string }[];
    return rows.map((r) => r.name.slice(TABLE_PREFIX.length));
  }

  dropTable(collection: string): boolean {
    const existed = this.hasTable(collection);
    // never a table whose name differs only in case (SQLite would drop it)
    if (!existed) return false;
    this.writer.exec(`DROP TABLE IF EXISTS ${tableName(collection)}`);
    this.writer.prepare('DELETE FROM _tessera_indexes WHERE collection = ?').run(collection);
    this.writer.prepare('DELETE FROM _tessera_paths WHERE collection = ?').run(collection);
    this.#paths.delete(collection);
    this.#tables.delete(collection);
    this.#indexes.delete(collection);
    return existed;
  }

  /** The collection's indexes as the write connection sees them (cached). */
  indexes(collection: string): IndexInfo[] {
    let list = this.#indexes.get(collection);
    if (!list) {
      list = this.readIndexes(this.writer, collection);
      this.#indexes.set(collection, list);
    }
    return list;
  }

  /** The collection's indexes as `connection` sees them now. */
  readIndexes(connection: Database.Database, collection: string): IndexInfo[] {
    const rows = connection
      .prepare(
        'SELECT name, keys, is_unique, is_sparse FROM _tessera_indexes WHERE collection = ? ORDER BY rowid',
      )
      .all(collection) as { name: string; keys: string; is_unique: number; is_sparse: number }[];
    return rows.map((r) => ({
      name: r.name,
      keys: JSON.parse(r.keys),
      unique: r.is_unique === 1,
      sparse: r.is_sparse === 1,
    }));
  }

  /** The indexed paths of a collection, each with its own key column. */
  paths(collection: string): PathInfo[] {
    let list = this.#paths.get(collection);
    if (!list) {
      const rows = this.writer
        .prepare('SELECT path, multikey, objects FROM _tessera_paths WHERE collection = ? ORDER BY rowid')
        .all(collection) as { path: string; multikey: number; objects: number }[];
      list = rows.map((r) => ({ path: r.path, multikey: r.multikey === 1, objects: r.objects === 1 }));
      this.#paths.set(collection, list);
    }
    return list;
  }

  forgetIndex(collection: string, name: string): void {
    this.writer
      .prepare('DELETE FROM _tessera_indexes WHERE collection = ? AND name = ?')
      .run(collection, name);
    this.#indexes.delete(collection);
  }

  recordIndex(collection: string, index: IndexInfo): void {
    this.writer
      .prepare(
        'INSERT INTO _tessera_indexes (collection, name, keys, is_unique, is_sparse) VALUES (?, ?, ?, ?, ?)',
      )
      .run(collection, index.name, JSON.stringify(index.keys), index.unique ? 1 : 0, index.sparse ? 1 : 0);
    this.#indexes.delete(collection);
  }

  /** Adds the key column of a path (new columns start NULL; the caller fills them). */
  addPath(collection: string, path: string): void {
    this.writer.exec(`ALTER TABLE ${tableName(collection)} ADD COLUMN ${keyColumn(path)} BLOB`);
    this.writer.prepare('INSERT INTO _tessera_paths (collection, path) VALUES (?, ?)').run(collection, path);
    this.#paths.delete(collection);
  }

  markPath(collection: string, path: string, flags: { multikey: boolean; objects: boolean }): void {
    this.writer
      .prepare(
        'UPDATE _tessera_paths SET multikey = max(multikey, ?), objects = max(objects, ?) WHERE collection = ? AND path = ?',
      )
      .run(flags.multikey ? 1 : 0, flags.objects ? 1 : 0, collection, path);
    this.#paths.delete(collection);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.reader.close();
    this.writer.close();
  }
}
