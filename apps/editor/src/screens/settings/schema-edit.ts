import type { Theme as SchemaTheme } from '@tessera/schema';
import { toPointer } from '@tessera/schema';

export type Theme = SchemaTheme;

/** The parts of an AppSchema the settings screen reads; the rest is kept as it is. */
export type Schema = Record<string, unknown> & {
  name?: unknown;
  locales: { default: string; supported: string[] };
};

type Segment = string | number;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A copy of `doc` with the value at `segments` replaced (objects on the way are copied or made);
 * `undefined` removes the key. The original is never changed.
 */
export function setAt<T>(doc: T, segments: readonly Segment[], value: unknown): T {
  if (segments.length === 0) return value as T;
  const [head, ...rest] = segments as [Segment, ...Segment[]];
  if (Array.isArray(doc)) {
    const copy = [...doc];
    copy[head as number] = setAt(copy[head as number], rest, value);
    return copy as T;
  }
  const copy: Record<string, unknown> = isObject(doc) ? { ...doc } : {};
  const next = setAt(copy[head], rest, value);
  if (next === undefined) delete copy[head];
  else copy[head] = next;
  return copy as T;
}

/** One translatable text of the app (an `{ $i18n }` value) and where it is. */
export interface StringRow {
  pointer: string;
  segments: Segment[];
  /** Where it is in builder's words: `home › submit_button › text`. */
  label: string;
  texts: Record<string, string>;
}

/** Every `{ $i18n: {...} }` in the app, in document order. */
export function collectStrings(schema: unknown): StringRow[] {
  const rows: StringRow[] = [];
  const walk = (value: unknown, segments: Segment[], place: Place) => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        walk(item, [...segments, index], place);
      });
      return;
    }
    if (!isObject(value)) return;
    if (isObject(value.$i18n)) {
      const texts: Record<string, string> = {};
      for (const [locale, text] of Object.entries(value.$i18n))
        if (typeof text === 'string') texts[locale] = text;
      const label = [place.page, place.node, ...place.keys].filter(Boolean).join(' › ');
      rows.push({ pointer: toPointer(segments.map(String)), segments, label, texts });
      return;
    }
    // Pages and nodes name the place; the keys below them finish the label.
    let here = place;
    if (typeof value.id === 'string' && 'root' in value) here = { page: value.id, keys: [] };
    else if (typeof value.id === 'string' && typeof value.component === 'string')
      here = { page: place.page, node: value.id, keys: [] };
    for (const [key, child] of Object.entries(value)) {
      const structural = STRUCTURAL.has(key) || (place.keys.at(-1) === 'slots' && here === place);
      walk(child, [...segments, key], structural ? here : { ...here, keys: [...here.keys, key] });
    }
  };
  walk(schema, [], { keys: [] });
  return rows;
}

interface Place {
  page?: string;
  node?: string;
  keys: string[];
}

const STRUCTURAL = new Set(['pages', 'root', 'children', 'slots', 'props']);
