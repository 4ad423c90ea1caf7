// Reading entries for an audience: filter/sort/fields checked against the model, localised values
// resolved with fallback, hidden fields left out for the public, references populated (bounded, cycle-safe).
import type { ContentModelField } from '@tessera/schema';
import type { Document, DocumentStore } from '@tessera/store';
import { httpError } from '../../errors';
import { QueryError, validateFilter } from '../app-db/query-validation';
import { draftsOf, publicShape, publishedOf } from './entries';
import { type ContentModel, defaultLocaleOf } from './entry-schema';

export const maxLimit = 100;
export const maxDepth = 3;
const systemFields = new Set([
  '_id',
  '_createdAt',
  '_updatedAt',
  '_publishedAt',
  '_scheduledAt',
  '_status',
  '_version',
]);

export interface ReadOptions {
  /** 'published' (the published copies) or 'draft' (the working copies, builders and full tokens). */
  status: 'published' | 'draft';
  /** Public readers never see hidden fields. */
  includeHidden: boolean;
  locale?: string;
  populate?: string[];
  depth?: number;
  fields?: string[];
}

export interface ListQuery extends ReadOptions {
  filter?: unknown;
  sort?: Record<string, 1 | -1>;
  limit?: number;
  skip?: number;
}

export type ModelLookup = (name: string) => Promise<ContentModel | null>;

function visibleField(model: ContentModel, name: string, includeHidden: boolean): ContentModelField | null {
  const field = model.fields.find((f) => f.name === name);
  if (!field || (field.hidden && !includeHidden)) return null;
  return field;
}

/** Every field path of a filter must start with a (visible) field of the model. */
function checkFilterFields(
  model: ContentModel,
  filter: unknown,
  includeHidden: boolean,
  pointer: string,
): void {
  if (Array.isArray(filter)) {
    filter.forEach((item, index) => {
      checkFilterFields(model, item, includeHidden, `${pointer}/${index}`);
    });
    return;
  }
  if (!filter || typeof filter !== 'object') return;
  for (const [key, value] of Object.entries(filter as Record<string, unknown>)) {
    if (key === '$and' || key === '$or' || key === '$nor') {
      checkFilterFields(model, value, includeHidden, `${pointer}/${key}`);
    } else if (!key.startsWith('$')) {
      const root = key.split('.')[0] ?? key;
      if (!systemFields.has(root) && !visibleField(model, root, includeHidden))
        throw httpError(400, `${pointer}/${key}: no field "${root}" in model ${model.name}`, [
          { pointer: `${pointer}/${key}`, message: `no field "${root}" in model ${model.name}` },
        ]);
    }
  }
}

export function checkedFilter(
  model: ContentModel,
  filter: unknown,
  includeHidden: boolean,
): Record<string, unknown> {
  if (filter === undefined || filter === null) return {};
  try {
    const valid = validateFilter(filter, '/filter');
    checkFilterFields(model, valid, includeHidden, '/filter');
    return valid;
  } catch (error) {
    if (error instanceof QueryError) throw httpError(400, error.message, [error.issue]);
    throw error;
  }
}

function checkedSort(model: ContentModel, sort: Record<string, 1 | -1> | undefined, includeHidden: boolean) {
  if (!sort) return undefined;
  for (const key of Object.keys(sort)) {
    const root = key.split('.')[0] ?? key;
    if (!systemFields.has(root) && !visibleField(model, root, includeHidden))
      throw httpError(400, `/sort/${key}: no field "${root}" in model ${model.name}`, [
        { pointer: `/sort/${key}`, message: `no field "${root}" in model ${model.name}` },
      ]);
  }
  return sort;
}

/** Shapes one stored entry for the reader: locale resolution, hidden and selected fields. */
export function shapeEntry(
  model: ContentModel,
  doc: Document,
  options: ReadOptions,
): Record<string, unknown> {
  const out = publicShape(doc);
  delete out._publishedVersion;
  for (const field of model.fields) {
    if (field.hidden && !options.includeHidden) delete out[field.name];
    else if (field.localised && options.locale && out[field.name] && typeof out[field.name] === 'object') {
      const values = out[field.name] as Record<string, unknown>;
      out[field.name] = values[options.locale] ?? values[defaultLocaleOf(model)] ?? null;
    }
  }
  if (options.fields && options.fields.length > 0) {
    const keep = new Set(['_id', ...options.fields]);
    for (const key of Object.keys(out)) if (!keep.has(key) && !key.startsWith('_')) delete out[key];
  }
  return out;
}

function collectionFor(name: string, status: ReadOptions['status']): string {
  return status === 'published' ? publishedOf(name) : draftsOf(name);
}

export async function listEntries(
  db: DocumentStore,
  model: ContentModel,
  query: ListQuery,
  lookup: ModelLookup,
): Promise<{ data: Record<string, unknown>[]; total: number; limit: number; skip: number }> {
  const filter = checkedFilter(model, query.filter, query.includeHidden);
  const sort = checkedSort(model, query.sort, query.includeHidden);
  if (query.fields) for (const name of query.fields) fieldFor(model, name, query.includeHidden, '/fields');
  const limit = Math.min(query.limit ?? 20, maxLimit);
  const skip = query.skip ?? 0;
  const collection = db.collection(collectionFor(model.name, query.status));
  const [docs, total] = await Promise.all([
    collection.find(filter, { ...(sort ? { sort } : {}), skip, limit }).toArray(),
    collection.countDocuments(filter),
  ]);
  const data = docs.map((doc) => shapeEntry(model, doc, query));
  await populate(db, model, data, query, lookup);
  return { data, total, limit, skip };
}

export async function getEntry(
  db: DocumentStore,
  model: ContentModel,
  id: string,
  options: ReadOptions,
  lookup: ModelLookup,
): Promise<Record<string, unknown>> {
  const doc = await db.collection(collectionFor(model.name, options.status)).findOne({ _id: id });
  if (!doc)
    throw httpError(404, `No ${options.status === 'published' ? 'published ' : ''}${model.name} entry ${id}`);
  const entry = shapeEntry(model, doc, options);
  await populate(db, model, [entry], options, lookup);
  return entry;
}

function fieldFor(
  model: ContentModel,
  name: string,
  includeHidden: boolean,
  pointer: string,
): ContentModelField {
  const field = visibleField(model, name, includeHidden);
  if (!field)
    throw httpError(400, `${pointer}: no field "${name}" in model ${model.name}`, [
      { pointer, message: `no field "${name}"` },
    ]);
  return field;
}

function referencedModel(field: ContentModelField): string | undefined {
  if (field.type === 'reference') return field.model;
  if (field.type === 'array' && field.items?.type === 'reference') return field.items.model;
  return undefined;
}

/**
 * Replaces reference ids by the referenced entries, `depth` levels deep (top level: the `populate`
 * fields; below: every reference field). An entry already on the path is left as its id (cycles).
 */
async function populate(
  db: DocumentStore,
  model: ContentModel,
  entries: Record<string, unknown>[],
  options: ReadOptions,
  lookup: ModelLookup,
): Promise<void> {
  if (!options.populate || options.populate.length === 0 || entries.length === 0) return;
  const depth = Math.min(Math.max(options.depth ?? 1, 1), maxDepth);
  const names = options.populate.includes('*')
    ? model.fields
        .filter((f) => referencedModel(f) && (!f.hidden || options.includeHidden))
        .map((f) => f.name)
    : options.populate;
  const fields = names.map((name) => fieldFor(model, name, options.includeHidden, '/populate'));
  for (const field of fields)
    if (!referencedModel(field))
      throw httpError(400, `/populate: "${field.name}" is not a reference field`, [
        { pointer: '/populate', message: `"${field.name}" is not a reference field` },
      ]);
  const pathOf = new Map<Record<string, unknown>, Set<string>>();
  for (const entry of entries) pathOf.set(entry, new Set([`${model.name}:${String(entry._id)}`]));
  await populateLevel(db, model, entries, fields, options, lookup, depth, pathOf);
}

async function populateLevel(
  db: DocumentStore,
  model: ContentModel,
  entries: Record<string, unknown>[],
  fields: ContentModelField[],
  options: ReadOptions,
  lookup: ModelLookup,
  depthLeft: number,
  pathOf: Map<Record<string, unknown>, Set<string>>,
): Promise<void> {
  for (const field of fields) {
    const target = referencedModel(field);
    if (!target) continue;
    const targetModel = target === model.name ? model : await lookup(target);
    if (!targetModel) continue;
    const ids = new Set<string>();
    for (const entry of entries) {
      const value = entry[field.name];
      for (const id of Array.isArray(value) ? value : [value]) if (typeof id === 'string') ids.add(id);
    }
    if (ids.size === 0) continue;
    const found = await db
      .collection(collectionFor(target, options.status))
      .find({ _id: { $in: [...ids] } })
      .toArray();
    const byId = new Map(found.map((doc) => [String(doc._id), doc]));
    const children: Record<string, unknown>[] = [];
    const childPath = new Map<Record<string, unknown>, Set<string>>();
    const resolve = (entry: Record<string, unknown>, id: unknown): unknown => {
      if (typeof id !== 'string') return id;
      const path = pathOf.get(entry) ?? new Set<string>();
      const key = `${target}:${id}`;
      const doc = byId.get(id);
      if (!doc || path.has(key)) return id; // missing (or unpublished) stays an id; cycles stop here
      const child = shapeEntry(targetModel, doc, { ...options, fields: undefined });
      childPath.set(child, new Set([...path, key]));
      children.push(child);
      return child;
    };
    for (const entry of entries) {
      const value = entry[field.name];
      entry[field.name] = Array.isArray(value)
        ? value.map((id) => resolve(entry, id))
        : resolve(entry, value);
    }
    if (depthLeft > 1 && children.length > 0) {
      const nested = targetModel.fields.filter(
        (f) => referencedModel(f) && (!f.hidden || options.includeHidden),
      );
      await populateLevel(db, targetModel, children, nested, options, lookup, depthLeft - 1, childPath);
    }
  }
}
