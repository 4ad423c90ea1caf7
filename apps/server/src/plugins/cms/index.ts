// The headless CMS: content models, entries (draft/published, history, locales, references),
// API tokens, webhooks and the media library of each app. Builder routes under
// /api/apps/:appId/cms/..., public reads (and token writes) under /app-api/:appId/cms/:model.
import type { DocumentStore } from '@tessera/store';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { httpError } from '../../errors';
import { timeOrderedId } from '../../ids';
import { errorResponse } from '../../schemas';
import { recordAudit } from '../audit/record';
import { assertAppAccess } from '../builder-auth/guard';
import {
  CmsEntries,
  draftsOf,
  type EntryDoc,
  ensureIndexes,
  MODELS,
  type ModelDoc,
  publishedOf,
  uniqueKey,
} from './entries';
import type { ContentModel } from './entry-schema';
import { describeMedia, listMedia, MEDIA, type MediaDoc, storeMedia } from './media';
import { checkModel, type DataChange, dataChanges } from './model';
import {
  getEntry,
  type ListQuery,
  listEntries,
  maxDepth,
  maxLimit,
  type ReadOptions,
  shapeEntry,
} from './reading';
import { describeToken, hashToken, newToken, TOKENS, type TokenDoc, tokenHeader, tokenScope } from './tokens';
import {
  DELIVERIES,
  type DeliveryDoc,
  type WebhookDispatcher as Dispatcher,
  newWebhookSecret,
  RETRIES as WEBHOOK_RETRIES,
  WEBHOOKS,
  WebhookDispatcher,
  type WebhookDoc,
  type WebhookEvent,
  webhookEvents,
} from './webhooks';

const SCHEDULES = 'cms_schedules';
const tags = ['cms'];
const objectId = { type: 'string', pattern: '^[0-9a-f]{24}$' } as const;
const modelName = { type: 'string', pattern: '^[a-z][a-zA-Z0-9_]{0,63}$' } as const;
const appParams = { type: 'object', required: ['appId'], properties: { appId: objectId } } as const;
const modelParams = {
  type: 'object',
  required: ['appId', 'model'],
  properties: { appId: objectId, model: modelName },
} as const;
const entryParams = {
  type: 'object',
  required: ['appId', 'model', 'id'],
  properties: { appId: objectId, model: modelName, id: objectId },
} as const;
const idParams = {
  type: 'object',
  required: ['appId', 'id'],
  properties: { appId: objectId, id: objectId },
} as const;
const anyObject = { type: 'object', additionalProperties: true } as const;
const errors = {
  400: errorResponse,
  401: errorResponse,
  403: errorResponse,
  404: errorResponse,
  409: errorResponse,
};
const entryBody = {
  type: 'object',
  required: ['fields'],
  additionalProperties: false,
  properties: {
    fields: {
      type: 'object',
      description: 'Field values by field name; localised fields as { "<locale>": value }',
    },
    expectedVersion: {
      type: 'integer',
      minimum: 1,
      description: 'Refuse (409) unless the entry is at this version',
    },
    publish: { type: 'boolean', description: 'Publish right after saving' },
  },
} as const;
const listQuerystring = {
  type: 'object',
  additionalProperties: {
    type: 'string',
    description: 'filter.<field>[.<op>]=value (op: eq ne gt gte lt lte in)',
  },
  properties: {
    filter: { type: 'string', description: 'MongoDB-style JSON filter (allow-listed operators)' },
    sort: { type: 'string', description: 'Comma list of fields, "-" for descending: -_publishedAt,title' },
    limit: { type: 'integer', minimum: 1, maximum: maxLimit },
    skip: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    locale: { type: 'string', maxLength: 35 },
    status: { type: 'string', enum: ['published', 'draft'] },
    populate: { type: 'string', description: 'Comma list of reference fields, or *' },
    depth: { type: 'integer', minimum: 1, maximum: maxDepth },
    fields: { type: 'string', description: 'Comma list of fields to return' },
  },
} as const;
const queryBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    filter: { type: 'object', description: 'MongoDB-style filter (no $where/$function/$expr...)' },
    sort: { type: 'object', additionalProperties: { enum: [1, -1] } },
    limit: { type: 'integer', minimum: 1, maximum: maxLimit },
    skip: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    locale: { type: 'string', maxLength: 35 },
    status: { type: 'string', enum: ['published', 'draft'] },
    populate: { type: 'array', items: { type: 'string', maxLength: 64 }, maxItems: 50 },
    depth: { type: 'integer', minimum: 1, maximum: maxDepth },
    fields: { type: 'array', items: { type: 'string', maxLength: 64 }, maxItems: 200 },
  },
} as const;
const listReply = {
  200: {
    type: 'object',
    properties: {
      data: { type: 'array', items: anyObject },
      total: { type: 'integer' },
      limit: { type: 'integer' },
      skip: { type: 'integer' },
    },
  },
  ...errors,
};
const mediaTypes = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'application/octet-stream',
  'text/plain',
];

export interface CmsOptions {
  /** How often scheduled publications are checked (ms); TESSERA_CMS_SCHEDULE_MS or 1000. */
  scheduleIntervalMs?: number;
  webhookMaxAttempts?: number;
  /** First retry delay (ms), doubled per attempt; TESSERA_CMS_WEBHOOK_BACKOFF_MS or 1000. */
  webhookBackoffMs?: number;
  maxMediaBytes?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    cmsWebhooks: Dispatcher;
  }
}

const sortPattern = /^-?[A-Za-z_][A-Za-z0-9_.]{0,200}$/;

function commaList(text: string | undefined): string[] | undefined {
  if (text === undefined || text === '') return undefined;
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The query-string form of a list: ?filter=<json>&filter.views.gte=10&sort=-_publishedAt&... */
function listFromQuerystring(
  model: ContentModel,
  query: Record<string, string | number | undefined>,
): Partial<ListQuery> {
  let filter: Record<string, unknown> | undefined;
  if (typeof query.filter === 'string' && query.filter !== '') {
    try {
      filter = JSON.parse(query.filter);
    } catch {
      throw httpError(400, 'querystring/filter: is not valid JSON', [
        { pointer: '/filter', message: 'is not valid JSON' },
      ]);
    }
    if (!filter || typeof filter !== 'object' || Array.isArray(filter))
      throw httpError(400, 'querystring/filter: must be a JSON object', [
        { pointer: '/filter', message: 'must be a JSON object' },
      ]);
  }
  const operators = new Set(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in']);
  const conditions: Record<string, unknown>[] = [];
  for (const [key, raw] of Object.entries(query)) {
    if (key in listQuerystring.properties) continue;
    if (!key.startsWith('filter.'))
      throw httpError(400, `querystring/${key}: unknown parameter`, [
        { pointer: `/${key}`, message: 'unknown parameter' },
      ]);
    const parts = key.slice('filter.'.length).split('.');
    const last = parts.at(-1) ?? '';
    const op = operators.has(last) && parts.length > 1 ? parts.pop()! : 'eq';
    const path = parts.join('.');
    const field = model.fields.find((f) => f.name === parts[0]);
    const coerce = (text: string): unknown => {
      if (field?.type === 'number' || field?.type === 'autoNumber') {
        const n = Number(text);
        if (text === '' || !Number.isFinite(n))
          throw httpError(400, `querystring/${key}: "${text}" is not a number`, [
            { pointer: `/${key}`, message: 'is not a number' },
          ]);
        return n;
      }
      if (field?.type === 'boolean') return text === 'true';
      return text;
    };
    const text = String(raw);
    const value = op === 'in' ? text.split(',').map(coerce) : coerce(text);
    conditions.push({ [path]: { [`$${op}`]: value } });
  }
  if (filter) conditions.unshift(filter);
  const sort: Record<string, 1 | -1> = {};
  for (const part of commaList(query.sort as string | undefined) ?? []) {
    if (!sortPattern.test(part))
      throw httpError(400, `querystring/sort: "${part}" is not a field`, [
        { pointer: '/sort', message: `"${part}" is not a field` },
      ]);
    sort[part.replace(/^-/, '')] = part.startsWith('-') ? -1 : 1;
  }
  return {
    ...(conditions.length === 1
      ? { filter: conditions[0] }
      : conditions.length > 1
        ? { filter: { $and: conditions } }
        : {}),
    ...(Object.keys(sort).length > 0 ? { sort } : {}),
    ...(query.limit !== undefined ? { limit: Number(query.limit) } : {}),
    ...(query.skip !== undefined ? { skip: Number(query.skip) } : {}),
    ...(typeof query.locale === 'string' ? { locale: query.locale } : {}),
    ...(query.status ? { status: query.status as 'published' | 'draft' } : {}),
    ...(commaList(query.populate as string | undefined)
      ? { populate: commaList(query.populate as string) }
      : {}),
    ...(query.depth !== undefined ? { depth: Number(query.depth) } : {}),
    ...(commaList(query.fields as string | undefined) ? { fields: commaList(query.fields as string) } : {}),
  };
}

function envNumber(name: string): number | undefined {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

export function createCmsPlugin(options: CmsOptions = {}): FastifyPluginAsync {
  return async (app) => {
    const dispatcher = new WebhookDispatcher(
      app.store,
      {
        maxAttempts: options.webhookMaxAttempts ?? envNumber('TESSERA_CMS_WEBHOOK_ATTEMPTS') ?? 5,
        backoffMs: options.webhookBackoffMs ?? envNumber('TESSERA_CMS_WEBHOOK_BACKOFF_MS') ?? 1000,
        timeoutMs: 10_000,
        pollMs: envNumber('TESSERA_CMS_WEBHOOK_POLL_MS') ?? 1000,
        ...(envNumber('TESSERA_CMS_WEBHOOK_LEASE_MS')
          ? { leaseMs: envNumber('TESSERA_CMS_WEBHOOK_LEASE_MS') }
          : {}),
      },
      (message) => app.log.warn(message),
      {
        // Cloud functions are an optional plugin: webhooks to functions and cms triggers need it.
        runFunction: async (appId, name, payload) => {
          if (!app.hasDecorator('functions'))
            return { ok: false, error: 'cloud functions are not available' };
          const result = await app.functions.run(appId, name, payload, { type: 'cms', webhook: true });
          return result.ok
            ? { ok: true, requestId: result.requestId }
            : {
                ok: false,
                requestId: result.requestId,
                error: `${result.error.kind}: ${result.error.name}: ${result.error.message}`,
              };
        },
        onEvent: (appId, event, model, entry) => {
          if (!app.hasDecorator('functions')) return;
          app.functions
            .fireTrigger(appId, { type: 'cms', model, event, entry })
            .catch((error) => app.log.warn({ err: error }, 'cms: function trigger failed to start'));
        },
      },
    );
    app.decorate('cmsWebhooks', dispatcher);
    const maxMediaBytes = options.maxMediaBytes ?? 10 * 1024 * 1024;
    app.addContentTypeParser(
      mediaTypes,
      { parseAs: 'buffer', bodyLimit: maxMediaBytes },
      (_req, body, done) => done(null, body),
    );

    const scheduleEvery = options.scheduleIntervalMs ?? envNumber('TESSERA_CMS_SCHEDULE_MS') ?? 1000;
    let polling = false;
    const poller = setInterval(() => {
      if (polling) return;
      polling = true;
      publishDue(app, dispatcher)
        .catch((error) => app.log.error({ err: error }, 'cms: scheduled publishing failed'))
        .finally(() => {
          polling = false;
        });
    }, scheduleEvery);
    poller.unref();
    app.addHook('onClose', async () => {
      clearInterval(poller);
      await dispatcher.close();
    });
    await app.store.platform().collection(SCHEDULES).createIndex({ at: 1 });
    await app.store.platform().collection(WEBHOOK_RETRIES).createIndex({ at: 1 });
    app.addHook('onReady', async () => {
      dispatcher.start();
    });

    registerModelRoutes(app);
    registerEntryRoutes(app, dispatcher);
    registerSettingsRoutes(app);
    registerMediaRoutes(app);
    registerPublicRoutes(app, dispatcher);
  };
}

export const cmsPlugin = createCmsPlugin();

// ── shared helpers ──

// Models are read on every public request; a short-lived cache spares the lookup. Changes made by
// this process clear it at once; other processes sharing the store see them within modelCacheMs.
const modelCacheMs = 2000;
const modelCache = new WeakMap<DocumentStore, Map<string, { model: ContentModel | null; at: number }>>();

function forgetModel(db: DocumentStore, name: string): void {
  modelCache.get(db)?.delete(name);
}

async function loadModel(db: DocumentStore, name: string): Promise<ContentModel | null> {
  let cache = modelCache.get(db);
  if (!cache) {
    cache = new Map();
    modelCache.set(db, cache);
  }
  const known = cache.get(name);
  if (known && Date.now() - known.at < modelCacheMs) return known.model;
  const doc = await db.collection<ModelDoc>(MODELS).findOne({ _id: name });
  let model: ContentModel | null = null;
  if (doc) {
    const { _id, createdAt: _c, updatedAt: _u, ...rest } = doc;
    model = rest as ContentModel;
  }
  cache.set(name, { model, at: Date.now() });
  return model;
}

async function requireModel(db: DocumentStore, name: string): Promise<ContentModel> {
  const model = await loadModel(db, name);
  if (!model) throw httpError(404, `No content model "${name}" in this app`);
  return model;
}

function byOf(request: FastifyRequest): string | null {
  return request.builder?.accountId ?? null;
}

async function knownModels(db: DocumentStore): Promise<Set<string>> {
  const docs = await db
    .collection(MODELS)
    .find({}, { projection: { _id: 1 } })
    .toArray();
  return new Set(docs.map((d) => String(d._id)));
}

function describeModel(doc: ModelDoc) {
  return doc;
}

async function publishDue(app: FastifyInstance, dispatcher: WebhookDispatcher): Promise<void> {
  const now = new Date().toISOString();
  const due = await app.store
    .platform()
    .collection(SCHEDULES)
    .find({ at: { $lte: now } }, { limit: 100 })
    .toArray();
  for (const item of due) {
    const {
      appId,
      model: name,
      entryId,
    } = item as unknown as { appId: string; model: string; entryId: string };
    // Claimed by the delete: of several server processes polling, only one publishes it.
    const { deletedCount } = await app.store.platform().collection(SCHEDULES).deleteOne({ _id: item._id });
    if (deletedCount !== 1) continue;
    const db = app.store.app(appId);
    const model = await loadModel(db, name);
    if (!model) continue;
    const entries = new CmsEntries(db, appId, model);
    const current = await entries.drafts().findOne({ _id: entryId });
    if (!current || current._scheduledAt !== item.at) continue;
    const published = await entries.publish(entryId);
    await dispatcher.emit(
      appId,
      'publish',
      name,
      shapeEntry(model, published, { status: 'draft', includeHidden: true }),
    );
  }
}

// ── models ──

function registerModelRoutes(app: FastifyInstance): void {
  const base = '/api/apps/:appId/cms/models';

  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'List the content models of an app',
        params: appParams,
        response: {
          200: { type: 'object', properties: { data: { type: 'array', items: anyObject } } },
          ...errors,
        },
      },
    },
    async (request) => {
      const { appId } = request.params as { appId: string };
      await assertAppAccess(request, appId, 'viewer');
      const data = await app.store
        .app(appId)
        .collection<ModelDoc>(MODELS)
        .find({}, { sort: { _id: 1 } })
        .toArray();
      return { data: data.map(describeModel) };
    },
  );

  app.post(
    base,
    {
      schema: {
        tags,
        summary: 'Create a content model (body: content-model.schema.json)',
        params: appParams,
        body: anyObject,
        response: { 201: anyObject, ...errors },
      },
    },
    async (request, reply) => {
      const { appId } = request.params as { appId: string };
      const access = await assertAppAccess(request, appId, 'developer');
      const db = app.store.app(appId);
      const input = request.body as Record<string, unknown>;
      const problems = checkModel(input, await knownModels(db));
      if (problems.length > 0)
        throw httpError(400, `Invalid model: ${problems.map((p) => p.message).join('; ')}`, problems);
      const model = { ...(input as unknown as ContentModel), version: 1 };
      delete (model as { $schema?: string }).$schema;
      if (await loadModel(db, model.name)) throw httpError(409, `A model "${model.name}" already exists`);
      const now = new Date().toISOString();
      const doc: ModelDoc = { ...model, _id: model.name, createdAt: now, updatedAt: now };
      await ensureIndexes(db, model);
      await db.collection<ModelDoc>(MODELS).insertOne(doc);
      forgetModel(db, model.name);
      await recordAudit(request, {
        workspaceId: access.workspaceId,
        action: 'cms.model.create',
        target: { type: 'cms-model', id: `${appId}/${model.name}` },
        summary: `Created content model "${model.name}"`,
        data: { appId, fields: model.fields.length },
      });
      reply.status(201);
      return describeModel(doc);
    },
  );

  app.get(
    `${base}/:model`,
    {
      schema: {
        tags,
        summary: 'One content model',
        params: modelParams,
        response: { 200: anyObject, ...errors },
      },
    },
    async (request) => {
      const { appId, model } = request.params as { appId: string; model: string };
      await assertAppAccess(request, appId, 'viewer');
      const doc = await app.store.app(appId).collection<ModelDoc>(MODELS).findOne({ _id: model });
      if (!doc) throw httpError(404, `No content model "${model}" in this app`);
      return describeModel(doc);
    },
  );

  app.put(
    `${base}/:model`,
    {
      schema: {
        tags,
        summary:
          'Change a content model; data-dropping changes need an explicit migration (else 409 with a preview)',
        params: modelParams,
        body: {
          type: 'object',
          required: ['model'],
          additionalProperties: false,
          properties: {
            model: anyObject,
            migration: {
              type: 'object',
              additionalProperties: false,
              description: 'rename: { oldField: newField } moves values; drop: [field] deletes their values',
              properties: {
                rename: { type: 'object', additionalProperties: { type: 'string', maxLength: 64 } },
                drop: { type: 'array', items: { type: 'string', maxLength: 64 }, maxItems: 200 },
              },
            },
          },
        },
        response: { 200: anyObject, ...errors },
      },
    },
    async (request) => {
      const { appId, model: name } = request.params as { appId: string; model: string };
      const access = await assertAppAccess(request, appId, 'developer');
      const db = app.store.app(appId);
      const body = request.body as {
        model: Record<string, unknown>;
        migration?: { rename?: Record<string, string>; drop?: string[] };
      };
      forgetModel(db, name); // a migration must start from the stored model, not a cached one
      const before = await requireModel(db, name);
      const input = { ...body.model };
      // A model as GET answers it may be sent back as is: its bookkeeping keys are not part of the definition.
      for (const key of ['$schema', 'version', '_id', 'createdAt', 'updatedAt']) delete input[key];
      if (input.name !== name)
        throw httpError(400, '/model/name: a model cannot be renamed; create a new one', [
          { pointer: '/model/name', message: 'cannot be renamed' },
        ]);
      const problems = checkModel(input, await knownModels(db));
      if (problems.length > 0)
        throw httpError(
          400,
          `Invalid model: ${problems.map((p) => `/model${p.message}`).join('; ')}`,
          problems.map((p) => ({ pointer: `/model${p.pointer}`, message: `/model${p.message}` })),
        );
      const after = { ...(input as unknown as ContentModel), version: before.version + 1 };
      const rename = body.migration?.rename ?? {};
      const drop = new Set(body.migration?.drop ?? []);
      const preview = await previewChanges(db, before, after, rename, drop);
      if (preview.unhandled.length > 0)
        throw httpError(
          409,
          `This change would lose data in ${preview.unhandled.map((c) => `"${c.field}" (${c.change}, ${c.affected} entries)`).join(', ')}: send a migration ({ rename } or { drop }) to go ahead`,
          preview.unhandled.map((c) => ({
            pointer: `/model/fields`,
            message: `${c.field}: ${c.change} affects ${c.affected} entries`,
          })),
          { preview: preview.all },
        );
      await db.withTransaction(async (tx) => {
        for (const collection of [draftsOf(name), publishedOf(name)]) {
          if (Object.keys(rename).length > 0)
            await tx.collection(collection).updateMany({}, { $rename: rename });
          if (drop.size > 0)
            await tx
              .collection(collection)
              .updateMany({}, { $unset: Object.fromEntries([...drop].map((f) => [f, ''])) });
        }
      });
      await syncUniqueKeys(db, before, after);
      const now = new Date().toISOString();
      const createdAt = (await db.collection<ModelDoc>(MODELS).findOne({ _id: name }))?.createdAt ?? now;
      const doc: ModelDoc = { ...after, _id: name, createdAt, updatedAt: now };
      await db.collection<ModelDoc>(MODELS).replaceOne({ _id: name }, doc);
      forgetModel(db, name);
      await recordAudit(request, {
        workspaceId: access.workspaceId,
        action: 'cms.model.update',
        target: { type: 'cms-model', id: `${appId}/${name}` },
        summary: `Changed content model "${name}" (version ${after.version})`,
        data: { appId, version: after.version, rename, drop: [...drop] },
      });
      return { ...describeModel(doc), migrated: preview.all };
    },
  );

  app.delete(
    `${base}/:model`,
    {
      schema: {
        tags,
        summary: 'Delete a model; with entries it needs ?dropEntries=true (else 409 with the count)',
        params: modelParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { dropEntries: { type: 'boolean' } },
        },
        response: { 200: anyObject, ...errors },
      },
    },
    async (request) => {
      const { appId, model: name } = request.params as { appId: string; model: string };
      const { dropEntries } = request.query as { dropEntries?: boolean };
      const access = await assertAppAccess(request, appId, 'developer');
      const db = app.store.app(appId);
      await requireModel(db, name);
      const count = await db.collection(draftsOf(name)).countDocuments({});
      if (count > 0 && !dropEntries)
        throw httpError(
          409,
          `Model "${name}" has ${count} entries: delete with ?dropEntries=true to drop them`,
          undefined,
          {
            preview: { entries: count },
          },
        );
      await db.dropCollection(draftsOf(name));
      await db.dropCollection(publishedOf(name));
      await db.collection(MODELS).deleteOne({ _id: name });
      forgetModel(db, name);
      await recordAudit(request, {
        workspaceId: access.workspaceId,
        action: 'cms.model.delete',
        target: { type: 'cms-model', id: `${appId}/${name}` },
        summary: `Deleted content model "${name}" and its ${count} entries`,
        data: { appId, entries: count },
      });
      return { deleted: true, entries: count };
    },
  );
}

interface ChangePreview extends DataChange {
  affected: number;
  sample: { _id: string; value: unknown }[];
  handledBy?: 'rename' | 'drop';
}

async function previewChanges(
  db: DocumentStore,
  before: ContentModel,
  after: ContentModel,
  rename: Record<string, string>,
  drop: Set<string>,
): Promise<{ all: ChangePreview[]; unhandled: ChangePreview[] }> {
  for (const [from, to] of Object.entries(rename)) {
    const old = before.fields.find((f) => f.name === from);
    const now = after.fields.find((f) => f.name === to);
    if (!old || !now || after.fields.some((f) => f.name === from) || before.fields.some((f) => f.name === to))
      throw httpError(
        400,
        `/migration/rename/${from}: rename an existing field to a new one of the changed model`,
        [{ pointer: `/migration/rename/${from}`, message: 'rename an existing field to a new one' }],
      );
    if (
      now.type !== old.type ||
      Boolean(now.localised) !== Boolean(old.localised) ||
      Boolean(now.many) !== Boolean(old.many)
    )
      throw httpError(400, `/migration/rename/${from}: a renamed field keeps its type`, [
        { pointer: `/migration/rename/${from}`, message: 'a renamed field keeps its type' },
      ]);
  }
  const all: ChangePreview[] = [];
  for (const change of dataChanges(before, after)) {
    const filter = { [change.field]: { $exists: true, $ne: null } };
    const drafts = db.collection(draftsOf(before.name));
    const affected = await drafts.countDocuments(filter);
    const sample = (await drafts.find(filter, { limit: 3, projection: { [change.field]: 1 } }).toArray()).map(
      (d) => ({
        _id: String(d._id),
        value: d[change.field],
      }),
    );
    const preview: ChangePreview = { ...change, affected, sample };
    if (rename[change.field] !== undefined && change.change === 'removed') preview.handledBy = 'rename';
    else if (drop.has(change.field)) preview.handledBy = 'drop';
    all.push(preview);
  }
  return { all, unhandled: all.filter((c) => c.affected > 0 && !c.handledBy) };
}

/** Fields that became unique get their index keys (409 on duplicates); fields that stopped being unique get neutral keys. */
async function syncUniqueKeys(db: DocumentStore, before: ContentModel, after: ContentModel): Promise<void> {
  const was = new Set(before.fields.filter((f) => f.unique).map((f) => f.name));
  const now = new Set(after.fields.filter((f) => f.unique).map((f) => f.name));
  const drafts = db.collection<EntryDoc>(draftsOf(after.name));
  for (const name of [...was].filter((n) => !now.has(n)))
    for (const doc of await drafts.find({}, { projection: { _id: 1 } }).toArray())
      await drafts.updateOne({ _id: doc._id }, { $set: { [uniqueKey(name)]: `\0${doc._id}` } });
  const added = [...now].filter((n) => !was.has(n));
  if (added.length === 0) return;
  const docs = await drafts.find({}).toArray();
  for (const name of added) {
    const seen = new Map<string, string>();
    for (const doc of docs) {
      const value = doc[name];
      if (value === undefined || value === null) continue;
      const key = JSON.stringify(value);
      if (seen.has(key))
        throw httpError(
          409,
          `"${name}" cannot become unique: entries ${seen.get(key)} and ${doc._id} share ${key}`,
          [{ pointer: `/model/fields`, message: `${name}: duplicate values` }],
        );
      seen.set(key, doc._id);
    }
    for (const doc of docs)
      await drafts.updateOne(
        { _id: doc._id },
        {
          $set: {
            [uniqueKey(name)]: doc[name] === undefined || doc[name] === null ? `\0${doc._id}` : doc[name],
          },
        },
      );
  }
  await ensureIndexes(db, after);
}

// ── entries (builders) ──

function registerEntryRoutes(app: FastifyInstance, dispatcher: WebhookDispatcher): void {
  const base = '/api/apps/:appId/cms/models/:model/entries';
  const open = async (request: FastifyRequest, role: 'viewer' | 'content-editor') => {
    const { appId, model: name } = request.params as { appId: string; model: string };
    const access = await assertAppAccess(request, appId, role);
    const db = app.store.app(appId);
    const model = await requireModel(db, name);
    return { access, appId, db, model, entries: new CmsEntries(db, appId, model) };
  };
  const builderView = (model: ContentModel, doc: EntryDoc) =>
    shapeEntry(model, doc, { status: 'draft', includeHidden: true });
  const audit = async (
    request: FastifyRequest,
    ctx: Awaited<ReturnType<typeof open>>,
    action: string,
    id: string,
    summary: string,
  ) =>
    recordAudit(request, {
      workspaceId: ctx.access.workspaceId,
      action: `cms.entry.${action}`,
      target: { type: 'cms-entry', id: `${ctx.appId}/${ctx.model.name}/${id}` },
      summary,
      data: { appId: ctx.appId, model: ctx.model.name },
    });

  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'List entries (drafts by default; status=published for the published copies)',
        params: modelParams,
        querystring: listQuerystring,
        response: listReply,
      },
    },
    async (request) => {
      const ctx = await open(request, 'viewer');
      const query = listFromQuerystring(ctx.model, request.query as Record<string, string>);
      // Builders see the newest first unless they sort; public readers get store order (cheapest with an index) unless they sort.
      return listEntries(
        ctx.db,
        ctx.model,
        { status: 'draft', sort: { _id: -1 }, ...query, includeHidden: true },
        (n) => loadModel(ctx.db, n),
      );
    },
  );

  app.post(
    base,
    {
      schema: {
        tags,
        summary: 'Create an entry (a draft unless publish: true)',
        params: modelParams,
        body: entryBody,
        response: { 201: anyObject, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = await open(request, 'content-editor');
      const body = request.body as { fields: Record<string, unknown>; publish?: boolean };
      let doc = await ctx.entries.create(body.fields, byOf(request));
      await audit(request, ctx, 'create', doc._id, `Created a ${ctx.model.name} entry`);
      await dispatcher.emit(ctx.appId, 'create', ctx.model.name, builderView(ctx.model, doc));
      if (body.publish) {
        doc = await ctx.entries.publish(doc._id);
        await dispatcher.emit(ctx.appId, 'publish', ctx.model.name, builderView(ctx.model, doc));
      }
      reply.status(201);
      return builderView(ctx.model, doc);
    },
  );

  app.get(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'One entry (working copy)',
        params: entryParams,
        querystring: {
          type: 'object',
          properties: {
            locale: { type: 'string' },
            populate: { type: 'string' },
            depth: { type: 'integer', minimum: 1, maximum: maxDepth },
          },
        },
        response: { 200: anyObject, ...errors },
      },
    },
    async (request) => {
      const ctx = await open(request, 'viewer');
      const { id } = request.params as { id: string };
      const q = request.query as { locale?: string; populate?: string; depth?: number };
      return getEntry(
        ctx.db,
        ctx.model,
        id,
        {
          status: 'draft',
          includeHidden: true,
          locale: q.locale,
          populate: commaList(q.populate),
          depth: q.depth,
        },
        (n) => loadModel(ctx.db, n),
      );
    },
  );

  app.patch(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'Change fields of an entry (null clears); a new version',
        params: entryParams,
        body: entryBody,
        response: { 200: anyObject, ...errors },
      },
    },
    async (request) => {
      const ctx = await open(request, 'content-editor');
      const { id } = request.params as { id: string };
      const body = request.body as {
        fields: Record<string, unknown>;
        expectedVersion?: number;
        publish?: boolean;
      };
      let doc = await ctx.entries.update(id, body.fields, byOf(request), {
        expectedVersion: body.expectedVersion,
      });
      await audit(request, ctx, 'update', id, `Changed a ${ctx.model.name} entry (version ${doc._version})`);
      await dispatcher.emit(ctx.appId, 'update', ctx.model.name, builderView(ctx.model, doc));
      if (body.publish) {
        doc = await ctx.entries.publish(id);
        await dispatcher.emit(ctx.appId, 'publish', ctx.model.name, builderView(ctx.model, doc));
      }
      return builderView(ctx.model, doc);
    },
  );

  app.delete(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'Delete an entry (and its published copy)',
        params: entryParams,
        response: { 200: anyObject, ...errors },
      },
    },
    async (request) => {
      const ctx = await open(request, 'content-editor');
      const { id } = request.params as { id: string };
      const doc = await ctx.entries.remove(id);
      await app.store
        .platform()
        .collection(SCHEDULES)
        .deleteOne({ _id: `${ctx.appId}:${ctx.model.name}:${id}` });
      await audit(request, ctx, 'delete', id, `Deleted a ${ctx.model.name} entry`);
      await dispatcher.emit(ctx.appId, 'delete', ctx.model.name, builderView(ctx.model, doc));
      return { deleted: true, id };
    },
  );

  for (const action of ['publish', 'unpublish'] as const)
    app.post(
      `${base}/:id/${action}`,
      {
        schema: {
          tags,
          summary: action === 'publish' ? 'Publish the working copy' : 'Withdraw the published copy',
          params: entryParams,
          response: { 200: anyObject, ...errors },
        },
      },
      async (request) => {
        const ctx = await open(request, 'content-editor');
        const { id } = request.params as { id: string };
        const doc = action === 'publish' ? await ctx.entries.publish(id) : await ctx.entries.unpublish(id);
        await audit(
          request,
          ctx,
          action,
          id,
          `${action === 'publish' ? 'Published' : 'Unpublished'} a ${ctx.model.name} entry`,
        );
        await dispatcher.emit(ctx.appId, action, ctx.model.name, builderView(ctx.model, doc));
        return builderView(ctx.model, doc);
      },
    );

  app.post(
    `${base}/:id/schedule`,
    {
      schema: {
        tags,
        summary: 'Publish at a time (null cancels)',
        params: entryParams,
        body: {
          type: 'object',
          required: ['at'],
          additionalProperties: false,
          properties: { at: { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] } },
        },
        response: { 200: anyObject, ...errors },
      },
    },
    async (request) => {
      const ctx = await open(request, 'content-editor');
      const { id } = request.params as { id: string };
      const { at } = request.body as { at: string | null };
      const when = at === null ? null : new Date(at).toISOString();
      const doc = await ctx.entries.schedule(id, when);
      const schedules = app.store.platform().collection(SCHEDULES);
      const key = `${ctx.appId}:${ctx.model.name}:${id}`;
      if (when === null) await schedules.deleteOne({ _id: key });
      else
        await schedules.replaceOne(
          { _id: key },
          { appId: ctx.appId, model: ctx.model.name, entryId: id, at: when },
          { upsert: true },
        );
      await audit(
        request,
        ctx,
        'schedule',
        id,
        when
          ? `Scheduled a ${ctx.model.name} entry for ${when}`
          : `Cancelled the scheduled publication of a ${ctx.model.name} entry`,
      );
      return builderView(ctx.model, doc);
    },
  );

  app.get(
    `${base}/:id/history`,
    {
      schema: {
        tags,
        summary: 'Versions of an entry, newest first',
        params: entryParams,
        response: {
          200: { type: 'object', properties: { data: { type: 'array', items: anyObject } } },
          ...errors,
        },
      },
    },
    async (request) => {
      const ctx = await open(request, 'viewer');
      const { id } = request.params as { id: string };
      return { data: await ctx.entries.history(id) };
    },
  );

  app.post(
    `${base}/:id/history/:version/restore`,
    {
      schema: {
        tags,
        summary: 'Restore an older version as a new version',
        params: {
          type: 'object',
          required: ['appId', 'model', 'id', 'version'],
          properties: { ...entryParams.properties, version: { type: 'integer', minimum: 1 } },
        },
        response: { 200: anyObject, ...errors },
      },
    },
    async (request) => {
      const ctx = await open(request, 'content-editor');
      const { id, version } = request.params as { id: string; version: number };
      const doc = await ctx.entries.restore(id, version, byOf(request));
      await audit(request, ctx, 'restore', id, `Restored version ${version} of a ${ctx.model.name} entry`);
      await dispatcher.emit(ctx.appId, 'update', ctx.model.name, builderView(ctx.model, doc));
      return builderView(ctx.model, doc);
    },
  );
}

// ── tokens and webhooks ──

function registerSettingsRoutes(app: FastifyInstance): void {
  const tokens = '/api/apps/:appId/cms/tokens';
  app.get(
    tokens,
    {
      schema: {
        tags,
        summary: 'CMS API tokens (secrets are never shown again)',
        params: appParams,
        response: { 200: anyObject, ...errors },
      },
    },
    async (request) => {
      const { appId } = request.params as { appId: string };
      await assertAppAccess(request, appId, 'developer');
      const docs = await app.store
        .app(appId)
        .collection<TokenDoc>(TOKENS)
        .find({}, { sort: { createdAt: -1 } })
        .toArray();
      return { data: docs.map(describeToken) };
    },
  );
  app.post(
    tokens,
    {
      schema: {
        tags,
        summary: `Create an API token (sent as the ${tokenHeader} header); the secret is in this answer only`,
        params: appParams,
        body: {
          type: 'object',
          required: ['name', 'scope'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 100 },
            scope: {
              type: 'string',
              enum: ['read', 'full'],
              description: 'read: published entries only; full: drafts and writes',
            },
            expiresAt: { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] },
          },
        },
        response: { 201: anyObject, ...errors },
      },
    },
    async (request, reply) => {
      const { appId } = request.params as { appId: string };
      const access = await assertAppAccess(request, appId, 'developer');
      const body = request.body as { name: string; scope: 'read' | 'full'; expiresAt?: string | null };
      const token = newToken();
      const doc: TokenDoc = {
        _id: timeOrderedId(),
        name: body.name,
        scope: body.scope,
        hash: hashToken(token),
        prefix: token.slice(0, 12),
        expiresAt: body.expiresAt ? new Date(body.expiresAt).toISOString() : null,
        createdAt: new Date().toISOString(),
        createdBy: byOf(request),
      };
      await app.store.app(appId).collection<TokenDoc>(TOKENS).insertOne(doc);
      await recordAudit(request, {
        workspaceId: access.workspaceId,
        action: 'cms.token.create',
        target: { type: 'cms-token', id: `${appId}/${doc._id}` },
        summary: `Created ${body.scope} CMS token "${body.name}"`,
        data: { appId, scope: body.scope, expiresAt: doc.expiresAt },
      });
      reply.status(201);
      return { ...describeToken(doc), token };
    },
  );
  app.delete(
    `${tokens}/:id`,
    {
      schema: {
        tags,
        summary: 'Revoke an API token',
        params: idParams,
        response: { 200: anyObject, ...errors },
      },
    },
    async (request) => {
      const { appId, id } = request.params as { appId: string; id: string };
      const access = await assertAppAccess(request, appId, 'developer');
      const { deletedCount } = await app.store.app(appId).collection(TOKENS).deleteOne({ _id: id });
      if (deletedCount === 0) throw httpError(404, `No token ${id}`);
      await recordAudit(request, {
        workspaceId: access.workspaceId,
        action: 'cms.token.revoke',
        target: { type: 'cms-token', id: `${appId}/${id}` },
        summary: 'Revoked a CMS token',
        data: { appId },
      });
      return { deleted: true };
    },
  );

  const hooks = '/api/apps/:appId/cms/webhooks';
  app.get(
    hooks,
    { schema: { tags, summary: 'Webhooks', params: appParams, response: { 200: anyObject, ...errors } } },
    async (request) => {
      const { appId } = request.params as { appId: string };
      await assertAppAccess(request, appId, 'developer');
      const docs = await app.store
        .app(appId)
        .collection<WebhookDoc>(WEBHOOKS)
        .find({}, { sort: { createdAt: -1 } })
        .toArray();
      return { data: docs.map(({ secret: _s, ...rest }) => ({ ...rest, id: rest._id })) };
    },
  );
  app.post(
    hooks,
    {
      schema: {
        tags,
        summary:
          'Add a webhook: POSTs signed with HMAC-SHA256 (x-tessera-signature: sha256=hex of "<x-tessera-timestamp>.<body>"); the secret is in this answer only',
        params: appParams,
        body: {
          type: 'object',
          required: ['events'],
          additionalProperties: false,
          properties: {
            url: { type: 'string', format: 'uri', pattern: '^https?://', maxLength: 2048 },
            function: {
              type: 'string',
              pattern: '^[a-zA-Z][a-zA-Z0-9_-]{0,63}$',
              description: 'A cloud function of the app to run instead of POSTing to a URL',
            },
            events: { type: 'array', items: { enum: [...webhookEvents] }, minItems: 1, uniqueItems: true },
            models: { type: 'array', items: modelName, maxItems: 100 },
            active: { type: 'boolean', default: true },
          },
        },
        response: { 201: anyObject, ...errors },
      },
    },
    async (request, reply) => {
      const { appId } = request.params as { appId: string };
      const access = await assertAppAccess(request, appId, 'developer');
      const body = request.body as {
        url?: string;
        function?: string;
        events: WebhookEvent[];
        models?: string[];
        active?: boolean;
      };
      if ((body.url === undefined) === (body.function === undefined))
        throw httpError(400, 'body: give either url (an HTTP endpoint) or function (a cloud function name)', [
          { pointer: '/url', message: 'give either url or function' },
        ]);
      const doc: WebhookDoc = {
        _id: timeOrderedId(),
        ...(body.url ? { url: body.url } : { function: body.function }),
        events: body.events,
        ...(body.models ? { models: body.models } : {}),
        secret: newWebhookSecret(),
        active: body.active ?? true,
        createdAt: new Date().toISOString(),
      };
      await app.store.app(appId).collection<WebhookDoc>(WEBHOOKS).insertOne(doc);
      await recordAudit(request, {
        workspaceId: access.workspaceId,
        action: 'cms.webhook.create',
        target: { type: 'cms-webhook', id: `${appId}/${doc._id}` },
        summary: body.url
          ? `Added a webhook to ${new URL(body.url).host}`
          : `Added a webhook to function "${body.function}"`,
        data: { appId, events: body.events },
      });
      reply.status(201);
      return { ...doc, id: doc._id };
    },
  );
  app.delete(
    `${hooks}/:id`,
    {
      schema: {
        tags,
        summary: 'Remove a webhook',
        params: idParams,
        response: { 200: anyObject, ...errors },
      },
    },
    async (request) => {
      const { appId, id } = request.params as { appId: string; id: string };
      const access = await assertAppAccess(request, appId, 'developer');
      const { deletedCount } = await app.store.app(appId).collection(WEBHOOKS).deleteOne({ _id: id });
      if (deletedCount === 0) throw httpError(404, `No webhook ${id}`);
      await recordAudit(request, {
        workspaceId: access.workspaceId,
        action: 'cms.webhook.delete',
        target: { type: 'cms-webhook', id: `${appId}/${id}` },
        summary: 'Removed a webhook',
        data: { appId },
      });
      return { deleted: true };
    },
  );
  app.get(
    `${hooks}/:id/deliveries`,
    {
      schema: {
        tags,
        summary: 'Delivery log of a webhook, newest first',
        params: idParams,
        response: { 200: anyObject, ...errors },
      },
    },
    async (request) => {
      const { appId, id } = request.params as { appId: string; id: string };
      await assertAppAccess(request, appId, 'developer');
      const data = await app.store
        .app(appId)
        .collection<DeliveryDoc>(DELIVERIES)
        .find({ webhookId: id }, { sort: { _id: -1 }, limit: 100 })
        .toArray();
      return { data };
    },
  );
}

// ── media ──

function registerMediaRoutes(app: FastifyInstance): void {
  const base = '/api/apps/:appId/cms/media';
  app.post(
    base,
    {
      schema: {
        tags,
        summary: `Upload a file to the media library (raw body; Content-Type one of ${mediaTypes.join(', ')}; ?name=)`,
        params: appParams,
        querystring: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: { name: { type: 'string', minLength: 1, maxLength: 200 } },
        },
        response: { 201: anyObject, ...errors, 413: errorResponse, 415: errorResponse },
      },
    },
    async (request, reply) => {
      const { appId } = request.params as { appId: string };
      const access = await assertAppAccess(request, appId, 'content-editor');
      const bytes = request.body;
      if (!Buffer.isBuffer(bytes) || bytes.length === 0)
        throw httpError(
          400,
          `Send the file bytes as the body with a Content-Type of ${mediaTypes.join(', ')}`,
        );
      const contentType = String(request.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim();
      const { name } = request.query as { name: string };
      const doc = await storeMedia(
        app.store.app(appId),
        app.appStorage.adapter,
        appId,
        { name, contentType, bytes },
        byOf(request),
      );
      await recordAudit(request, {
        workspaceId: access.workspaceId,
        action: 'cms.media.upload',
        target: { type: 'cms-media', id: `${appId}/${doc._id}` },
        summary: `Uploaded "${name}" to the media library`,
        data: { appId, size: doc.size, contentType },
      });
      reply.status(201);
      return describeMedia(doc, appId);
    },
  );
  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'List and search the media library',
        params: appParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            q: { type: 'string', maxLength: 200, description: 'Part of the file name' },
            type: { type: 'string', maxLength: 100, description: 'Content type prefix, e.g. image/' },
            limit: { type: 'integer', minimum: 1, maximum: maxLimit, default: 50 },
            skip: { type: 'integer', minimum: 0, default: 0 },
          },
        },
        response: { 200: anyObject, ...errors },
      },
    },
    async (request) => {
      const { appId } = request.params as { appId: string };
      await assertAppAccess(request, appId, 'viewer');
      const q = request.query as { q?: string; type?: string; limit: number; skip: number };
      const { data, total } = await listMedia(app.store.app(appId), q);
      return { data: data.map((d) => describeMedia(d, appId)), total };
    },
  );
  app.delete(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'Delete a media file',
        params: idParams,
        response: { 200: anyObject, ...errors },
      },
    },
    async (request) => {
      const { appId, id } = request.params as { appId: string; id: string };
      const access = await assertAppAccess(request, appId, 'content-editor');
      const media = app.store.app(appId).collection<MediaDoc>(MEDIA);
      const doc = await media.findOne({ _id: id });
      if (!doc) throw httpError(404, `No media file ${id}`);
      await app.appStorage.adapter.delete(doc.key);
      await media.deleteOne({ _id: id });
      await recordAudit(request, {
        workspaceId: access.workspaceId,
        action: 'cms.media.delete',
        target: { type: 'cms-media', id: `${appId}/${id}` },
        summary: `Deleted "${doc.name}" from the media library`,
        data: { appId },
      });
      return { deleted: true };
    },
  );
  app.get(
    '/app-api/:appId/cms-media/:id',
    {
      schema: {
        tags,
        summary: 'The bytes of a media file (media is public by id, for published content)',
        params: idParams,
      },
    },
    async (request, reply) => {
      const { appId, id } = request.params as { appId: string; id: string };
      const doc = await app.store.app(appId).collection<MediaDoc>(MEDIA).findOne({ _id: id });
      const file = doc ? await app.appStorage.adapter.get(doc.key) : null;
      if (!doc || !file) throw httpError(404, `No media file ${id}`);
      reply.header('content-type', doc.contentType).header('content-length', String(file.size));
      reply.header('content-disposition', 'inline').header('x-content-type-options', 'nosniff');
      return reply.send(file.body);
    },
  );
}

// ── public API ──

/** Who is reading: public (publicRead models only), a read token, or a full token. */
async function publicCaller(
  app: FastifyInstance,
  request: FastifyRequest,
  model: ContentModel,
  write: boolean,
): Promise<'public' | 'read' | 'full'> {
  const { appId } = request.params as { appId: string };
  const header = request.headers[tokenHeader];
  const token = Array.isArray(header) ? header[0] : header;
  const scope = token ? await tokenScope(app.store.app(appId), token) : 'public';
  if (write && scope !== 'full')
    throw httpError(scope === 'public' ? 401 : 403, 'Writing entries needs a full CMS token');
  if (scope === 'public' && !model.publicRead)
    throw httpError(
      401,
      `Model "${model.name}" is not public: send a CMS token in the ${tokenHeader} header`,
    );
  return scope;
}

function registerPublicRoutes(app: FastifyInstance, dispatcher: WebhookDispatcher): void {
  const base = '/app-api/:appId/cms/:model';
  const context = async (request: FastifyRequest, write = false) => {
    const { appId, model: name } = request.params as { appId: string; model: string };
    const db = app.store.app(appId);
    const model = await requireModel(db, name);
    const scope = await publicCaller(app, request, model, write);
    return { appId, db, model, scope, lookup: (n: string) => loadModel(db, n) };
  };
  const readOptions = (scope: string, requested: Partial<ReadOptions>): Partial<ReadOptions> => {
    if (requested.status === 'draft' && scope !== 'full')
      throw httpError(403, 'Drafts need a full CMS token; public and read tokens see published entries only');
    return { ...requested, status: requested.status ?? 'published', includeHidden: false };
  };

  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'List published entries (query-string form)',
        params: modelParams,
        querystring: listQuerystring,
        response: listReply,
      },
    },
    async (request) => {
      const ctx = await context(request);
      const query = listFromQuerystring(ctx.model, request.query as Record<string, string>);
      return listEntries(ctx.db, ctx.model, readOptions(ctx.scope, query) as ListQuery, ctx.lookup);
    },
  );

  app.post(
    `${base}/query`,
    {
      schema: {
        tags,
        summary: 'List published entries (JSON body form)',
        params: modelParams,
        body: queryBody,
        response: listReply,
      },
    },
    async (request) => {
      const ctx = await context(request);
      const body = (request.body ?? {}) as Partial<ListQuery>;
      return listEntries(ctx.db, ctx.model, readOptions(ctx.scope, body) as ListQuery, ctx.lookup);
    },
  );

  app.get(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'One published entry',
        params: entryParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            locale: listQuerystring.properties.locale,
            status: listQuerystring.properties.status,
            populate: listQuerystring.properties.populate,
            depth: listQuerystring.properties.depth,
            fields: listQuerystring.properties.fields,
          },
        },
        response: { 200: anyObject, ...errors },
      },
    },
    async (request) => {
      const ctx = await context(request);
      const { id } = request.params as { id: string };
      const q = request.query as Record<string, string>;
      const options = readOptions(ctx.scope, {
        ...(q.status ? { status: q.status as 'draft' | 'published' } : {}),
        locale: q.locale,
        populate: commaList(q.populate),
        depth: q.depth === undefined ? undefined : Number(q.depth),
        fields: commaList(q.fields),
      });
      return getEntry(ctx.db, ctx.model, id, options as ReadOptions, ctx.lookup);
    },
  );

  const tokenView = (model: ContentModel, doc: EntryDoc) =>
    shapeEntry(model, doc, { status: 'draft', includeHidden: false });

  app.post(
    base,
    {
      schema: {
        tags,
        summary: 'Create an entry (full token)',
        params: modelParams,
        body: entryBody,
        response: { 201: anyObject, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = await context(request, true);
      const body = request.body as { fields: Record<string, unknown>; publish?: boolean };
      const entries = new CmsEntries(ctx.db, ctx.appId, ctx.model);
      let doc = await entries.create(body.fields, null);
      await dispatcher.emit(ctx.appId, 'create', ctx.model.name, tokenView(ctx.model, doc));
      if (body.publish) {
        doc = await entries.publish(doc._id);
        await dispatcher.emit(ctx.appId, 'publish', ctx.model.name, tokenView(ctx.model, doc));
      }
      reply.status(201);
      return tokenView(ctx.model, doc);
    },
  );

  app.patch(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'Change an entry (full token)',
        params: entryParams,
        body: entryBody,
        response: { 200: anyObject, ...errors },
      },
    },
    async (request) => {
      const ctx = await context(request, true);
      const { id } = request.params as { id: string };
      const body = request.body as {
        fields: Record<string, unknown>;
        expectedVersion?: number;
        publish?: boolean;
      };
      const entries = new CmsEntries(ctx.db, ctx.appId, ctx.model);
      let doc = await entries.update(id, body.fields, null, { expectedVersion: body.expectedVersion });
      await dispatcher.emit(ctx.appId, 'update', ctx.model.name, tokenView(ctx.model, doc));
      if (body.publish) {
        doc = await entries.publish(id);
        await dispatcher.emit(ctx.appId, 'publish', ctx.model.name, tokenView(ctx.model, doc));
      }
      return tokenView(ctx.model, doc);
    },
  );

  app.delete(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'Delete an entry (full token)',
        params: entryParams,
        response: { 200: anyObject, ...errors },
      },
    },
    async (request) => {
      const ctx = await context(request, true);
      const { id } = request.params as { id: string };
      const doc = await new CmsEntries(ctx.db, ctx.appId, ctx.model).remove(id);
      await dispatcher.emit(ctx.appId, 'delete', ctx.model.name, tokenView(ctx.model, doc));
      return { deleted: true, id };
    },
  );
}
