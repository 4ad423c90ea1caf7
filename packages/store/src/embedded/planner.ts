// Turns the simple parts of a filter into SQL over expression indexes. The SQL only narrows the
// candidates (it may return too many, never too few); every candidate is re-checked with mingo.
import { sqlJsonPath } from './codec';

export interface IndexInfo {
  name: string;
  keys: Record<string, 1 | -1>;
  unique: boolean;
  /** Some document once held an array along an indexed path: equality no longer means "this value". */
  multikey: boolean;
}

export interface Plan {
  where: string;
  params: unknown[];
}

/** The SQL expressions an index is built on, per path: (type, value). Missing and null share a key. */
const typeExprs = new Map<string, string>();
const valueExprs = new Map<string, string>();

export function typeExpr(path: string): string {
  let sql = typeExprs.get(path);
  if (sql === undefined) {
    sql = `ifnull(json_type(doc, '${sqlJsonPath(path).replaceAll("'", "''")}'), 'null')`;
    typeExprs.set(path, sql);
  }
  return sql;
}
export function valueExpr(path: string): string {
  let sql = valueExprs.get(path);
  if (sql === undefined) {
    sql = `ifnull(json_extract(doc, '${sqlJsonPath(path).replaceAll("'", "''")}'), '')`;
    valueExprs.set(path, sql);
  }
  return sql;
}

export function indexColumns(keys: Record<string, 1 | -1>): string {
  return Object.entries(keys)
    .map(([path, dir]) => `${typeExpr(path)}, ${valueExpr(path)} ${dir === -1 ? 'DESC' : 'ASC'}`)
    .join(', ');
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return (
    v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp)
  );
}

/** SQL for "the value at path equals v", or undefined when v is not a simple scalar. */
function equalsSql(path: string, v: unknown, params: unknown[]): string | undefined {
  const t = typeExpr(path);
  const val = valueExpr(path);
  if (v === null) return `${t} = 'null'`;
  if (typeof v === 'boolean') return `${t} = '${v ? 'true' : 'false'}'`;
  if (typeof v === 'number' && Number.isFinite(v)) {
    params.push(v);
    return `(${t} IN ('integer', 'real') AND ${val} = ?)`;
  }
  if (typeof v === 'string') {
    params.push(v);
    return `(${t} = 'text' AND ${val} = ?)`;
  }
  return undefined;
}

const RANGE_SQL: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

function rangeSql(path: string, op: string, v: unknown, params: unknown[]): string | undefined {
  const cmp = RANGE_SQL[op];
  if (cmp === undefined) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) {
    params.push(v);
    return `(${typeExpr(path)} IN ('integer', 'real') AND ${valueExpr(path)} ${cmp} ?)`;
  }
  if (typeof v === 'string') {
    params.push(v);
    return `(${typeExpr(path)} = 'text' AND ${valueExpr(path)} ${cmp} ?)`;
  }
  return undefined;
}

function idCondition(cond: unknown, params: unknown[]): string[] {
  if (typeof cond === 'string') {
    params.push(cond);
    return ['_id = ?'];
  }
  if (!isPlainObject(cond)) return [];
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
  if (!isPlainObject(cond) || !Object.keys(cond).some((k) => k.startsWith('$'))) {
    const sql = equalsSql(path, cond, params);
    return sql ? [sql] : [];
  }
  const out: string[] = [];
  for (const [op, v] of Object.entries(cond)) {
    if (op === '$eq') {
      const sql = equalsSql(path, v, params);
      if (sql) out.push(sql);
    } else if (op === '$in' && Array.isArray(v)) {
      const local: unknown[] = [];
      const parts = v.map((x) => equalsSql(path, x, local));
      if (parts.every((p) => p !== undefined)) {
        params.push(...local);
        out.push(parts.length === 0 ? '0' : `(${parts.join(' OR ')})`);
      }
    } else {
      const sql = rangeSql(path, op, v, params);
      if (sql) out.push(sql);
    }
  }
  return out;
}

/** Builds the SQL pre-filter from top-level (and $and-ed) conditions on `_id` and on single-value indexed paths. */
export function planFilter(filter: Record<string, unknown> | undefined, indexes: IndexInfo[]): Plan {
  const params: unknown[] = [];
  const clauses: string[] = [];
  const pushable = new Set<string>();
  for (const index of indexes) {
    if (index.multikey) continue;
    // A compound index's later keys are still usable through the expression on the full index (SQLite skip-scan aside, the first key matters most).
    for (const path of Object.keys(index.keys)) pushable.add(path);
  }
  const visit = (f: Record<string, unknown>) => {
    for (const [key, cond] of Object.entries(f)) {
      if (key === '$and' && Array.isArray(cond)) {
        for (const c of cond) if (isPlainObject(c)) visit(c);
      } else if (key === '_id') {
        clauses.push(...idCondition(cond, params));
      } else if (pushable.has(key) && !key.split('.').some((p) => /^\d+$/.test(p))) {
        clauses.push(...fieldCondition(key, cond, params));
      }
    }
  };
  if (filter) visit(filter);
  return { where: clauses.length > 0 ? clauses.join(' AND ') : '1', params };
}
