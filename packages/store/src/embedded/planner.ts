// Turns the simple parts of a filter, and a sort, into SQL over the key columns (keys.ts). The
// SQL only narrows the candidates (it may return too many, never too few); every candidate is
// re-checked with mingo. A sort goes to SQL only when its key order is exactly MongoDB's.
import { quoteIdent } from './database';
import { bracketEnd, bracketStart, NULL_KEY, scalarKey } from './keys';

export interface IndexInfo {
  name: string;
  keys: Record<string, 1 | -1>;
  unique: boolean;
  /** Documents missing every indexed field are left out (so a sparse unique index allows many). */
  sparse: boolean;
}

/** What the collection has seen at an indexed path (sticky flags, like MongoDB's multikey). */
export interface PathInfo {
  path: string;
  multikey: boolean;
  objects: boolean;
}

export interface Plan {
  where: string;
  params: unknown[];
  /** The SQL alone decides the filter (only exact equalities were used), so counting needs no re-check. */
  exact: boolean;
}

/** The column holding a path's key. */
export function keyColumn(path: string): string {
  return quoteIdent(`k:${path}`);
}

export function indexColumns(keys: Record<string, 1 | -1>): string {
  return Object.entries(keys)
    .map(([path, dir]) => `${keyColumn(path)} ${dir === -1 ? 'DESC' : 'ASC'}`)
    .join(', ');
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return (
    v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp)
  );
}

function equals(column: string, v: unknown, params: unknown[]): string | undefined {
  const key = scalarKey(v);
  if (!key) return undefined;
  params.push(key);
  return `${column} = ?`;
}

function range(column: string, op: string, v: unknown, params: unknown[]): string | undefined {
  if (v === null) {
    if (op === '$gte' || op === '$lte') {
      params.push(NULL_KEY);
      return `${column} = ?`;
    }
    return '0'; // $gt / $lt null match nothing
  }
  const key = scalarKey(v);
  if (!key || (typeof v === 'number' && Number.isNaN(v))) return undefined;
  switch (op) {
    case '$gt':
      params.push(key, bracketEnd(v));
      return `${column} > ? AND ${column} < ?`;
    case '$gte':
      params.push(key, bracketEnd(v));
      return `${column} >= ? AND ${column} < ?`;
    case '$lt':
      params.push(bracketStart(v), key);
      return `${column} >= ? AND ${column} < ?`;
    case '$lte':
      params.push(bracketStart(v), key);
      return `${column} >= ? AND ${column} <= ?`;
    default:
      return undefined;
  }
}

const RANGE_SQL: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

function idCondition(cond: unknown, params: unknown[]): string[] {
  if (typeof cond === 'string') {
    params.push(cond);
    return ['_id = ?'];
  }
  if (!isPlainObject(cond)) return cond === null || typeof cond !== 'object' ? ['0'] : [];
  const out: string[] = [];
  for (const [op, v] of Object.entries(cond)) {
    if (op === '$eq' && typeof v === 'string') {
      params.push(v);
      out.push('_id = ?');
    } else if (op === '$in' && Array.isArray(v) && v.every((x) => typeof x === 'string')) {
      params.push(...v);
      out.push(v.length === 0 ? '0' : `_id IN (${v.map(() => '?').join(', ')})`);
    } else if (RANGE_SQL[op] && typeof v === 'string') {
      params.push(v);
      out.push(`_id ${RANGE_SQL[op]} ?`);
    }
  }
  return out;
}

function fieldCondition(path: string, cond: unknown, params: unknown[]): string[] {
  const column = keyColumn(path);
  if (!isPlainObject(cond) || !Object.keys(cond).some((k) => k.startsWith('$'))) {
    const sql = equals(column, cond, params);
    return sql ? [sql] : [];
  }
  const out: string[] = [];
  for (const [op, v] of Object.entries(cond)) {
    if (op === '$eq') {
      const sql = equals(column, v, params);
      if (sql) out.push(sql);
    } else if (op === '$in' && Array.isArray(v)) {
      const keys = v.map((x) => scalarKey(x));
      if (keys.every((k) => k !== undefined)) {
        params.push(...keys);
        out.push(keys.length === 0 ? '0' : `${column} IN (${keys.map(() => '?').join(', ')})`);
      }
    } else if (RANGE_SQL[op]) {
      const sql = range(column, op, v, params);
      if (sql) out.push(sql);
    }
  }
  return out;
}

/** Paths whose keys are single values, so SQL conditions on them are exact up to the re-check. */
function pushablePaths(paths: PathInfo[]): Set<string> {
  return new Set(paths.filter((p) => !p.multikey).map((p) => p.path));
}

/** Builds the SQL pre-filter from top-level (and $and-ed) conditions on `_id` and on single-value indexed paths. */
export function planFilter(filter: Record<string, unknown> | undefined, paths: PathInfo[]): Plan {
  const params: unknown[] = [];
  const clauses: string[] = [];
  const pushable = pushablePaths(paths);
  let exact = true;
  const visit = (f: Record<string, unknown>) => {
    for (const [key, cond] of Object.entries(f)) {
      if (key === '$and' && Array.isArray(cond)) {
        for (const c of cond)
          if (isPlainObject(c)) visit(c);
          else exact = false;
      } else if (key === '_id') {
        exact &&= isExactEquality(cond, (v) => typeof v === 'string');
        clauses.push(...idCondition(cond, params));
      } else if (pushable.has(key)) {
        exact &&= isExactEquality(cond, (v) => scalarKey(v) !== undefined);
        clauses.push(...fieldCondition(key, cond, params));
      } else {
        exact = false;
      }
    }
  };
  if (filter) visit(filter);
  return { where: clauses.length > 0 ? clauses.join(' AND ') : '1', params, exact };
}

/** Equality, `$eq` or `$in` of values whose key comparison is exactly MongoDB's equality. */
function isExactEquality(cond: unknown, keyed: (v: unknown) => boolean): boolean {
  if (!isPlainObject(cond)) return keyed(cond);
  const entries = Object.entries(cond);
  if (!entries.some(([k]) => k.startsWith('$'))) return false; // embedded document equality
  return entries.every(
    ([op, v]) => (op === '$eq' && keyed(v)) || (op === '$in' && Array.isArray(v) && v.every((x) => keyed(x))),
  );
}

/**
 * SQL ORDER BY for a sort when key order equals MongoDB's sort order for every document: each
 * key is `_id` or an indexed path that never held an array or an embedded document.
 */
export function planSort(sort: Record<string, 1 | -1>, paths: PathInfo[]): string | undefined {
  const known = new Map(paths.map((p) => [p.path, p]));
  const parts: string[] = [];
  for (const [field, dir] of Object.entries(sort)) {
    const direction = dir === -1 ? 'DESC' : 'ASC';
    if (field === '_id') {
      parts.push(`_id ${direction}`);
      continue;
    }
    const info = known.get(field);
    if (!info || info.multikey || info.objects) return undefined;
    parts.push(`${keyColumn(field)} ${direction}`);
  }
  return parts.length > 0 ? parts.join(', ') : undefined;
}
