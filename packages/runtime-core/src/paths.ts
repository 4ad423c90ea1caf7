/** A location in the runtime's data, e.g. ['state', 'form', 'name']. */
export type Path = readonly string[];

/** True when a change at `changed` may alter what is read at `read` (one is a prefix of the other). */
export function overlaps(read: Path, changed: Path): boolean {
  const n = Math.min(read.length, changed.length);
  for (let i = 0; i < n; i++) if (read[i] !== changed[i]) return false;
  return true;
}

export function getIn(root: unknown, path: Path): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

// Keys that would reach object prototypes: never written through a path.
const UNSAFE = new Set(['__proto__', 'prototype', 'constructor']);

/** A copy of `root` with `value` at `path`; objects along the path are copied, the rest shared. */
export function setIn(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  if (UNSAFE.has(head)) throw new Error(`"${head}" cannot be used in a state path`);
  const base = root !== null && typeof root === 'object' ? root : {};
  if (Array.isArray(base) && /^\d+$/.test(head)) {
    const copy = base.slice();
    copy[Number(head)] = setIn(copy[Number(head)], rest, value);
    return copy;
  }
  const copy: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  copy[head] = setIn(copy[head], rest, value);
  return copy;
}

/** Splits a dot path from the schema (`form.name`) into segments; '' gives []. */
export function splitPath(path: string | undefined): string[] {
  return path ? path.split('.') : [];
}
