// Builders' API for a collection's indexes: anyone on the app reads them, developers and owners
// create and drop them (audited).
import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../audit/record';
import { assertAppAccess } from '../builder-auth/guard';
import { CollectionIndexes, maxIndexFields, maxIndexName, type NewIndex } from './indexes';
import { type CollectionParams, collectionParams, errors } from './route-schemas';

const field = {
  type: 'object',
  additionalProperties: false,
  required: ['field', 'order'],
  properties: {
    field: {
      type: 'string',
      minLength: 1,
      maxLength: 256,
      description: 'Field path, e.g. "createdAt" or "address.city"',
    },
    order: { type: 'string', enum: ['asc', 'desc'] },
  },
} as const;
const index = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    fields: { type: 'array', items: field },
    unique: { type: 'boolean' },
    builtIn: { type: 'boolean', description: 'The _id index every collection has; it cannot be dropped' },
  },
} as const;

export async function indexRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['app-db (builder)'];
  const indexesOf = (params: CollectionParams) =>
    new CollectionIndexes(app.store.app(params.appId), params.collection);

  app.get<{ Params: CollectionParams }>(
    '/api/apps/:appId/db/indexes/:collection',
    {
      schema: {
        tags,
        summary: "A collection's indexes (`_id_` first; a collection not created yet has only that one)",
        params: collectionParams,
        response: {
          200: { type: 'object', properties: { indexes: { type: 'array', items: index } } },
          ...errors,
        },
      },
    },
    async (request) => {
      await assertAppAccess(request, request.params.appId, 'viewer');
      return { indexes: await indexesOf(request.params).list() };
    },
  );

  app.post<{ Params: CollectionParams; Body: NewIndex }>(
    '/api/apps/:appId/db/indexes/:collection',
    {
      schema: {
        tags,
        summary:
          'Create an index: queries filtering or sorting on its fields get fast; a unique one refuses a second document with the same values',
        params: collectionParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['fields'],
          properties: {
            fields: { type: 'array', minItems: 1, maxItems: maxIndexFields, items: field },
            unique: { type: 'boolean' },
            name: {
              type: 'string',
              minLength: 1,
              maxLength: 64,
              description: 'Default: the fields and orders, e.g. "email_1"',
            },
          },
        },
        response: { 201: index, ...errors },
      },
    },
    async (request, reply) => {
      const { appId, collection } = request.params;
      const access = await assertAppAccess(request, appId, 'developer');
      const created = await indexesOf(request.params).create(request.body);
      await recordAudit(request, {
        workspaceId: access.workspaceId,
        action: 'app.data.index.create',
        target: { type: 'app-collection', id: `${appId}/${collection}` },
        summary: `Created the ${created.unique ? 'unique ' : ''}index "${created.name}" on "${collection}" (${describe(created.fields)})`,
        data: { appId, collection, ...created },
      });
      return reply.code(201).send(created);
    },
  );

  app.delete<{ Params: CollectionParams & { name: string } }>(
    '/api/apps/:appId/db/indexes/:collection/:name',
    {
      schema: {
        tags,
        summary: 'Drop an index (not `_id_`); the documents stay',
        params: {
          type: 'object',
          required: ['appId', 'collection', 'name'],
          properties: {
            ...collectionParams.properties,
            name: { type: 'string', minLength: 1, maxLength: maxIndexName },
          },
        },
        response: { 200: { type: 'object', properties: { dropped: { type: 'boolean' } } }, ...errors },
      },
    },
    async (request) => {
      const { appId, collection, name } = request.params;
      const access = await assertAppAccess(request, appId, 'developer');
      await indexesOf(request.params).drop(name);
      await recordAudit(request, {
        workspaceId: access.workspaceId,
        action: 'app.data.index.drop',
        target: { type: 'app-collection', id: `${appId}/${collection}` },
        summary: `Dropped the index "${name}" of "${collection}"`,
        data: { appId, collection, name },
      });
      return { dropped: true };
    },
  );
}

function describe(fields: { field: string; order: string }[]): string {
  return fields.map((f) => `${f.field} ${f.order === 'desc' ? '↓' : '↑'}`).join(', ');
}
