import { pointerOf } from '../../errors';

/** One changed place between two JSON documents. */
export interface JsonChange {
  op: 'add' | 'remove' | 'replace';
  pointer: string;
  before?: unknown;
  after?: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The changed JSON pointers from `before` to `after`, like a JSON Patch that also keeps the old
 * values. Objects are compared key by key and arrays index by index; anything else is replaced whole.
 */
export function diffJson(before: unknown, after: unknown): JsonChange[] {
  const changes: JsonChange[] = [];
  walk(before, after, [], changes);
  return changes;
}

function walk(a: unknown, b: unknown, path: (string | number)[], out: JsonChange[]): void {
  if (Object.is(a, b)) return;
  if (isObject(a) && isObject(b)) {
    for (const key of Object.keys(a)) {
      if (!(key in b)) out.push({ op: 'remove', pointer: pointerOf([...path, key]), before: a[key] });
      else walk(a[key], b[key], [...path, key], out);
    }
    for (const key of Object.keys(b)) {
      if (!(key in a)) out.push({ op: 'add', pointer: pointerOf([...path, key]), after: b[key] });
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const shared = Math.min(a.length, b.length);
    for (let i = 0; i < shared; i++) walk(a[i], b[i], [...path, i], out);
    for (let i = shared; i < b.length; i++)
      out.push({ op: 'add', pointer: pointerOf([...path, i]), after: b[i] });
    // Removed from the end backwards, so applying the list in order keeps indexes valid.
    for (let i = a.length - 1; i >= shared; i--)
      out.push({ op: 'remove', pointer: pointerOf([...path, i]), before: a[i] });
    return;
  }
  out.push({ op: 'replace', pointer: pointerOf(path), before: a, after: b });
}
