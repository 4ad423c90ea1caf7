import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import multipart from '@fastify/multipart';
import type { Document } from '@tessera/store';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { httpError } from '../../errors';
import { RuleError } from '../../rules/rule-error';
import { errorResponse } from '../../schemas';
import { ruleAuth } from '../app-auth/app-user';
import { recordAudit } from '../audit/record';
import { assertAppAccess } from '../builder-auth/guard';
import type { StorageAdapter } from './adapter';
import { LocalStorageAdapter } from './local-adapter';
import { checkCloudPath, fileIdOf, PathError, pathOfFileId } from './paths';
import { signDownload, verifyDownload } from './signed-url';
import { type FileFacts, type StorageRule, StorageRulesRepository } from './storage-rules';

export type { StorageAdapter } from './adapter';
export { LocalStorageAdapter } from './local-adapter';

export interface StorageOptions {
  /** Defaults to files under `<dataDir>/storage`. */
  adapter?: StorageAdapter;
  /** Largest upload in bytes (default 10 MiB, or TESSERA_MAX_UPLOAD_BYTES). */
  maxFileSize?: number;
  /** Accepted content types; `type/*` matches a whole family. */
  allowedTypes?: string[];
}

/** HTML, SVG and scripts are left out: served from our origin they could run script. */
export const defaultAllowedTypes = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'video/*',
  'audio/*',
  'text/plain',
  'text/csv',
  'text/markdown',
  'application/pdf',
  'application/json',
  'application/zip',
  'application/octet-stream',
];

interface FileRecord extends Document {
  _id: string;
  _openid?: string;
  size: number;
  contentType: string;
  createdAt: Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    appStorage: { adapter: StorageAdapter; rules: StorageRulesRepository };
  }
}

const objectId = { type: 'string', pattern: '^[0-9a-f]{24}$' } as const;
const appParams = { type: 'object', required: ['appId'], properties: { appId: objectId } } as const;
const errors = {
  400: errorResponse,
  401: errorResponse,
  403: errorResponse,
  404: errorResponse,
  413: errorResponse,
  415: errorResponse,
};
const fileListBody = {
  type: 'object',
  required: ['fileList'],
  additionalProperties: false,
  properties: {
    fileList: {
      type: 'array',
      minItems: 1,
      maxItems: 100,
      items: {
        anyOf: [
          { type: 'string', maxLength: 600 },
          {
            type: 'object',
            required: ['fileID'],
            additionalProperties: false,
            properties: {
              fileID: { type: 'string', maxLength: 600 },
              maxAge: { type: 'integer', minimum: 1, maximum: 86400 },
            },
          },
        ],
      },
    },
  },
} as const;
const fileInfo = {
  type: 'object',
  properties: {
    fileID: { type: 'string' },
    path: { type: 'string' },
    size: { type: 'integer' },
    contentType: { type: 'string' },
    createdAt: { type: 'string' },
  },
} as const;

/** Paging of a file listing, shared by the app-user and builder routes. */
const fileListQuery = {
  type: 'object',
  properties: {
    prefix: { type: 'string', maxLength: 512 },
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
    offset: { type: 'integer', minimum: 0, default: 0 },
  },
} as const;
const fileListResponse = {
  200: { type: 'object', properties: { files: { type: 'array', items: fileInfo } } },
  ...errors,
} as const;

/** Cloud storage: per-app buckets with rules, uploads, temporary URLs, listing and deletion. */
export function createStoragePlugin(options: StorageOptions = {}): FastifyPluginAsync {
  return fp(
    async (app) => {
      const adapter =
        options.adapter ?? new LocalStorageAdapter(path.join(app.serverConfig.dataDir, 'storage'));
      const rules = new StorageRulesRepository(app.store);
      app.decorate('appStorage', { adapter, rules });
      const settings = {
        maxFileSize: options.maxFileSize ?? Number(process.env.TESSERA_MAX_UPLOAD_BYTES || 10 * 1024 * 1024),
        allowedTypes: options.allowedTypes ?? defaultAllowedTypes,
      };
      await app.register(async (scope) => {
        // Busboy stops one byte past the limit, so the size check below sees the overflow.
        await scope.register(multipart, {
          limits: { fileSize: settings.maxFileSize + 1, files: 1, fields: 10, fieldSize: 1024 },
        });
        storageRoutes(scope, adapter, rules, settings);
        builderUploadRoute(scope, adapter, settings);
      });
      builderStorageRoutes(app, adapter, rules);
    },
    { name: 'storage', dependencies: ['app-auth'] },
  );
}

export const storagePlugin = createStoragePlugin();

function checked<T>(check: () => T, pointer: string): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof PathError)
      throw httpError(400, error.message, [{ pointer, message: error.message }]);
    throw error;
  }
}

function typeAllowed(type: string, allowed: string[]): boolean {
  const base = type.split(';')[0]!.trim().toLowerCase();
  return allowed.some((entry) =>
    entry.endsWith('/*') ? base.startsWith(entry.slice(0, -1)) : base === entry,
  );
}

/** Fails the stream with 413 as soon as it passes the limit, so the partial file is discarded. */
function sizeLimit(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > max) done(httpError(413, `The file is larger than the limit of ${max} bytes`));
      else done(null, chunk);
    },
  });
}

/** Errors of the multipart stream itself (no boundary, cut off) are the client's; disk errors stay 500. */
function malformedUpload(error: unknown): unknown {
  const { statusCode, syscall } = error as { statusCode?: number; syscall?: string };
  if (typeof statusCode === 'number' || syscall !== undefined || !(error instanceof Error)) return error;
  return httpError(400, `The upload is malformed or was cut off: ${error.message}`);
}

async function drain(stream: Readable): Promise<void> {
  stream.resume();
  await new Promise((resolve) => {
    stream.on('end', resolve);
    stream.on('error', resolve);
    stream.on('close', resolve);
  });
}

function files(app: FastifyInstance, appId: string) {
  return app.store.app(appId).collection<FileRecord>('_files');
}

function facts(record: FileRecord): FileFacts {
  return { path: record._id, _openid: record._openid, size: record.size, contentType: record.contentType };
}

function publicFile(appId: string, record: FileRecord) {
  return {
    fileID: fileIdOf(appId, record._id),
    path: record._id,
    size: record.size,
    contentType: record.contentType,
    createdAt: new Date(record.createdAt).toISOString(),
  };
}

type UploadPart = NonNullable<Awaited<ReturnType<FastifyRequest['file']>>>;

/** Streams an upload's file into the bucket (type and size checked) and records it. */
async function saveUpload(
  app: FastifyInstance,
  adapter: StorageAdapter,
  settings: { maxFileSize: number; allowedTypes: string[] },
  appId: string,
  cloudPath: string,
  part: UploadPart,
  openid: string | undefined,
): Promise<FileRecord> {
  if (part.file.destroyed) throw httpError(400, 'The upload was cut off');
  const limited = part.file.pipe(sizeLimit(settings.maxFileSize));
  part.file.on('error', (error) => limited.destroy(error));
  const { size } = await adapter.put(`${appId}/${cloudPath}`, limited).catch((error: unknown) => {
    throw malformedUpload(error);
  });
  const record: FileRecord = {
    _id: cloudPath,
    size,
    contentType: part.mimetype,
    createdAt: new Date(),
    ...(openid ? { _openid: openid } : {}),
  };
  await files(app, appId).replaceOne({ _id: cloudPath }, record, { upsert: true });
  return record;
}

function storageRoutes(
  app: FastifyInstance,
  adapter: StorageAdapter,
  rules: StorageRulesRepository,
  settings: { maxFileSize: number; allowedTypes: string[] },
): void {
  const tags = ['storage'];
  const prefix = '/app-api/:appId/storage';
  const appIdOf = (request: FastifyRequest) => (request.params as { appId: string }).appId;

  app.post<{ Querystring: { cloudPath?: string } }>(
    `${prefix}/upload`,
    {
      schema: {
        tags,
        summary: 'Upload one file (multipart: a "cloudPath" field, then the "file" field)',
        params: appParams,
        querystring: { type: 'object', properties: { cloudPath: { type: 'string', maxLength: 600 } } },
        response: { 200: fileInfo, ...errors },
      },
    },
    async (request) => {
      const appId = appIdOf(request);
      if (!request.isMultipart()) throw httpError(415, 'Upload with Content-Type multipart/form-data');
      const part = await request.file().catch((error: unknown) => {
        throw malformedUpload(error);
      });
      if (!part) throw httpError(400, 'The upload has no file part');
      try {
        const field = part.fields.cloudPath as { value?: unknown } | undefined;
        const cloudPath = checked(
          () => checkCloudPath(request.query.cloudPath ?? field?.value),
          '/cloudPath',
        );
        if (!typeAllowed(part.mimetype, settings.allowedTypes))
          throw httpError(
            415,
            `Files of type "${part.mimetype}" are not accepted; allowed: ${settings.allowedTypes.join(', ')}`,
          );
        const user = request.appUser;
        const existing = await files(app, appId).findOne({ _id: cloudPath });
        const doc: FileFacts = existing
          ? facts(existing)
          : { path: cloudPath, _openid: user?.uid, contentType: part.mimetype };
        if (!(await rules.allows(appId, 'write', { auth: ruleAuth(user), doc })))
          throw httpError(403, `The storage rules do not allow writing "${cloudPath}"`);
        const record = await saveUpload(
          app,
          adapter,
          settings,
          appId,
          cloudPath,
          part,
          existing?._openid ?? user?.uid,
        );
        return publicFile(appId, record);
      } finally {
        if (!part.file.readableEnded && !part.file.destroyed) await drain(part.file);
      }
    },
  );

  app.post<{ Body: { fileList: (string | { fileID: string; maxAge?: number })[] } }>(
    `${prefix}/temp-urls`,
    {
      schema: {
        tags,
        summary: 'Temporary download URLs (signed, expiring) for files the caller may read',
        params: appParams,
        body: fileListBody,
        response: {
          200: {
            type: 'object',
            properties: {
              fileList: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    fileID: { type: 'string' },
                    code: { type: 'string' },
                    tempFileURL: { type: 'string' },
                    maxAge: { type: 'integer' },
                  },
                },
              },
            },
          },
          ...errors,
        },
      },
    },
    async (request) => {
      const appId = appIdOf(request);
      const auth = ruleAuth(request.appUser);
      const base = `${request.protocol}://${request.host}`;
      const fileList = [];
      for (const [index, item] of request.body.fileList.entries()) {
        const fileID = typeof item === 'string' ? item : item.fileID;
        const maxAge = typeof item === 'string' ? 3600 : (item.maxAge ?? 3600);
        const cloudPath = checked(() => pathOfFileId(appId, fileID), `/fileList/${index}`);
        const record = await files(app, appId).findOne({ _id: cloudPath });
        // A file the caller may not read looks exactly like a missing one.
        if (!record || !(await rules.allows(appId, 'read', { auth, doc: facts(record) }))) {
          fileList.push({ fileID, code: 'NOT_FOUND' });
          continue;
        }
        const query = signDownload(app.secrets.urlSecret, appId, cloudPath, Date.now() + maxAge * 1000);
        fileList.push({
          fileID,
          code: 'SUCCESS',
          maxAge,
          tempFileURL: `${base}/app-api/${appId}/storage/download?${query}`,
        });
      }
      return { fileList };
    },
  );

  app.get<{ Querystring: { path: string; expires: number; signature: string } }>(
    `${prefix}/download`,
    {
      schema: {
        tags,
        summary: 'Download through a temporary URL (no sign-in: the signature is the permission)',
        params: appParams,
        querystring: {
          type: 'object',
          required: ['path', 'expires', 'signature'],
          properties: {
            path: { type: 'string', maxLength: 600 },
            expires: { type: 'integer' },
            signature: { type: 'string', maxLength: 100 },
          },
        },
      },
    },
    async (request, reply) => {
      const appId = appIdOf(request);
      const cloudPath = checked(() => checkCloudPath(request.query.path), '/path');
      const verdict = verifyDownload(
        app.secrets.urlSecret,
        appId,
        cloudPath,
        request.query.expires,
        request.query.signature,
      );
      if (verdict !== 'ok')
        throw httpError(
          403,
          verdict === 'expired' ? 'This link has expired; ask for a new one' : 'This link is not valid',
        );
      const record = await files(app, appId).findOne({ _id: cloudPath });
      const stored = record ? await adapter.get(`${appId}/${cloudPath}`) : null;
      if (!record || !stored) throw httpError(404, 'The file no longer exists');
      const name = cloudPath.split('/').at(-1)!;
      return (
        reply
          .type(record.contentType)
          .header('content-length', stored.size)
          .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(name)}`)
          .header('cache-control', 'private, max-age=300')
          // Temporary URLs are shown by apps on other origins (<img src>); the signature is the permission.
          .header('cross-origin-resource-policy', 'cross-origin')
          .send(stored.body)
      );
    },
  );

  app.get<{ Querystring: { prefix?: string; limit: number; offset: number } }>(
    `${prefix}/list`,
    {
      schema: {
        tags,
        summary: 'Files under a path prefix that the caller may read',
        params: appParams,
        querystring: fileListQuery,
        response: fileListResponse,
      },
    },
    async (request) => {
      const appId = appIdOf(request);
      const pathPrefix = checked(
        () => checkCloudPath(request.query.prefix ?? '', { prefix: true }),
        '/prefix',
      );
      const auth = ruleAuth(request.appUser);
      const filter = pathPrefix ? { _id: { $gte: pathPrefix, $lt: `${pathPrefix}\uffff` } } : {};
      const visible: FileRecord[] = [];
      // Rules are checked per file, so pages are cut after filtering (fine for buckets of this size).
      for await (const record of files(app, appId).find(filter, { sort: { _id: 1 }, limit: 10_000 })) {
        if (await rules.allows(appId, 'read', { auth, doc: facts(record) })) visible.push(record);
        if (visible.length >= request.query.offset + request.query.limit) break;
      }
      return { files: visible.slice(request.query.offset).map((record) => publicFile(appId, record)) };
    },
  );

  app.post<{ Body: { fileList: (string | { fileID: string })[] } }>(
    `${prefix}/delete`,
    {
      schema: {
        tags,
        summary: 'Delete files the caller may write',
        params: appParams,
        body: fileListBody,
        response: {
          200: {
            type: 'object',
            properties: {
              fileList: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { fileID: { type: 'string' }, code: { type: 'string' } },
                },
              },
            },
          },
          ...errors,
        },
      },
    },
    async (request) => {
      const appId = appIdOf(request);
      const auth = ruleAuth(request.appUser);
      const fileList = [];
      for (const [index, item] of request.body.fileList.entries()) {
        const fileID = typeof item === 'string' ? item : item.fileID;
        const cloudPath = checked(() => pathOfFileId(appId, fileID), `/fileList/${index}`);
        const record = await files(app, appId).findOne({ _id: cloudPath });
        if (!record || !(await rules.allows(appId, 'read', { auth, doc: facts(record) }))) {
          fileList.push({ fileID, code: 'NOT_FOUND' });
        } else if (!(await rules.allows(appId, 'write', { auth, doc: facts(record) }))) {
          fileList.push({ fileID, code: 'FORBIDDEN' });
        } else {
          await files(app, appId).deleteOne({ _id: cloudPath });
          await adapter.delete(`${appId}/${cloudPath}`);
          fileList.push({ fileID, code: 'SUCCESS' });
        }
      }
      return { fileList };
    },
  );
}

const ruleItem = {
  type: 'object',
  required: ['prefix', 'read', 'write'],
  additionalProperties: false,
  properties: {
    prefix: { type: 'string', maxLength: 512 },
    read: { type: 'string', minLength: 1, maxLength: 2000 },
    write: { type: 'string', minLength: 1, maxLength: 2000 },
  },
} as const;

function builderStorageRoutes(
  app: FastifyInstance,
  adapter: StorageAdapter,
  rules: StorageRulesRepository,
): void {
  const tags = ['storage (builder)'];
  const params = { ...appParams, additionalProperties: false } as const;

  app.get<{ Params: { appId: string } }>(
    '/api/apps/:appId/storage/rules',
    {
      schema: {
        tags,
        summary: 'Storage rules (per path prefix; the longest match applies)',
        params,
        response: {
          200: { type: 'object', properties: { rules: { type: 'array', items: ruleItem } } },
          ...errors,
        },
      },
    },
    async (request) => {
      await assertAppAccess(request, request.params.appId, 'viewer');
      return { rules: await rules.get(request.params.appId) };
    },
  );

  app.put<{ Params: { appId: string }; Body: { rules: StorageRule[] } }>(
    '/api/apps/:appId/storage/rules',
    {
      schema: {
        tags,
        summary: 'Replace the storage rules',
        params,
        body: {
          type: 'object',
          required: ['rules'],
          additionalProperties: false,
          properties: { rules: { type: 'array', maxItems: 100, items: ruleItem } },
        },
        response: {
          200: { type: 'object', properties: { rules: { type: 'array', items: ruleItem } } },
          ...errors,
        },
      },
    },
    async (request) => {
      const access = await assertAppAccess(request, request.params.appId, 'developer');
      let saved: StorageRule[];
      try {
        saved = await rules.save(access.appId, request.body.rules);
      } catch (error) {
        if (error instanceof RuleError)
          throw httpError(400, error.message, [
            { pointer: `/${error.rule.replace(/\[(\d+)\]\./, '/$1/')}`, message: error.message },
          ]);
        throw error;
      }
      await recordAudit(request, {
        workspaceId: access.workspaceId,
        action: 'rules.update',
        target: { type: 'app-storage', id: access.appId },
        summary: `Set ${saved.length} storage rules`,
        data: { appId: access.appId, rules: saved },
      });
      return { rules: saved };
    },
  );

  app.get<{ Params: { appId: string }; Querystring: { prefix?: string; limit: number; offset: number } }>(
    '/api/apps/:appId/storage/files',
    {
      schema: {
        tags,
        summary: "Every file of the app's bucket (rules do not apply to builders)",
        params,
        querystring: fileListQuery,
        response: fileListResponse,
      },
    },
    async (request) => {
      const access = await assertAppAccess(request, request.params.appId, 'viewer');
      const pathPrefix = checked(
        () => checkCloudPath(request.query.prefix ?? '', { prefix: true }),
        '/prefix',
      );
      const filter = pathPrefix ? { _id: { $gte: pathPrefix, $lt: `${pathPrefix}\uffff` } } : {};
      const records = await files(app, access.appId)
        .find(filter, { sort: { _id: 1 }, skip: request.query.offset, limit: request.query.limit })
        .toArray();
      return { files: records.map((record) => publicFile(access.appId, record)) };
    },
  );

  app.delete<{ Params: { appId: string }; Querystring: { fileID: string } }>(
    '/api/apps/:appId/storage/files',
    {
      schema: {
        tags,
        summary: 'Delete one file (rules do not apply to builders)',
        params,
        querystring: {
          type: 'object',
          required: ['fileID'],
          properties: { fileID: { type: 'string', maxLength: 600 } },
        },
        response: { 200: { type: 'object', properties: { deleted: { type: 'boolean' } } }, ...errors },
      },
    },
    async (request) => {
      const access = await assertAppAccess(request, request.params.appId, 'content-editor');
      const cloudPath = checked(() => pathOfFileId(access.appId, request.query.fileID), '/fileID');
      const { deletedCount } = await files(app, access.appId).deleteOne({ _id: cloudPath });
      await adapter.delete(`${access.appId}/${cloudPath}`);
      await recordAudit(request, {
        workspaceId: access.workspaceId,
        action: 'app.file.delete',
        target: { type: 'app-file', id: request.query.fileID },
        summary: `Deleted file ${cloudPath}`,
        data: { appId: access.appId, path: cloudPath },
      });
      return { deleted: deletedCount > 0 };
    },
  );
}

/** The console's upload: any path, no rules (builders manage the bucket); content-editor and up. */
function builderUploadRoute(
  app: FastifyInstance,
  adapter: StorageAdapter,
  settings: { maxFileSize: number; allowedTypes: string[] },
): void {
  app.post<{ Params: { appId: string }; Body: { path: string; maxAge?: number } }>(
    '/api/apps/:appId/storage/temp-url',
    {
      schema: {
        tags: ['storage (builder)'],
        summary: 'A temporary download URL (signed, expiring) of any file of the app, for the console',
        params: { ...appParams, additionalProperties: false },
        body: {
          type: 'object',
          required: ['path'],
          additionalProperties: false,
          properties: {
            path: { type: 'string', maxLength: 600 },
            maxAge: { type: 'integer', minimum: 60, maximum: 7 * 24 * 3600, default: 3600 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: { url: { type: 'string' }, expiresAt: { type: 'string' } },
          },
          ...errors,
        },
      },
    },
    async (request) => {
      const access = await assertAppAccess(request, request.params.appId, 'viewer');
      const cloudPath = checked(() => checkCloudPath(request.body.path), '/path');
      const record = await files(app, access.appId).findOne({ _id: cloudPath });
      if (!record)
        throw httpError(404, `No file at "${cloudPath}"`, [{ pointer: '/path', message: 'no such file' }]);
      const expiresAt = Date.now() + (request.body.maxAge ?? 3600) * 1000;
      const query = signDownload(app.secrets.urlSecret, access.appId, cloudPath, expiresAt);
      return {
        url: `${request.protocol}://${request.host}/app-api/${access.appId}/storage/download?${query}`,
        expiresAt: new Date(expiresAt).toISOString(),
      };
    },
  );

  app.get<{ Params: { appId: string }; Querystring: { path: string } }>(
    '/api/apps/:appId/storage/download',
    {
      schema: {
        tags: ['storage (builder)'],
        summary:
          "One file's content for the signed-in builder (the editor canvas shows cloud:// images with it)",
        params: { ...appParams, additionalProperties: false },
        querystring: {
          type: 'object',
          required: ['path'],
          additionalProperties: false,
          properties: { path: { type: 'string', maxLength: 600 } },
        },
      },
    },
    async (request, reply) => {
      const access = await assertAppAccess(request, request.params.appId, 'viewer');
      const cloudPath = checked(() => checkCloudPath(request.query.path), '/path');
      const record = await files(app, access.appId).findOne({ _id: cloudPath });
      const stored = record ? await adapter.get(`${access.appId}/${cloudPath}`) : null;
      if (!record || !stored)
        throw httpError(404, `No file at "${cloudPath}"`, [{ pointer: '/path', message: 'no such file' }]);
      return (
        reply
          .type(record.contentType)
          .header('content-length', stored.size)
          .header('cache-control', 'private, max-age=60')
          // uploaded content on the editor's origin: never a document that runs scripts (an SVG opened directly)
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
          .send(stored.body)
      );
    },
  );

  app.post<{ Params: { appId: string }; Querystring: { path?: string } }>(
    '/api/apps/:appId/storage/files',
    {
      schema: {
        tags: ['storage (builder)'],
        summary:
          'Upload one file (multipart: a "path" field, e.g. "images/logo.png", then the "file" field; or ?path=); replaces a file at that path',
        consumes: ['multipart/form-data'],
        params: { ...appParams, additionalProperties: false },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { path: { type: 'string', maxLength: 600 } },
        },
        response: { 201: fileInfo, ...errors },
      },
    },
    async (request, reply) => {
      const access = await assertAppAccess(request, request.params.appId, 'content-editor');
      if (!request.isMultipart()) throw httpError(415, 'Upload with Content-Type multipart/form-data');
      const part = await request.file().catch((error: unknown) => {
        throw malformedUpload(error);
      });
      if (!part) throw httpError(400, 'The upload has no file part');
      try {
        const field = part.fields.path as { value?: unknown } | undefined;
        const given = request.query.path ?? field?.value;
        if (given === undefined)
          throw httpError(400, 'Say where the file goes: a "path" field before the file (or ?path=)', [
            { pointer: '/path', message: 'is required' },
          ]);
        const cloudPath = checked(() => checkCloudPath(given), '/path');
        if (!typeAllowed(part.mimetype, settings.allowedTypes))
          throw httpError(
            415,
            `Files of type "${part.mimetype}" are not accepted; allowed: ${settings.allowedTypes.join(', ')}`,
          );
        const existing = await files(app, access.appId).findOne({ _id: cloudPath });
        const record = await saveUpload(
          app,
          adapter,
          settings,
          access.appId,
          cloudPath,
          part,
          existing?._openid,
        );
        await recordAudit(request, {
          workspaceId: access.workspaceId,
          action: 'app.file.upload',
          target: { type: 'app-file', id: fileIdOf(access.appId, cloudPath) },
          summary: `${existing ? 'Replaced' : 'Uploaded'} file ${cloudPath} (${record.size} bytes)`,
          data: { appId: access.appId, path: cloudPath, size: record.size, contentType: record.contentType },
        });
        return reply.status(201).send(publicFile(access.appId, record));
      } finally {
        if (!part.file.readableEnded && !part.file.destroyed) await drain(part.file);
      }
    },
  );
}
