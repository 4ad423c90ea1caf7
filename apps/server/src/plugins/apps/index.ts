import type { FastifyPluginAsync } from 'fastify';
import { httpError } from '../../errors';
import { newAppId } from '../../ids';
import { appParams, workspaceParams } from '../../schemas';
import { assertAppAccess, assertWorkspaceAccess } from '../builder-auth/guard';
import { diffJson } from './diff';
import { insertApp, loadApp, loadVersion, saveVersion, setDeleted } from './drafts';
import {
  APP_VERSIONS,
  APPS,
  type AppRecord,
  type AppVersionRecord,
  appDetail,
  appDetailSchema,
  appSummary,
  appSummarySchema,
  baseVersionOf,
  versionSummary,
  versionSummarySchema,
} from './records';
import { type AppDocument, prepareAppSchema } from './schema-check';
import { createAppFromTemplate } from './template-install';
import { listTemplates, loadTemplate } from './templates';
import { readAppZip, writeAppZip } from './zip';

const versionParams = {
  type: 'object',
  required: ['appId', 'version'],
  additionalProperties: false,
  properties: { appId: appParams.properties.appId, version: { type: 'integer', minimum: 1 } },
} as const;

const changeSchema = {
  type: 'object',
  required: ['op', 'pointer'],
  properties: { op: { type: 'string' }, pointer: { type: 'string' }, before: {}, after: {} },
} as const;

const localisedText = {
  type: 'object',
  properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } },
} as const;

const MAX_SCHEMA_BYTES = 10 * 1024 * 1024;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const appsPlugin: FastifyPluginAsync = async (app) => {
  const apps = () => app.store.platform().collection<AppRecord>(APPS);
  const versions = () => app.store.platform().collection<AppVersionRecord>(APP_VERSIONS);
  await apps().createIndex({ workspaceId: 1, updatedAt: -1 });
  await versions().createIndex({ appId: 1, version: -1 });

  // Exported apps arrive as raw zip bytes.
  for (const type of ['application/zip', 'application/octet-stream']) {
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: 20 * 1024 * 1024 }, (_req, body, done) =>
      done(null, body),
    );
  }

  app.get(
    '/api/templates',
    {
      schema: {
        tags: ['apps'],
        summary: 'App templates to create apps from',
        response: {
          200: {
            type: 'object',
            properties: {
              templates: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    name: { type: 'string' },
                    title: localisedText,
                    description: localisedText,
                    order: { type: 'number' },
                  },
                },
              },
            },
          },
        },
      },
    },
    async () => ({ templates: await listTemplates(app.serverConfig.templatesDir) }),
  );

  app.get<{
    Params: { workspaceId: string };
    Querystring: { q?: string; deleted: 'exclude' | 'include' | 'only'; limit: number; offset: number };
  }>(
    '/api/workspaces/:workspaceId/apps',
    {
      schema: {
        tags: ['apps'],
        summary: 'List (and search) the apps of a workspace, most recently changed first',
        params: workspaceParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            q: { type: 'string', maxLength: 100, description: 'part of the name, any case' },
            deleted: { type: 'string', enum: ['exclude', 'include', 'only'], default: 'exclude' },
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
            offset: { type: 'integer', minimum: 0, maximum: 100000, default: 0 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: { apps: { type: 'array', items: appSummarySchema }, total: { type: 'integer' } },
          },
        },
      },
    },
    async (request) => {
      const { workspaceId } = request.params;
      await assertWorkspaceAccess(request, workspaceId, 'viewer');
      const { q, deleted, limit, offset } = request.query;
      const filter: Record<string, unknown> = { workspaceId };
      if (deleted === 'exclude') filter.deletedAt = null;
      if (deleted === 'only') filter.deletedAt = { $ne: null };
      if (q?.trim()) filter.name = { $regex: escapeRegex(q.trim()), $options: 'i' };
      const [found, total] = await Promise.all([
        apps()
          .find(filter, {
            projection: { schemaJson: 0 },
            sort: { updatedAt: -1, _id: 1 },
            skip: offset,
            limit,
          })
          .toArray(),
        apps().countDocuments(filter),
      ]);
      return { apps: found.map(appSummary), total };
    },
  );

  app.post<{
    Params: { workspaceId: string };
    Body: { name: string; template?: string; description?: string; schema?: Record<string, unknown> };
  }>(
    '/api/workspaces/:workspaceId/apps',
    {
      bodyLimit: MAX_SCHEMA_BYTES,
      schema: {
        tags: ['apps'],
        summary: 'Create an app from a template (default "blank") or from a given schema (developer)',
        params: workspaceParams,
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' },
            description: { type: 'string', maxLength: 1000 },
            template: { type: 'string', minLength: 1, maxLength: 63 },
            schema: { type: 'object', description: 'a full AppSchema instead of a template' },
          },
        },
        response: { 201: appDetailSchema },
      },
    },
    async (request, reply) => {
      const { workspaceId } = request.params;
      await assertWorkspaceAccess(request, workspaceId, 'developer');
      const { name, description, template, schema } = request.body;
      if (schema && template) throw httpError(400, 'Give either template or schema, not both');
      let record: AppRecord;
      if (schema) {
        const withDescription = description !== undefined ? { ...schema, description } : schema;
        const prepared = prepareAppSchema(withDescription, { forceId: newAppId(), forceName: name.trim() });
        record = await insertApp(request, workspaceId, prepared, {
          template: null,
          action: 'app.create',
          summary: 'Created app "{name}"',
          message: 'Created',
        });
      } else {
        const contents = await loadTemplate(app.serverConfig.templatesDir, template ?? 'blank');
        record = await createAppFromTemplate(request, workspaceId, contents, {
          name,
          ...(description !== undefined ? { description } : {}),
        });
      }
      return reply.status(201).header('etag', `"${record.version}"`).send(appDetail(record));
    },
  );

  app.post<{ Params: { workspaceId: string }; Querystring: { name?: string }; Body: Buffer }>(
    '/api/workspaces/:workspaceId/apps/import',
    {
      bodyLimit: 20 * 1024 * 1024,
      schema: {
        tags: ['apps'],
        summary: 'Import an exported app zip (body: application/zip) as a new app (developer)',
        consumes: ['application/zip', 'application/octet-stream'],
        params: workspaceParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { name: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' } },
        },
        response: { 201: appDetailSchema },
      },
    },
    async (request, reply) => {
      const { workspaceId } = request.params;
      await assertWorkspaceAccess(request, workspaceId, 'developer');
      if (!Buffer.isBuffer(request.body)) {
        throw httpError(415, 'Send the exported zip as the raw body with Content-Type: application/zip');
      }
      const { app: imported } = readAppZip(request.body);
      const prepared = prepareAppSchema(imported, {
        forceId: newAppId(),
        ...(request.query.name ? { forceName: request.query.name.trim() } : {}),
      });
      const record = await insertApp(request, workspaceId, prepared, {
        template: null,
        action: 'app.import',
        summary: 'Imported app "{name}" from a zip',
        message: 'Imported',
      });
      return reply.status(201).header('etag', `"${record.version}"`).send(appDetail(record));
    },
  );

  app.get<{ Params: { appId: string } }>(
    '/api/apps/:appId',
    {
      schema: {
        tags: ['apps'],
        summary: 'An app with its current draft schema; the ETag is its version (If-None-Match → 304)',
        params: appParams,
        response: { 200: appDetailSchema },
      },
    },
    async (request, reply) => {
      await assertAppAccess(request, request.params.appId, 'viewer');
      const record = await loadApp(request, request.params.appId);
      const etag = `"${record.version}"`;
      reply.header('etag', etag);
      // Editors poll for changes by others; an unchanged app costs them no schema download.
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.send(appDetail(record));
    },
  );

  app.put<{
    Params: { appId: string };
    Querystring: { baseVersion?: number; message?: string };
    Body: unknown;
  }>(
    '/api/apps/:appId/draft',
    {
      bodyLimit: MAX_SCHEMA_BYTES,
      schema: {
        tags: ['apps'],
        summary:
          'Save the draft (body: the whole AppSchema) on top of the version you edited (If-Match); stale → 409 with currentVersion (developer)',
        params: appParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            baseVersion: { type: 'integer', minimum: 1 },
            message: { type: 'string', maxLength: 500 },
          },
        },
        body: { type: 'object', description: 'the AppSchema' },
        response: { 200: appSummarySchema },
      },
    },
    async (request, reply) => {
      const { appId } = request.params;
      await assertAppAccess(request, appId, 'developer');
      const base = baseVersionOf(request, request.query.baseVersion, true);
      const schema = prepareAppSchema(request.body, { expectedId: appId });
      const record = await saveVersion(request, appId, schema, base, {
        message: request.query.message ?? '',
        restoredFrom: null,
        action: 'app.save',
        summary: 'Saved "{name}" as version {version}',
      });
      return reply.header('etag', `"${record.version}"`).send(appSummary(record));
    },
  );

  app.get<{ Params: { appId: string }; Querystring: { limit: number; before?: number } }>(
    '/api/apps/:appId/versions',
    {
      schema: {
        tags: ['apps'],
        summary: 'Version history, newest first',
        params: appParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
            before: { type: 'integer', minimum: 1, description: 'only versions older than this one' },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              versions: { type: 'array', items: versionSummarySchema },
              nextBefore: { type: ['integer', 'null'] },
            },
          },
        },
      },
    },
    async (request) => {
      const { appId } = request.params;
      await assertAppAccess(request, appId, 'viewer');
      const { limit, before } = request.query;
      const filter: Record<string, unknown> = { appId };
      if (before !== undefined) filter.version = { $lt: before };
      const found = await versions()
        .find(filter, { projection: { schemaJson: 0 }, sort: { version: -1 }, limit: limit + 1 })
        .toArray();
      const page = found.slice(0, limit);
      return {
        versions: page.map(versionSummary),
        nextBefore: found.length > limit ? (page[page.length - 1]?.version ?? null) : null,
      };
    },
  );

  app.get<{ Params: { appId: string; version: number } }>(
    '/api/apps/:appId/versions/:version',
    {
      schema: {
        tags: ['apps'],
        summary: 'One saved version with its schema',
        params: versionParams,
        response: {
          200: {
            type: 'object',
            properties: {
              ...versionSummarySchema.properties,
              schema: { type: 'object', additionalProperties: true },
            },
          },
        },
      },
    },
    async (request) => {
      const { appId, version } = request.params;
      await assertAppAccess(request, appId, 'viewer');
      const record = await loadVersion(request, appId, version);
      return { ...versionSummary(record), schema: JSON.parse(record.schemaJson) };
    },
  );

  app.get<{ Params: { appId: string; version: number }; Querystring: { against?: number } }>(
    '/api/apps/:appId/versions/:version/diff',
    {
      schema: {
        tags: ['apps'],
        summary:
          'What changed from another version (default: the previous one) to this version, by JSON pointer',
        params: versionParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { against: { type: 'integer', minimum: 1 } },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              from: { type: ['integer', 'null'] },
              to: { type: 'integer' },
              changes: { type: 'array', items: changeSchema },
            },
          },
        },
      },
    },
    async (request) => {
      const { appId, version } = request.params;
      await assertAppAccess(request, appId, 'viewer');
      const target = await loadVersion(request, appId, version);
      const from = request.query.against ?? (version > 1 ? version - 1 : null);
      const base = from === null ? {} : JSON.parse((await loadVersion(request, appId, from)).schemaJson);
      return { from, to: version, changes: diffJson(base, JSON.parse(target.schemaJson)) };
    },
  );

  app.post<{ Params: { appId: string; version: number }; Querystring: { baseVersion?: number } }>(
    '/api/apps/:appId/versions/:version/restore',
    {
      schema: {
        tags: ['apps'],
        summary: 'Make an old version the draft again, as a new version (developer); If-Match is optional',
        params: versionParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { baseVersion: { type: 'integer', minimum: 1 } },
        },
        response: { 200: appSummarySchema },
      },
    },
    async (request, reply) => {
      const { appId, version } = request.params;
      await assertAppAccess(request, appId, 'developer');
      const base = baseVersionOf(request, request.query.baseVersion, false);
      const old = await loadVersion(request, appId, version);
      let schema: AppDocument;
      try {
        schema = prepareAppSchema(JSON.parse(old.schemaJson), { expectedId: appId });
      } catch (error) {
        const details = (error as { details?: { pointer: string; message: string }[] }).details;
        throw httpError(
          409,
          `Version ${version} no longer passes validation and cannot be restored`,
          details,
        );
      }
      const record = await saveVersion(request, appId, schema, base, {
        message: `Restored version ${version}`,
        restoredFrom: version,
        action: 'app.version.restore',
        summary: `Restored "{name}" to version ${version} as version {version}`,
      });
      return reply.header('etag', `"${record.version}"`).send(appSummary(record));
    },
  );

  app.delete<{ Params: { appId: string } }>(
    '/api/apps/:appId',
    {
      schema: {
        tags: ['apps'],
        summary: 'Move an app to the bin (soft delete; restorable) (developer)',
        params: appParams,
        response: { 200: appSummarySchema },
      },
    },
    async (request) => setDeleted(request, request.params.appId, true),
  );

  app.post<{ Params: { appId: string } }>(
    '/api/apps/:appId/restore',
    {
      schema: {
        tags: ['apps'],
        summary: 'Bring a deleted app back (developer)',
        params: appParams,
        response: { 200: appSummarySchema },
      },
    },
    async (request) => setDeleted(request, request.params.appId, false),
  );

  app.post<{ Params: { appId: string }; Body: { name?: string } }>(
    '/api/apps/:appId/duplicate',
    {
      schema: {
        tags: ['apps'],
        summary: 'Copy an app (its current draft) into a new app in the same workspace (developer)',
        params: appParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { name: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' } },
        },
        response: { 201: appDetailSchema },
      },
    },
    async (request, reply) => {
      const { appId } = request.params;
      const { workspaceId } = await assertAppAccess(request, appId, 'developer');
      const source = await loadApp(request, appId);
      const name = request.body?.name?.trim() ?? `${source.name} (copy)`;
      const prepared = prepareAppSchema(JSON.parse(source.schemaJson), {
        forceId: newAppId(),
        forceName: name,
      });
      const record = await insertApp(request, workspaceId, prepared, {
        template: source.template,
        action: 'app.duplicate',
        summary: `Duplicated "${source.name}" as "{name}"`,
        message: `Copied from ${appId} version ${source.version}`,
      });
      return reply.status(201).header('etag', `"${record.version}"`).send(appDetail(record));
    },
  );

  app.get<{ Params: { appId: string } }>(
    '/api/apps/:appId/export',
    {
      schema: {
        tags: ['apps'],
        summary: 'Download the app as a zip (app.json + manifest.json)',
        produces: ['application/zip'],
        params: appParams,
        response: { 200: { type: 'string', format: 'binary' } },
      },
    },
    async (request, reply) => {
      const { appId } = request.params;
      await assertAppAccess(request, appId, 'viewer');
      const record = await loadApp(request, appId);
      const schema = JSON.parse(record.schemaJson) as Record<string, unknown>;
      const zip = writeAppZip(schema, {
        format: 'tessera-app',
        formatVersion: 1,
        exportedAt: new Date().toISOString(),
        app: {
          id: record._id,
          name: record.name,
          version: record.version,
          schemaVersion: schema.schemaVersion,
        },
      });
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="${record._id}.tessera.zip"`)
        .send(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength));
    },
  );
};
