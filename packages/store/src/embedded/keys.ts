// Index keys: each indexed path of a document is stored in its own BLOB column, encoded so that
// SQLite's byte order (memcmp) is MongoDB's BSON order for null, numbers, strings, booleans and
// dates. One index then serves equality, ranges, and sorting; missing fields get the null key,
// so a unique index treats missing as null as MongoDB does.
import { encodeDocument } from './codec';

export const RANK = {
  null: 0x02,
  number: 0x03,
  string: 0x04,
  object: 0x05,
  array: 0x06,
  boolean: 0x09,
  date: 0x0a,
} as const;

/** The key of a null or missing value. */
export const NULL_KEY = Buffer.from([RANK.null]);

/** What one document holds at an indexed path. */
export interface PathKey {
  key: Buffer;
  /** The path met an array: equality on it no longer means "this value" (MongoDB's multikey). */
  array: boolean;
  /** The value is an embedded document, whose key bytes do not follow BSON order. */
  object: boolean;
  /** The path reaches nothing (missing and null share a key, but sparse indexes tell them apart). */
  missing?: boolean;
}

function numberKey(n: number): Buffer {
  const out = Buffer.alloc(9);
  out[0] = RANK.number;
  if (Number.isNaN(n)) return out; // NaN sorts below every other number
  out.writeDoubleBE(n === 0 ? 0 : n, 1); // -0 and 0 are the same key
  // Flip the sign bit of positives and every bit of negatives: byte order becomes numeric order.
  if ((out[1] as number) & 0x80) for (let i = 1; i < 9; i++) out[i] = ~(out[i] as number) & 0xff;
  else out[1] = (out[1] as number) | 0x80;
  return out;
}

function dateKey(d: Date): Buffer {
  const out = Buffer.alloc(9);
  out[0] = RANK.date;
  out.writeBigUInt64BE(BigInt(d.getTime()) + 2n ** 63n, 1);
  return out;
}

/** The key of one scalar value, or undefined for values that have no BSON-ordered key. */
export function scalarKey(value: unknown): Buffer | undefined {
  if (value === null || value === undefined) return NULL_KEY;
  if (typeof value === 'number') return numberKey(value);
  if (typeof value === 'string')
    return Buffer.concat([Buffer.from([RANK.string]), Buffer.from(value, 'utf8')]);
  if (typeof value === 'boolean') return Buffer.from([RANK.boolean, value ? 1 : 0]);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : dateKey(value);
  return undefined;
}

/** Lowest key of a type bracket's successor: ranges stay inside their own type, as in MongoDB. */
export function bracketEnd(value: unknown): Buffer {
  const key = scalarKey(value);
  return Buffer.from([((key?.[0] ?? RANK.null) as number) + 1]);
}

export function bracketStart(value: unknown): Buffer {
  const key = scalarKey(value);
  return Buffer.from([(key?.[0] ?? RANK.null) as number]);
}

/** Computes the key a document has at `path` (dotted). */
export function pathKey(doc: unknown, path: string): PathKey {
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(current)) return arrayKey(doc, path);
    if (current === null || typeof current !== 'object' || current instanceof Date) {
      current = undefined;
      break;
    }
    current = Object.hasOwn(current, part) ? (current as Record<string, unknown>)[part] : undefined;
  }
  if (Array.isArray(current)) return arrayKey(doc, path);
  const key = scalarKey(current);
  if (key) return { key, array: false, object: false, missing: current === undefined };
  return {
    key: Buffer.concat([Buffer.from([RANK.object]), Buffer.from(encodeDocument(current), 'utf8')]),
    array: false,
    object: true,
  };
}

function arrayKey(doc: unknown, path: string): PathKey {
  // A whole-array key: unique indexes compare such documents by the entire array (see README).
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') break;
    current = (current as Record<string, unknown>)[part];
  }
  return {
    key: Buffer.concat([Buffer.from([RANK.array]), Buffer.from(encodeDocument(current ?? null), 'utf8')]),
    array: true,
    object: false,
  };
}
