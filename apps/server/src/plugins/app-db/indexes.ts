// A collection's indexes as builders manage them: the API speaks in fields and orders, the store
// in MongoDB key patterns. Indexes make queries on large collections fast and unique ones keep
// values (an appointment slot, a case number) from being stored twice.
import { type DocumentStore, type IndexDescription, StoreError } from '@tessera/store';
import { httpError } from '../../errors';
import { guard } from './app-database';
import { fieldPathProblem, validateCollectionName } from './query-validation';

export interface IndexField {
  field: string;
  order: 'asc' | 'desc';
}

export interface AppIndex {
  name: string;
  fields: IndexField[];
  unique: boolean;
  /** `_id_`: every collection has it and it cannot be dropped. */
  builtIn: boolean;
}

export interface NewIndex {
  fields: IndexField[];
  unique?: boolean;
  name?: string;
}

/** Most fields in one index (as for sorts). */
export const maxIndexFields = 8;
/** Longest index name, given or made from the fields (`day_1_slot_-1`). */
export const maxIndexName = 128;
/** Most indexes one collection may have besides `_id_` (MongoDB allows 63; each one slows writes). */
export const maxIndexes = 20;
const indexName = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export class CollectionIndexes {
  private readonly name: string;

  constructor(
    private readonly db: DocumentStore,
    collection: string,
  ) {
    this.name = guard(() => validateCollectionName(collection));
  }

  async list(): Promise<AppIndex[]> {
    return (await this.db.collection(this.name).listIndexes()).map(appIndex);
  }

  async create(input: NewIndex): Promise<AppIndex> {
    const keys = keysOf(input.fields);
    if (input.name !== undefined && !indexName.test(input.name))
      throw httpError(
        400,
        `"${input.name}" is not an index name: letters, digits, "_", "." or "-", up to 64`,
        [{ pointer: '/name', message: 'letters, digits, "_", "." or "-", starting with a letter or digit' }],
      );
    if (Object.keys(keys).length === 1 && keys._id !== undefined)
      throw httpError(400, 'Every collection is already indexed on _id (unique)', [
        { pointer: '/fields', message: '_id is always indexed' },
      ]);
    const collection = this.db.collection(this.name);
    const existing = await collection.listIndexes();
    const same = existing.find((index) => sameKeys(index.keys, keys));
    if (same)
      throw httpError(409, `The index "${same.name}" already covers these fields in this order`, [
        { pointer: '/fields', message: `already indexed by "${same.name}"` },
      ]);
    // MongoDB's default name, so that a clash or a name too long is said before the store is asked
    const name =
      input.name ??
      Object.entries(keys)
        .map(([field, order]) => `${field}_${order}`)
        .join('_');
    if (name.length > maxIndexName)
      throw httpError(
        400,
        `The index name "${name.slice(0, 40)}…" is longer than ${maxIndexName} characters; give the index a shorter name`,
        [{ pointer: '/name', message: `at most ${maxIndexName} characters` }],
      );
    if (existing.some((index) => index.name === name))
      throw httpError(409, `There is already an index named "${name}"; give this one another name`, [
        { pointer: '/name', message: 'already used' },
      ]);
    if (existing.length - 1 >= maxIndexes)
      throw httpError(
        409,
        `"${this.name}" already has ${maxIndexes} indexes; drop one first (each index slows every write)`,
      );
    try {
      await collection.createIndex(keys, { ...(input.unique ? { unique: true } : {}), name });
      return appIndex({ name, keys, unique: input.unique === true, sparse: false });
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      if (error.code === 11000) throw duplicateValues(keys, error);
      // made meanwhile by another request (85: same fields, 86: same name), or a name the
      // embedded store cannot tell from another
      if (error.code === 85 || error.code === 86)
        throw httpError(409, `The index cannot be created: ${error.message}`, [
          { pointer: error.code === 85 ? '/fields' : '/name', message: 'clashes with an existing index' },
        ]);
      if (error.code === 2 || error.code === 73)
        throw httpError(400, error.message, [
          { pointer: error.code === 2 ? '/fields' : '/collection', message: error.message },
        ]);
      throw error;
    }
  }

  async drop(name: string): Promise<void> {
    try {
      await this.db.collection(this.name).dropIndex(name);
    } catch (error) {
      if (error instanceof StoreError && error.code === 27)
        throw httpError(404, `"${this.name}" has no index named "${name}"`);
      if (error instanceof StoreError && error.code === 72)
        throw httpError(400, 'The _id index is built in: every collection keeps it');
      throw error;
    }
  }
}

function keysOf(fields: IndexField[]): Record<string, 1 | -1> {
  if (fields.length === 0 || fields.length > maxIndexFields)
    throw httpError(400, `An index has 1 to ${maxIndexFields} fields`, [
      { pointer: '/fields', message: `1 to ${maxIndexFields} fields` },
    ]);
  const keys: Record<string, 1 | -1> = {};
  fields.forEach(({ field, order }, i) => {
    const problem = fieldPathProblem(field);
    if (problem) throw httpError(400, problem, [{ pointer: `/fields/${i}/field`, message: problem }]);
    if (field in keys)
      throw httpError(400, `"${field}" is in the index twice`, [
        { pointer: `/fields/${i}/field`, message: 'already in this index' },
      ]);
    keys[field] = order === 'desc' ? -1 : 1;
  });
  return keys;
}

function sameKeys(a: Record<string, number>, b: Record<string, number>): boolean {
  const left = Object.entries(a);
  const right = Object.entries(b);
  return (
    left.length === right.length && left.every(([k, v], i) => right[i]?.[0] === k && right[i]?.[1] === v)
  );
}

function appIndex(index: IndexDescription): AppIndex {
  return {
    name: index.name,
    fields: Object.entries(index.keys).map(([field, order]) => ({
      field,
      order: order === -1 ? 'desc' : 'asc',
    })),
    unique: index.unique,
    builtIn: index.name === '_id_',
  };
}

/** A unique index the stored documents already break: say which value is taken twice. */
function duplicateValues(keys: Record<string, 1 | -1>, error: StoreError) {
  const fields = Object.keys(keys);
  const value = error.keyValue ? ` (for example ${JSON.stringify(error.keyValue)})` : '';
  return httpError(
    409,
    `Cannot make a unique index: some documents share the same ${fields.join(' + ')}${value}. Fix or remove the duplicates first.`,
    [{ pointer: '/unique', message: 'documents already share a value' }],
  );
}
