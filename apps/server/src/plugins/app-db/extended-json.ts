// Values JSON cannot carry arrive in a small Extended JSON form:
// `{ "$date": "<ISO 8601>" }` is a date and `{ "$serverDate": { "offset"?: ms } }` is the server's clock.

/** Replaces date markers with Date objects, leaving everything else as it is (validated afterwards). */
export function prepareValues<T>(value: T, now = Date.now()): T {
  return convert(value, now, 0) as T;
}

function convert(value: unknown, now: number, depth: number): unknown {
  if (depth > 64 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => convert(item, now, depth + 1));
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1) {
    if (keys[0] === '$date' && typeof record.$date === 'string') {
      const date = new Date(record.$date);
      if (!Number.isNaN(date.getTime())) return date;
    }
    if (keys[0] === '$serverDate') {
      const options = record.$serverDate as { offset?: unknown } | null;
      const offset =
        typeof options?.offset === 'number' && Number.isFinite(options.offset) ? options.offset : 0;
      return new Date(now + offset);
    }
  }
  const result: Record<string, unknown> = {};
  for (const key of keys) result[key] = convert(record[key], now, depth + 1);
  return result;
}
