import { Readable } from 'node:stream';
import { type Capabilities, CapabilityError, type DbRequest, type StorageRequest } from '@tessera/functions';
import type { FastifyInstance } from 'fastify';
import type { AppUser } from '../app-auth/app-user';
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
function database(app: FastifyInstance, appId: string, caller: AppUser | null) {
  return async ({ method, collection, bypassRules, args }: DbRequest): Promise<unknown> => {
    refuseInternal(collection);
    const c = app.appDatabase(appId, { as: bypassRules ? 'bypass' : caller }).collection(collection);
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
        const { updated } = await c.updateById(String(id), objectArg(b, 'update'));
        return { matchedCount: 1, modifiedCount: updated };
      }
      case 'updateMany': {
        const { updated } = await c.updateWhere(objectArg(a, 'filter'), objectArg(b, 'update'));
        return { matchedCount: updated, modifiedCount: updated };
      }
      case 'deleteOne': {
        const id = await firstId(a);
        if (!id) return { deletedCount: 0 };
        return { deletedCount: (await c.removeById(String(id))).deleted };
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

export function capabilitiesFor(app: FastifyInstance, appId: string, caller: AppUser | null): Capabilities {
  return { db: database(app, appId, caller), storage: storage(app, appId) };
}
