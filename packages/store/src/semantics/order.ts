// MongoDB's BSON comparison order and sort semantics, which mingo does not follow exactly
// (it ranks objects after arrays and sorts array fields by their first element descending).
import { badValue } from '../errors';
import type { SortSpec } from '../types';

/** Rank of a value's type in BSON comparison order (MinKey 1 ... MaxKey 127). */
function typeRank(value: unknown): number {
  if (value === null || value === undefined) return 2;
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return 3;
    case 'string':
      return 4;
    case 'boolean':
      return 9;
    case 'object':
      if (Array.isArray(value)) return 6;
      if (value instanceof Date) return 10;
      if (value instanceof RegExp) return 12;
      if (value instanceof Uint8Array) return 7;
      return 5;
    default:
      return 5;
  }
}

function compareStrings(a: string, b: string): number {
  // MongoDB compares strings by their UTF-8 bytes; Buffer.compare does exactly that.
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Compares two values in BSON order; arrays compare element by element (as nested values do). */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 2:
      return 0;
    case 3: {
      const x = Number(a);
      const y = Number(b);
      if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1; // NaN sorts below every number
      if (Number.isNaN(y)) return 1;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 4:
      return compareStrings(a as string, b as string);
    case 9:
      return a === b ? 0 : a ? 1 : -1;
    case 10: {
      const x = (a as Date).getTime();
      const y = (b as Date).getTime();
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 6: {
      const x = a as unknown[];
      const y = b as unknown[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareValues(x[i], y[i]);
        if (c !== 0) return c;
      }
      return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
    }
    case 5: {
      // Objects compare field by field: type of value, then field name, then value.
      const x = Object.entries(a as object);
      const y = Object.entries(b as object);
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const [kx, vx] = x[i] as [string, unknown];
        const [ky, vy] = y[i] as [string, unknown];
        const t = typeRank(vx) - typeRank(vy);
        if (t !== 0) return t < 0 ? -1 : 1;
        const k = compareStrings(kx, ky);
        if (k !== 0) return k;
        const v = compareValues(vx, vy);
        if (v !== 0) return v;
      }
      return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
    }
    default:
      return compareStrings(String(a), String(b));
  }
}

const EMPTY_ARRAY = Symbol('empty array');

/** Every value a dotted path reaches, descending into arrays like MongoDB does. */
export function valuesAtPath(doc: unknown, path: string[]): unknown[] {
  if (path.length === 0) return [doc];
  if (Array.isArray(doc)) {
    const [head] = path;
    const out: unknown[] = [];
    if (head !== undefined && /^\d+$/.test(head) && Number(head) < doc.length) {
      out.push(...valuesAtPath(doc[Number(head)], path.slice(1)));
    }
    for (const item of doc) {
      if (item !== null && typeof item === 'object' && !Array.isArray(item))
        out.push(...valuesAtPath(item, path));
    }
    return out;
  }
  if (doc === null || typeof doc !== 'object' || doc instanceof Date) return [];
  const [head, ...rest] = path as [string, ...string[]];
  if (!Object.hasOwn(doc, head)) return [];
  return valuesAtPath((doc as Record<string, unknown>)[head], rest);
}

/** The value a document sorts by on one key: the smallest (ascending) or largest (descending) array element. */
function sortKey(doc: unknown, path: string[], direction: 1 | -1): unknown {
  const found = valuesAtPath(doc, path);
  const flat: unknown[] = [];
  let sawEmptyArray = false;
  for (const v of found) {
    if (Array.isArray(v)) {
      if (v.length === 0) sawEmptyArray = true;
      flat.push(...v);
    } else flat.push(v);
  }
  if (flat.length === 0) return sawEmptyArray ? EMPTY_ARRAY : null;
  let best = flat[0];
  for (const v of flat) if (compareValues(v, best) * direction < 0) best = v;
  return best;
}

/** Orders like MongoDB; an empty array sorts below null and missing fields. */
function compareSortKeys(a: unknown, b: unknown): number {
  if (a === EMPTY_ARRAY || b === EMPTY_ARRAY) return a === b ? 0 : a === EMPTY_ARRAY ? -1 : 1;
  return compareValues(a, b);
}

export function validateSort(sort: unknown): SortSpec {
  if (sort === null || typeof sort !== 'object' || Array.isArray(sort))
    throw badValue('sort must be an object');
  for (const [field, dir] of Object.entries(sort)) {
    if (dir !== 1 && dir !== -1)
      throw badValue(`$sort key ordering must be 1 (for ascending) or -1 (for descending): ${field}`);
    if (field === '' || field.startsWith('$')) throw badValue(`invalid sort field: '${field}'`);
  }
  return sort as SortSpec;
}

/** A stable comparator for a sort specification. */
export function sortComparator(sort: SortSpec): (a: unknown, b: unknown) => number {
  const keys = Object.entries(sort).map(([field, dir]) => ({ path: field.split('.'), dir }));
  return (a, b) => {
    for (const { path, dir } of keys) {
      const c = compareSortKeys(sortKey(a, path, dir), sortKey(b, path, dir));
      if (c !== 0) return c * dir;
    }
    return 0;
  };
}

export function sortDocuments<T>(docs: T[], sort: SortSpec): T[] {
  if (Object.keys(sort).length === 0) return docs;
  const cmp = sortComparator(sort);
  // Precomputing keys would be faster; Array.prototype.sort is stable, which keeps ties in natural order.
  return docs.sort(cmp);
}
