// Documents are stored as JSON text. Values JSON cannot hold (dates, non-finite numbers) are
// written in MongoDB Extended JSON form so they come back as the same JavaScript values.

function replacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const original = this[key];
  if (original instanceof Date) return { $date: original.toISOString() };
  if (typeof original === 'number' && !Number.isFinite(original)) return { $numberDouble: String(original) };
  // The MongoDB driver stores undefined as null (ignoreUndefined: false), so do we.
  if (original === undefined && key !== '') return null;
  if (typeof original === 'bigint') return Number(original);
  return value;
}

export function encodeDocument(doc: unknown): string {
  return JSON.stringify(doc, replacer);
}

function reviver(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const v = value as Record<string, unknown>;
      if (typeof v.$date === 'string') return new Date(v.$date);
      if (typeof v.$numberDouble === 'string') return Number(v.$numberDouble);
    }
  }
  return value;
}

export function decodeDocument<T>(text: string): T {
  // The reviver is slow; most documents hold no special values.
  if (text.includes('"$date"') || text.includes('"$numberDouble"')) return JSON.parse(text, reviver) as T;
  return JSON.parse(text) as T;
}

/** A JSON path for SQLite's JSON functions: `a.b` → `$."a"."b"`. */
export function sqlJsonPath(path: string): string {
  return `$${path
    .split('.')
    .map((part) => `."${part.replaceAll('"', '""')}"`)
    .join('')}`;
}
