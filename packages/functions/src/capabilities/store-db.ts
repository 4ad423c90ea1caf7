import { CapabilityError, type DbRequest } from './types';

// The part of @tessera/store's DocumentStore this adapter uses (kept structural: no runtime dependency).
interface CursorLike {
  toArray(): Promise<unknown[]>;
}
interface CollectionLike {
  find(filter?: object, options?: object): CursorLike;
  findOne(filter?: object, options?: object): Promise<unknown>;
  countDocuments(filter?: object): Promise<number>;
  insertOne(doc: object): Promise<unknown>;
  insertMany(docs: object[]): Promise<unknown>;
  updateOne(filter: object, update: object, options?: object): Promise<unknown>;
  updateMany(filter: object, update: object, options?: object): Promise<unknown>;
  deleteOne(filter: object): Promise<unknown>;
  deleteMany(filter: object): Promise<unknown>;
  findOneAndUpdate(filter: object, update: object, options?: object): Promise<unknown>;
  aggregate(pipeline: object[]): CursorLike;
}
export interface DocumentStoreLike {
  collection(name: string): CollectionLike;
}

const MAX_FIND = 1000;

function objectArg(value: unknown, what: string): object {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new CapabilityError('BadRequest', `${what} must be an object`);
  return value;
}

/**
 * Serves a function's db calls directly from a DocumentStore, without security rules: for admin
 * calls and for tests. The server wraps this with the caller's rules for non-admin calls.
 */
export function dbFromStore(store: DocumentStoreLike): (request: DbRequest) => Promise<unknown> {
  return async ({ method, collection, args }) => {
    const c = store.collection(collection);
    const [a, b, options] = args;
    switch (method) {
      case 'find': {
        const findOptions = objectArg(b, 'options') as { limit?: number };
        const limit = Math.min(Number(findOptions.limit) || MAX_FIND, MAX_FIND);
        return c.find(objectArg(a, 'filter'), { ...findOptions, limit }).toArray();
      }
      case 'findOne':
        return c.findOne(objectArg(a, 'filter'), objectArg(b, 'options'));
      case 'countDocuments':
        return c.countDocuments(objectArg(a, 'filter'));
      case 'insertOne':
        return c.insertOne(objectArg(a, 'document'));
      case 'insertMany':
        if (!Array.isArray(a))
          throw new CapabilityError('BadRequest', 'insertMany needs an array of documents');
        return c.insertMany(a.map((doc) => objectArg(doc, 'document')));
      case 'updateOne':
        return c.updateOne(objectArg(a, 'filter'), objectArg(b, 'update'), objectArg(options, 'options'));
      case 'updateMany':
        return c.updateMany(objectArg(a, 'filter'), objectArg(b, 'update'), objectArg(options, 'options'));
      case 'deleteOne':
        return c.deleteOne(objectArg(a, 'filter'));
      case 'deleteMany':
        return c.deleteMany(objectArg(a, 'filter'));
      case 'findOneAndUpdate':
        return c.findOneAndUpdate(
          objectArg(a, 'filter'),
          objectArg(b, 'update'),
          objectArg(options, 'options'),
        );
      case 'aggregate':
        if (!Array.isArray(a)) throw new CapabilityError('BadRequest', 'aggregate needs a pipeline array');
        return c.aggregate(a as object[]).toArray();
    }
  };
}
