// Filters and projections through mingo, with MongoDB's validation in front of it.
import { Query } from 'mingo/query';
import { ErrorCode, StoreError } from '../errors';
import type { Document, Filter, Projection } from '../types';
import { storeContext } from './context';

// Scripts ($where, $function, $accumulator) are never run: filters may come from app end users.
const MINGO_OPTIONS = { scriptEnabled: false, useStrictMode: true, context: storeContext } as const;

export function mingoOptions(extra: Record<string, unknown> = {}) {
  return { ...MINGO_OPTIONS, ...extra };
}

export interface CompiledFilter {
  test(doc: Document): boolean;
}

const MATCH_ALL: CompiledFilter = { test: () => true };

/** A cache key that tells apart what JSON would merge (regular expressions, dates, undefined). */
function filterKey(filter: Filter): string | undefined {
  let cacheable = true;
  const key = JSON.stringify(filter, function (this: Record<string, unknown>, k, v) {
    const original = this[k];
    if (original instanceof RegExp) return { $re: original.source, $flags: original.flags };
    if (original instanceof Date) return { $date: original.getTime() };
    if (original === undefined || typeof original === 'function' || typeof original === 'symbol')
      cacheable = false;
    return v;
  });
  return cacheable ? key : undefined;
}

// Compiling a mingo Query costs more than running it on a page of documents, and servers repeat filters.
const compiled = new Map<string, CompiledFilter>();
const CACHE_SIZE = 500;

export function compileFilter(filter: Filter | undefined): CompiledFilter {
  if (filter === undefined || filter === null) return MATCH_ALL;
  if (typeof filter !== 'object' || Array.isArray(filter))
    throw new StoreError(ErrorCode.BadValue, 'filter must be an object');
  if (Object.keys(filter).length === 0) return MATCH_ALL;
  const key = filterKey(filter);
  const cached = key === undefined ? undefined : compiled.get(key);
  if (cached) return cached;
  const fresh = compileUncached(filter);
  if (key !== undefined) {
    if (compiled.size >= CACHE_SIZE) compiled.delete(compiled.keys().next().value as string);
    compiled.set(key, fresh);
  }
  return fresh;
}

function compileUncached(filter: Filter): CompiledFilter {
  try {
    const query = new Query(filter, MINGO_OPTIONS);
    return {
      test: (doc) => {
        try {
          return query.test(doc);
        } catch (error) {
          throw new StoreError(ErrorCode.BadValue, error instanceof Error ? error.message : String(error), {
            cause: error,
          });
        }
      },
    };
  } catch (error) {
    throw new StoreError(ErrorCode.BadValue, error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  }
}

function isInclusion(value: unknown): boolean {
  if (value === 0 || value === false) return false;
  return true; // 1, true, and expressions ($slice, $elemMatch, computed fields) include
}

/** Rejects projections MongoDB rejects: mixing inclusion with exclusion, and path collisions. */
export function validateProjection(projection: Projection): void {
  if (projection === null || typeof projection !== 'object' || Array.isArray(projection)) {
    throw new StoreError(ErrorCode.BadValue, 'projection must be an object');
  }
  let mode: 'include' | 'exclude' | undefined;
  const paths: string[] = [];
  for (const [field, value] of Object.entries(projection)) {
    paths.push(field);
    if (field === '_id') continue;
    const isSliceOrElemMatch =
      value !== null &&
      typeof value === 'object' &&
      ('$slice' in (value as object) || '$elemMatch' in (value as object));
    if (isSliceOrElemMatch) continue; // these combine with either mode
    const m = isInclusion(value) ? 'include' : 'exclude';
    if (mode === undefined) mode = m;
    else if (mode !== m) {
      if (m === 'exclude')
        throw new StoreError(31254, `Cannot do exclusion on field ${field} in inclusion projection`);
      throw new StoreError(31253, `Cannot do inclusion on field ${field} in exclusion projection`);
    }
  }
  const sorted = [...paths].sort();
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1] as string;
    const cur = sorted[i] as string;
    if (cur.startsWith(`${prev}.`)) {
      throw new StoreError(31249, `Path collision at ${cur} remaining portion ${cur.slice(prev.length + 1)}`);
    }
  }
}

function isSlice(value: unknown): value is { $slice: number | [number, number] } {
  return value !== null && typeof value === 'object' && '$slice' in value && Object.keys(value).length === 1;
}

function sliceArray(values: unknown[], spec: number | [number, number]): unknown[] {
  if (Array.isArray(spec)) {
    const [skip, limit] = spec;
    const start = skip < 0 ? Math.max(values.length + skip, 0) : skip;
    return values.slice(start, start + limit);
  }
  return spec >= 0 ? values.slice(0, spec) : values.slice(spec);
}

/** A projection of only `$slice`s returns every field, with those arrays sliced (mingo drops the other fields). */
function applySlices(doc: Document, projection: Projection): Document {
  const out = structuredClone(doc) as Record<string, unknown>;
  for (const [path, value] of Object.entries(projection)) {
    if (path === '_id') {
      if (value === 0 || value === false) delete out._id;
      continue;
    }
    const parts = path.split('.');
    let parent: unknown = out;
    for (const part of parts.slice(0, -1))
      parent =
        parent !== null && typeof parent === 'object' ? (parent as Record<string, unknown>)[part] : undefined;
    const last = parts[parts.length - 1] as string;
    if (parent === null || typeof parent !== 'object' || Array.isArray(parent)) continue;
    const target = (parent as Record<string, unknown>)[last];
    if (Array.isArray(target))
      (parent as Record<string, unknown>)[last] = sliceArray(
        target,
        (value as { $slice: number | [number, number] }).$slice,
      );
  }
  return out as Document;
}

export function projectDocuments<T>(docs: Document[], projection: Projection | undefined): T[] {
  if (projection === undefined || Object.keys(projection).length === 0) return docs as T[];
  const entries = Object.entries(projection).filter(([k]) => k !== '_id');
  if (entries.length > 0 && entries.every(([, v]) => isSlice(v)))
    return docs.map((d) => applySlices(d, projection)) as T[];
  try {
    return new Query({}, MINGO_OPTIONS).find(docs, projection).all() as T[];
  } catch (error) {
    throw new StoreError(ErrorCode.BadValue, error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  }
}
