import { compileFilter } from '@tessera/store';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { httpError } from '../../errors';
import { presetNames, presets, type RulePreset } from '../../rules/presets';
import { RuleError } from '../../rules/rule-error';
import { compileRules } from '../../rules/security-rules';
import { objectId } from '../../schemas';
import { type AppUser, ruleAuth } from '../app-auth/app-user';
import { recordAudit } from '../audit/record';
import { assertAppAccess } from '../builder-auth/guard';
import { AppDatabase, type DatabaseCaller, type DataChange, maxLimit } from './app-database';
import { indexRoutes } from './index-routes';
import { type CollectionParams, collectionParams, errors } from './route-schemas';
import { RulesRepository } from './rules-repository';

export {
  AppCollection,
  AppDatabase,
  type DatabaseCaller,
  type DataChange,
  type QueryInput,
} from './app-database';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * An app's database as `as` sees it: an app user (or null, signed out) under the security rules,
     * or 'bypass' for trusted server-side callers (builders, cloud functions) — never implicit.
     */
    appDatabase(
      appId: string,
      options: {
        as: AppUser | null | 'bypass';
        /** Set by cloud functions started by a data change: their writes start the next level. */
        triggerDepth?: number;
      },
    ): AppDatabase;
    appDbRules: RulesRepository;
    /**
     * Calls the listener right after every committed write of app data; the write is acknowledged
     * once it resolves, so it should only record the change and go on in the background (its
     * errors are logged).
     */
    onAppDataChange(listener: (change: DataChange) => void | Promise<void>): void;
  }
}

const docParams = {
  type: 'object',
  required: ['appId', 'collection', 'id'],
  properties: { ...collectionParams.properties, id: { type: 'string', maxLength: 64 } },
} as const;
const anyObject = { type: 'object', additionalProperties: true } as const;
const documentList = { type: 'object', properties: { data: { type: 'array', items: anyObject } } } as const;
const queryBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    filter: { type: 'object', description: 'MongoDB-style filter (allow-listed operators)' },
    sort: { type: 'object', description: '{ field: 1 | -1 }' },
    skip: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    limit: { type: 'integer', minimum: 1, maximum: maxLimit },
    projection: { type: 'object', description: '{ field: 1 } or { field: 0 }' },
  },
} as const;
const filterBody = {
  type: 'object',
  additionalProperties: false,
  properties: { filter: { type: 'object' } },
} as const;
const dataBody = {
  type: 'object',
  required: ['data'],
  additionalProperties: false,
  properties: { data: { type: 'object' } },
} as const;
const updateBody = {
  type: 'object',
  required: ['update'],
  additionalProperties: false,
  properties: {
    update: {
      type: 'object',
      description:
        'MongoDB update operators: $set $unset $inc $mul $min $max $push $pop $pull $pullAll $addToSet',
    },
  },
} as const;
const updateWhereBody = {
  type: 'object',
  required: ['filter', 'update'],
  additionalProperties: false,
  properties: { filter: { type: 'object' }, update: updateBody.properties.update },
} as const;

interface DocParams extends CollectionParams {
  id: string;
}

/** The app database API for end users (`/app-api/:appId/db`) and for builders (`/api/apps/:appId/db`). */
export const appDbPlugin: FastifyPluginAsync = fp(
  async (app) => {
    const rules = new RulesRepository(app.store);
    app.decorate('appDbRules', rules);
    const listeners: ((change: DataChange) => void | Promise<void>)[] = [];
    // A listener records the change and returns (its work goes on in the background); the write is
    // acknowledged after that. Its failures never reach the write.
    const onChange = async (change: DataChange) => {
      await Promise.all(
        listeners.map(async (listener) => {
          try {
            await listener(change);
          } catch (error) {
            app.log.warn({ err: error }, 'an app data change listener failed');
          }
        }),
      );
    };
    app.decorate('onAppDataChange', (listener: (change: DataChange) => void | Promise<void>) => {
      listeners.push(listener);
    });
    app.decorate('appDatabase', (appId: string, options: { as: DatabaseCaller; triggerDepth?: number }) => {
      if (options?.as === undefined) throw new Error('appDatabase needs { as: appUser | null | "bypass" }');
      return new AppDatabase(app.store, rules, appId, options.as, {
        ...(listeners.length > 0 ? { onChange } : {}),
        triggerDepth: options.triggerDepth ?? 0,
      });
    });
    await app.register(endUserRoutes);
    await app.register(builderDataRoutes);
    await app.register(ruleRoutes);
    await app.register(indexRoutes);
  },
  { name: 'app-db', dependencies: ['app-auth'] },
);

// Documents are free-form, so the response schemas only describe them (for OpenAPI): plain
// JSON.stringify writes them about twice as fast as a schema-built serializer with open objects.
const documentSerializer = () => (data: unknown) => JSON.stringify(data);

/** Both route families share handlers; only who the caller is differs. */
function dataRoutes(
  app: FastifyInstance,
  prefix: string,
  tags: string[],
  open: (request: FastifyRequest, write: boolean) => Promise<AppDatabase>,
  audit?: (request: FastifyRequest, action: string, summary: string) => Promise<void>,
): void {
  const collectionOf = async (request: FastifyRequest, write: boolean) =>
    (await open(request, write)).collection((request.params as CollectionParams).collection);

  app.post<{ Params: CollectionParams; Body: Record<string, unknown> }>(
    `${prefix}/:collection/query`,
    {
      schema: {
        tags,
        summary: 'Query documents (filter, sort, skip, limit, projection)',
        params: collectionParams,
        body: queryBody,
        response: { 200: documentList, ...errors },
      },
      serializerCompiler: documentSerializer,
    },
    async (request) => ({ data: await (await collectionOf(request, false)).query(request.body ?? {}) }),
  );

  app.post<{ Params: CollectionParams; Body: { filter?: unknown } }>(
    `${prefix}/:collection/count`,
    {
      schema: {
        tags,
        summary: 'Count documents',
        params: collectionParams,
        body: filterBody,
        response: { 200: { type: 'object', properties: { total: { type: 'integer' } } }, ...errors },
      },
    },
    async (request) => ({ total: await (await collectionOf(request, false)).count(request.body ?? {}) }),
  );

  app.get<{ Params: DocParams }>(
    `${prefix}/:collection/docs/:id`,
    {
      schema: {
        tags,
        summary: 'Get one document by id (404 when missing or hidden by the read rule)',
        params: docParams,
        response: { 200: { type: 'object', properties: { data: anyObject } }, ...errors },
      },
      serializerCompiler: documentSerializer,
    },
    async (request) => ({ data: await (await collectionOf(request, false)).get(request.params.id) }),
  );

  app.post<{ Params: CollectionParams; Body: { data: unknown } }>(
    `${prefix}/:collection/docs`,
    {
      schema: {
        tags,
        summary: 'Add a document (the creator is stamped as _openid)',
        params: collectionParams,
        body: dataBody,
        response: { 200: { type: 'object', properties: { id: { type: 'string' } } }, ...errors },
      },
    },
    async (request) => {
      const id = await (await collectionOf(request, true)).add(request.body.data);
      await audit?.(request, 'app.data.add', `Added document ${id} to "${request.params.collection}"`);
      return { id };
    },
  );

  app.put<{ Params: DocParams; Body: { data: unknown } }>(
    `${prefix}/:collection/docs/:id`,
    {
      schema: {
        tags,
        summary: 'Replace or create the document with this id',
        params: docParams,
        body: dataBody,
        response: { 200: { type: 'object', properties: { created: { type: 'boolean' } } }, ...errors },
      },
    },
    async (request) => {
      const result = await (await collectionOf(request, true)).set(request.params.id, request.body.data);
      await audit?.(
        request,
        'app.data.set',
        `Set document ${request.params.id} in "${request.params.collection}"`,
      );
      return result;
    },
  );

  app.patch<{ Params: DocParams; Body: { update: unknown } }>(
    `${prefix}/:collection/docs/:id`,
    {
      schema: {
        tags,
        summary: 'Update one document with update operators',
        params: docParams,
        body: updateBody,
        response: { 200: { type: 'object', properties: { updated: { type: 'integer' } } }, ...errors },
      },
    },
    async (request) => {
      const result = await (await collectionOf(request, true)).updateById(
        request.params.id,
        request.body.update,
      );
      await audit?.(
        request,
        'app.data.update',
        `Updated document ${request.params.id} in "${request.params.collection}"`,
      );
      return result;
    },
  );

  app.delete<{ Params: DocParams }>(
    `${prefix}/:collection/docs/:id`,
    {
      schema: {
        tags,
        summary: 'Remove one document',
        params: docParams,
        response: { 200: { type: 'object', properties: { deleted: { type: 'integer' } } }, ...errors },
      },
    },
    async (request) => {
      const result = await (await collectionOf(request, true)).removeById(request.params.id);
      await audit?.(
        request,
        'app.data.remove',
        `Removed document ${request.params.id} from "${request.params.collection}"`,
      );
      return result;
    },
  );

  app.post<{ Params: CollectionParams; Body: { filter: unknown; update: unknown } }>(
    `${prefix}/:collection/update`,
    {
      schema: {
        tags,
        summary: 'Update every matching document (all or none)',
        params: collectionParams,
        body: updateWhereBody,
        response: { 200: { type: 'object', properties: { updated: { type: 'integer' } } }, ...errors },
      },
    },
    async (request) => {
      const result = await (await collectionOf(request, true)).updateWhere(
        request.body.filter,
        request.body.update,
      );
      await audit?.(
        request,
        'app.data.update',
        `Updated ${result.updated} documents in "${request.params.collection}"`,
      );
      return result;
    },
  );

  app.post<{ Params: CollectionParams; Body: { filter: unknown } }>(
    `${prefix}/:collection/remove`,
    {
      schema: {
        tags,
        summary: 'Remove every matching document (all or none)',
        params: collectionParams,
        body: { ...filterBody, required: ['filter'] },
        response: { 200: { type: 'object', properties: { deleted: { type: 'integer' } } }, ...errors },
      },
    },
    async (request) => {
      const result = await (await collectionOf(request, true)).removeWhere(request.body.filter);
      await audit?.(
        request,
        'app.data.remove',
        `Removed ${result.deleted} documents from "${request.params.collection}"`,
      );
      return result;
    },
  );
}

async function endUserRoutes(app: FastifyInstance): Promise<void> {
  dataRoutes(app, '/app-api/:appId/db', ['app-db'], async (request) =>
    app.appDatabase((request.params as CollectionParams).appId, { as: request.appUser }),
  );
}

async function builderDataRoutes(app: FastifyInstance): Promise<void> {
  const workspaces = new WeakMap<FastifyRequest, string>();
  dataRoutes(
    app,
    '/api/apps/:appId/db/data',
    ['app-db (builder)'],
    async (request, write) => {
      const access = await assertAppAccess(
        request,
        (request.params as CollectionParams).appId,
        write ? 'content-editor' : 'viewer',
      );
      workspaces.set(request, access.workspaceId);
      return app.appDatabase(access.appId, { as: 'bypass' });
    },
    async (request, action, summary) => {
      const params = request.params as CollectionParams;
      await recordAudit(request, {
        workspaceId: workspaces.get(request)!,
        action,
        target: { type: 'app-collection', id: `${params.appId}/${params.collection}` },
        summary: `${summary} (bypassing security rules)`,
        data: { appId: params.appId, collection: params.collection },
      });
    },
  );

  app.get<{ Params: { appId: string } }>(
    '/api/apps/:appId/db/collections',
    {
      schema: {
        tags: ['app-db (builder)'],
        summary: "The app's data collections",
        params: { type: 'object', required: ['appId'], properties: { appId: objectId } },
        response: {
          200: { type: 'object', properties: { collections: { type: 'array', items: { type: 'string' } } } },
          ...errors,
        },
      },
    },
    async (request) => {
      const access = await assertAppAccess(request, request.params.appId, 'viewer');
      return { collections: await app.appDatabase(access.appId, { as: 'bypass' }).listCollections() };
    },
  );
}

const ruleSchema = {
  type: 'object',
  properties: {
    collection: { type: 'string' },
    preset: { type: ['string', 'null'] },
    read: { type: 'string' },
    create: { type: 'string' },
    update: { type: 'string' },
    delete: { type: 'string' },
    updatedAt: { type: ['string', 'null'] },
  },
} as const;
const ruleText = { type: 'string', minLength: 1, maxLength: 2000 } as const;

async function ruleRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['app-db (builder)'];
  const rules = app.appDbRules;

  app.get<{ Params: { appId: string } }>(
    '/api/apps/:appId/db/rules',
    {
      schema: {
        tags,
        summary: 'Security rules of every configured collection, and the presets',
        params: { type: 'object', required: ['appId'], properties: { appId: objectId } },
        response: {
          200: {
            type: 'object',
            properties: {
              rules: { type: 'array', items: ruleSchema },
              defaultPreset: { type: 'string' },
              presets: { type: 'object', additionalProperties: ruleSchema },
            },
          },
          ...errors,
        },
      },
    },
    async (request) => {
      await assertAppAccess(request, request.params.appId, 'viewer');
      return { rules: await rules.list(request.params.appId), defaultPreset: 'owner-only', presets };
    },
  );

  app.get<{ Params: CollectionParams }>(
    '/api/apps/:appId/db/rules/:collection',
    {
      schema: {
        tags,
        summary: "A collection's security rules (the default preset when unset)",
        params: collectionParams,
        response: { 200: ruleSchema, ...errors },
      },
    },
    async (request) => {
      await assertAppAccess(request, request.params.appId, 'viewer');
      return rules.get(
        request.params.appId,
        app.appDatabase(request.params.appId, { as: 'bypass' }).collection(request.params.collection).name,
      );
    },
  );

  app.put<{
    Params: CollectionParams;
    Body: { preset?: RulePreset; read?: string; create?: string; update?: string; delete?: string };
  }>(
    '/api/apps/:appId/db/rules/:collection',
    {
      schema: {
        tags,
        summary:
          'Set a collection’s rules: a preset, or all four expressions (read must be translatable to a query)',
        params: collectionParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            preset: { type: 'string', enum: [...presetNames] },
            read: ruleText,
            create: ruleText,
            update: ruleText,
            delete: ruleText,
          },
        },
        response: { 200: ruleSchema, ...errors },
      },
    },
    async (request) => {
      const { appId } = request.params;
      const access = await assertAppAccess(request, appId, 'developer');
      const collection = app.appDatabase(appId, { as: 'bypass' }).collection(request.params.collection).name;
      const body = request.body;
      const custom = ['read', 'create', 'update', 'delete'] as const;
      let chosen: { read: string; create: string; update: string; delete: string };
      if (body.preset) {
        if (custom.some((key) => body[key] !== undefined))
          throw httpError(400, 'Give either a preset or the four rules, not both');
        chosen = presets[body.preset];
      } else {
        const missing = custom.filter((key) => body[key] === undefined);
        if (missing.length > 0)
          throw httpError(
            400,
            `Missing rules: ${missing.join(', ')} (or give a preset: ${presetNames.join(', ')})`,
            missing.map((key) => ({ pointer: `/${key}`, message: 'is required' })),
          );
        chosen = { read: body.read!, create: body.create!, update: body.update!, delete: body.delete! };
      }
      let saved: Awaited<ReturnType<typeof rules.save>>;
      try {
        saved = await rules.save(appId, collection, chosen, body.preset ?? null);
      } catch (error) {
        if (error instanceof RuleError)
          throw httpError(400, error.message, [{ pointer: `/${error.rule}`, message: error.message }]);
        throw error;
      }
      await recordAudit(request, {
        workspaceId: access.workspaceId,
        action: 'rules.update',
        target: { type: 'app-collection', id: `${appId}/${collection}` },
        summary: body.preset
          ? `Set the rules of "${collection}" to the ${body.preset} preset`
          : `Set custom rules on "${collection}"`,
        data: { appId, collection, ...chosen, preset: body.preset ?? null },
      });
      return saved;
    },
  );

  app.post<{
    Params: CollectionParams;
    Body: {
      operation: 'read' | 'create' | 'update' | 'delete';
      user: { uid: string; roles?: string[]; anonymous?: boolean } | null;
      doc?: Record<string, unknown> | null;
      data?: unknown;
      rules?: { read: string; create: string; update: string; delete: string };
    };
  }>(
    '/api/apps/:appId/db/rules/:collection/test',
    {
      schema: {
        tags,
        summary:
          'Try a collection’s rules (saved, or the given draft) as an app user: would this operation be allowed?',
        params: collectionParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['operation', 'user'],
          properties: {
            operation: { type: 'string', enum: ['read', 'create', 'update', 'delete'] },
            user: {
              description: 'The app user to act as; null for a signed-out visitor',
              type: ['object', 'null'],
              additionalProperties: false,
              required: ['uid'],
              properties: {
                uid: { type: 'string', minLength: 1, maxLength: 200 },
                roles: { type: 'array', items: { type: 'string', maxLength: 100 }, maxItems: 50 },
                anonymous: { type: 'boolean' },
              },
            },
            doc: {
              description: 'The document (stored one for update/delete/read, new one for create)',
              type: ['object', 'null'],
            },
            data: { description: 'The update sent (request.data of the rule)' },
            rules: {
              type: 'object',
              additionalProperties: false,
              required: ['read', 'create', 'update', 'delete'],
              properties: { read: ruleText, create: ruleText, update: ruleText, delete: ruleText },
            },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              allowed: { type: 'boolean' },
              explanation: { type: 'string' },
              filter: {
                description:
                  'read: the constraint added to every query of this user (a filter, or a boolean)',
              },
            },
          },
          ...errors,
        },
      },
    },
    async (request) => {
      const { appId } = request.params;
      await assertAppAccess(request, appId, 'viewer');
      const collection = app.appDatabase(appId, { as: 'bypass' }).collection(request.params.collection).name;
      const { operation, user, doc = null, data = null } = request.body;
      let compiled: ReturnType<typeof compileRules>;
      try {
        compiled = request.body.rules
          ? compileRules(request.body.rules)
          : await rules.rulesFor(appId, collection);
      } catch (error) {
        if (error instanceof RuleError)
          throw httpError(400, error.message, [{ pointer: `/rules/${error.rule}`, message: error.message }]);
        throw error;
      }
      const auth = ruleAuth(
        user ? { uid: user.uid, appId, roles: user.roles ?? [], anonymous: user.anonymous ?? false } : null,
      );
      const context = { auth, now: Date.now() };
      const rule = compiled.source[operation];
      if (operation === 'read') {
        const filter = compiled.readFilter(context);
        if (typeof filter === 'boolean')
          return { allowed: filter, filter, explanation: `read rule \`${rule}\` is ${filter} for this user` };
        if (!doc)
          return {
            allowed: true,
            filter,
            explanation: `this user reads only the documents matching ${JSON.stringify(filter)}`,
          };
        const allowed = compileFilter(filter).test(doc);
        return {
          allowed,
          filter,
          explanation: `the document ${allowed ? 'matches' : 'does not match'} this user's read constraint ${JSON.stringify(filter)}`,
        };
      }
      const allowed = compiled.allows(operation, { ...context, doc, request: { data } });
      return { allowed, explanation: `${operation} rule \`${rule}\` is ${allowed} for this user` };
    },
  );

  app.delete<{ Params: CollectionParams }>(
    '/api/apps/:appId/db/rules/:collection',
    {
      schema: {
        tags,
        summary: 'Reset a collection to the default rules (owner-only)',
        params: collectionParams,
        response: { 200: { type: 'object', properties: { reset: { type: 'boolean' } } }, ...errors },
      },
    },
    async (request) => {
      const { appId } = request.params;
      const access = await assertAppAccess(request, appId, 'developer');
      const collection = app.appDatabase(appId, { as: 'bypass' }).collection(request.params.collection).name;
      const reset = await rules.remove(appId, collection);
      await recordAudit(request, {
        workspaceId: access.workspaceId,
        action: 'rules.update',
        target: { type: 'app-collection', id: `${appId}/${collection}` },
        summary: `Reset the rules of "${collection}" to the default (owner-only)`,
        data: { appId, collection, preset: 'owner-only' },
      });
      return { reset };
    },
  );
}
