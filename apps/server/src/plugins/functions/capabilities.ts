import { Readable } from 'node:stream';
import {
  type Capabilities,
  CapabilityError,
  type CmsRequest,
  type DbRequest,
  type StorageRequest,
} from '@tessera/functions';
import type { FastifyInstance } from 'fastify';
import type { AppUser } from '../app-auth/app-user';
import { MODELS, type ModelDoc } from '../cms/entries';
import type { ContentModel } from '../cms/entry-schema';
import { getEntry, type ListQuery, listEntries } from '../cms/reading';
import { checkCloudPath } from '../storage/paths';

const MAX_READ_BYTES = 5 * 1024 * 1024;

interface FileRecord {
  _id: string;
  size: number;
  contentType: string;
  createdAt: Date | string;
  _openid?: string;
  [key: string]: unknown;
}

function objectArg(value: unknown, what: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new CapabilityError('BadRequest', `${what} must be an object`);
  return value as Record<string, unknown>;
}

function refuseInternal(collection: string) {
  if (collection.startsWith('_'))
    throw new CapabilityError('Forbidden', `Collection "${collection}" belongs to the platform`);
}

/**
 * A function's db calls: as the calling app user under the security rules, or — when the function
 * asks with db.admin() — bypassing them, like CloudBase's server SDK. Platform collections ("_…") stay closed.
 */
function database(app: FastifyInstance, appId: string, caller: AppUser | null, triggerDepth: number) {
  return async ({ method, collection, bypassRules, args }: DbRequest): Promise<unknown> => {
    refuseInternal(collection);
    const c = app
      .appDatabase(appId, { as: bypassRules ? 'bypass' : caller, triggerDepth })
      .collection(collection);
    const [a, b] = args;
    const firstId = async (filter: unknown) =>
      (await c.query({ filter: objectArg(filter, 'filter'), limit: 1, projection: { _id: 1 } }))[0]?._id;
    switch (method) {
      case 'find': {
        const options = objectArg(b, 'options');
        return c.query({ ...options, filter: objectArg(a, 'filter') });
      }
      case 'findOne': {
        const options = objectArg(b, 'options');
        return (await c.query({ ...options, filter: objectArg(a, 'filter'), limit: 1 }))[0] ?? null;
      }
      case 'countDocuments':
        return c.count({ filter: objectArg(a, 'filter') });
      case 'insertOne':
        return { insertedId: await c.add(objectArg(a, 'document')) };
      case 'insertMany': {
        if (!Array.isArray(a))
          throw new CapabilityError('BadRequest', 'insertMany needs an array of documents');
        const insertedIds: string[] = [];
        for (const doc of a) insertedIds.push(await c.add(objectArg(doc, 'document')));
        return { insertedIds };
      }
      case 'updateOne': {
        const id = await firstId(a);
        if (!id) return { matchedCount: 0, modifiedCount: 0 };
        // The filter is checked again inside the write's transaction: a conditional update
        // ({ _id, left: { $gt: 0 } }) taken by a concurrent call matches nothing here.
        const { updated } = await c.updateWhere(
          { $and: [objectArg(a, 'filter'), { _id: id }] },
          objectArg(b, 'update'),
        );
        return { matchedCount: updated, modifiedCount: updated };
      }
      case 'updateMany': {
        const { updated } = await c.updateWhere(objectArg(a, 'filter'), objectArg(b, 'update'));
        return { matchedCount: updated, modifiedCount: updated };
      }
      case 'deleteOne': {
        const id = await firstId(a);
        if (!id) return { deletedCount: 0 };
        const filter = { $and: [objectArg(a, 'filter'), { _id: id }] };
        return { deletedCount: (await c.removeWhere(filter)).deleted };
      }
      case 'deleteMany':
        return { deletedCount: (await c.removeWhere(objectArg(a, 'filter'))).deleted };
      default:
        throw new CapabilityError('Unsupported', `db.${method} is not available to functions yet`);
    }
  };
}

async function readAll(body: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      body.destroy();
      throw new CapabilityError('TooLarge', `storage.read reads files up to ${limit} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The app's cloud storage, for server-side code (no storage rules, like the database's admin mode). */
function storage(app: FastifyInstance, appId: string) {
  const files = () => app.store.app(appId).collection<FileRecord>('_files');
  const cloudPath = (value: unknown) => {
    try {
      return checkCloudPath(value);
    } catch (error) {
      throw new CapabilityError('BadRequest', (error as Error).message);
    }
  };
  return async ({ method, args }: StorageRequest): Promise<unknown> => {
    const { adapter } = app.appStorage;
    switch (method) {
      case 'read': {
        const path = cloudPath(args[0]);
        const options = objectArg(args[1], 'options');
        const record = await files().findOne({ _id: path });
        const stored = record ? await adapter.get(`${appId}/${path}`) : null;
        if (!record || !stored) throw new CapabilityError('NotFound', `No file at "${path}"`);
        const bytes = await readAll(stored.body, MAX_READ_BYTES);
        const encoding = options.encoding === 'base64' ? 'base64' : 'utf8';
        return {
          path,
          contentType: record.contentType,
          size: bytes.length,
          encoding,
          content: bytes.toString(encoding),
        };
      }
      case 'write': {
        const path = cloudPath(args[0]);
        const options = objectArg(args[2], 'options');
        if (typeof args[1] !== 'string')
          throw new CapabilityError('BadRequest', 'storage.write needs the content as a string');
        const bytes = Buffer.from(args[1], options.encoding === 'base64' ? 'base64' : 'utf8');
        const contentType =
          typeof options.contentType === 'string' ? options.contentType : 'application/octet-stream';
        const { size } = await adapter.put(`${appId}/${path}`, Readable.from([bytes]));
        await files().replaceOne(
          { _id: path },
          { _id: path, size, contentType, createdAt: new Date() },
          { upsert: true },
        );
        return { path, size };
      }
      case 'remove': {
        const path = cloudPath(args[0]);
        const deleted = await adapter.delete(`${appId}/${path}`);
        await files().deleteOne({ _id: path });
        return { deleted };
      }
      case 'list': {
        const prefix = typeof args[0] === 'string' ? args[0] : '';
        const all = await files()
          .find({}, { sort: { _id: 1 }, limit: 1000 })
          .toArray();
        return all.filter((f) => f._id.startsWith(prefix)).map((f) => ({ path: f._id, size: f.size }));
      }
      default:
        throw new CapabilityError('Unsupported', `storage.${method} is not available to functions yet`);
    }
  };
}

const LIST_OPTIONS = new Set(['filter', 'sort', 'limit', 'skip', 'locale', 'populate', 'depth', 'fields']);

/**
 * The app's CMS as the public REST API shows it: published entries only, hidden fields left out,
 * with the same checked filters, locales and reference population.
 */
function cms(app: FastifyInstance, appId: string) {
  const db = () => app.store.app(appId);
  const modelOf = async (name: string): Promise<ContentModel | null> => {
    const doc = await db().collection<ModelDoc>(MODELS).findOne({ _id: name });
    if (!doc) return null;
    const { _id, createdAt: _c, updatedAt: _u, ...model } = doc;
    return model as ContentModel;
  };
  const requireModel = async (name: unknown): Promise<ContentModel> => {
    if (typeof name !== 'string' || name === '')
      throw new CapabilityError('BadRequest', 'cms calls need a model name');
    const model = await modelOf(name);
    if (!model) throw new CapabilityError('NotFound', `No content model "${name}" in this app`);
    return model;
  };
  // Reading errors are HTTP errors (400 with a pointer, 404): the guest sees their message.
  const asCapabilityError = (error: unknown): never => {
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 404) throw new CapabilityError('NotFound', (error as Error).message);
    if (status && status < 500) throw new CapabilityError('BadRequest', (error as Error).message);
    throw error;
  };
  return async ({ method, args }: CmsRequest): Promise<unknown> => {
    const model = await requireModel(args[0]);
    const options = { status: 'published' as const, includeHidden: false };
    if (method === 'get') {
      if (typeof args[1] !== 'string') throw new CapabilityError('BadRequest', 'cms.get needs an entry id');
      const read = objectArg(args[2], 'options');
      try {
        return await getEntry(db(), model, args[1], { ...pick(read), ...options }, modelOf);
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 404) return null;
        return asCapabilityError(error);
      }
    }
    const query = objectArg(args[1], 'query');
    for (const key of Object.keys(query))
      if (!LIST_OPTIONS.has(key))
        throw new CapabilityError(
          'BadRequest',
          `cms.list has no option "${key}" (${[...LIST_OPTIONS].join(', ')})`,
        );
    try {
      return (await listEntries(db(), model, { ...pick(query), ...options } as ListQuery, modelOf)).data;
    } catch (error) {
      return asCapabilityError(error);
    }
  };
}

/** The read options a guest may set, with their types checked (anything else is left out). */
function pick(input: Record<string, unknown>): Partial<ListQuery> {
  const out: Partial<ListQuery> = {};
  if (input.filter !== undefined) out.filter = input.filter;
  if (input.sort !== undefined) {
    if (!input.sort || typeof input.sort !== 'object' || Array.isArray(input.sort))
      throw new CapabilityError('BadRequest', 'sort must be an object like { title: 1 }');
    out.sort = input.sort as Record<string, 1 | -1>;
  }
  for (const key of ['limit', 'skip', 'depth'] as const) {
    const value = input[key];
    if (value === undefined) continue;
    const least = key === 'limit' ? 1 : 0;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < least)
      throw new CapabilityError('BadRequest', `${key} must be a whole number ≥ ${least}`);
    out[key] = value;
  }
  if (input.locale !== undefined) {
    if (typeof input.locale !== 'string') throw new CapabilityError('BadRequest', 'locale must be a string');
    out.locale = input.locale;
  }
  for (const key of ['populate', 'fields'] as const) {
    const value = input[key];
    if (value === undefined) continue;
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
      throw new CapabilityError('BadRequest', `${key} must be a list of field names`);
    out[key] = value as string[];
  }
  return out;
}

export function capabilitiesFor(
  app: FastifyInstance,
  appId: string,
  caller: AppUser | null,
  triggerDepth = 0,
): Capabilities {
  return {
    db: database(app, appId, caller, triggerDepth),
    storage: storage(app, appId),
    cms: cms(app, appId),
  };
}
