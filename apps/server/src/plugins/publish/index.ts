import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { httpError } from '../../errors';
import { randomId, timeOrderedId } from '../../ids';
import { appParams, errorResponse, idPattern } from '../../schemas';
import { loadApp } from '../apps/drafts';
import { recordAudit } from '../audit/record';
import { assertAppAccess, requireBuilder } from '../builder-auth/guard';
import { publishDir, zipPath } from './artifacts';
import { stopBuildThread } from './build-thread';
import { hostingRoutes } from './hosting';
import { plannedSteps, runPublish } from './pipeline';
import { PublishJobs } from './progress';
import {
  PUBLISH_SITES,
  PUBLISH_TARGETS,
  PUBLISHES,
  type PublishRecord,
  type PublishTarget,
  type PublishView,
  publishSchema,
  publishView,
  type SiteRecord,
} from './records';

/** A running publish without a heartbeat for this long belongs to a server that stopped mid-build. */
const STALE_MS = 60_000;

const publishParams = {
  type: 'object',
  required: ['appId', 'publishId'],
  additionalProperties: false,
  properties: { appId: appParams.properties.appId, publishId: { type: 'string', pattern: idPattern } },
} as const;

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };

/**
 * Publishing: builds the saved draft for web, mini-program and app (step by step, with progress
 * over SSE), keeps the artifacts on disk, serves the active web build at `/sites/:appId/` and
 * rolls back to an earlier one. See README.md in this folder.
 */
export const publishPlugin: FastifyPluginAsync = async (app) => {
  const publishes = () => app.store.platform().collection<PublishRecord>(PUBLISHES);
  const sites = () => app.store.platform().collection<SiteRecord>(PUBLISH_SITES);
  await publishes().createIndex({ appId: 1, _id: -1 });
  const jobs = new PublishJobs();
  // Tells this process's publishes from those of other processes (or of an earlier run of this one).
  const runner = randomId();
  const streams = new Set<FastifyReply>();
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.raw.end();
  });
  app.addHook('onClose', async () => {
    // Builds under way may finish (the store closes after this hook), but a stop waits 30 s at most:
    // a publish cut short is failed by the next process (`settled`).
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      jobs.drain(),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, 30_000);
      }),
    ]);
    clearTimeout(timer);
    await stopBuildThread();
  });

  const activeId = async (appId: string) => (await sites().findOne({ _id: appId }))?.publishId ?? null;

  /** A publish whose server stopped mid-build would stay 'running' forever: it is failed instead. */
  const settled = async (record: PublishRecord): Promise<PublishRecord> => {
    if (record.status !== 'running' || jobs.isRunning(record._id)) return record;
    const ownedHere = record.runner === runner;
    if (!ownedHere && Date.now() - Date.parse(record.updatedAt) < STALE_MS) return record;
    const changes = {
      status: 'failed' as const,
      finishedAt: new Date().toISOString(),
      error: {
        message: 'The server stopped while this publish was running; publish again',
        step: null,
        details: [],
      },
    };
    await publishes().updateOne({ _id: record._id, status: 'running' }, { $set: changes });
    return { ...record, ...changes };
  };

  const loadPublish = async (appId: string, publishId: string) => {
    const record = await publishes().findOne({ _id: publishId, appId });
    if (!record) throw httpError(404, `App ${appId} has no publish ${publishId}`);
    return settled(record);
  };

  app.post<{
    Params: { appId: string };
    Body: { targets: PublishTarget[]; note?: string; serverUrl?: string };
  }>(
    '/api/apps/:appId/publish',
    {
      schema: {
        tags: ['publish'],
        summary:
          'Publish the saved draft to web / mini-program / app (developer). Answers 202 at once; follow GET …/publishes/:id or its /events stream',
        params: appParams,
        body: {
          type: 'object',
          required: ['targets'],
          additionalProperties: false,
          properties: {
            targets: {
              type: 'array',
              minItems: 1,
              uniqueItems: true,
              items: { type: 'string', enum: PUBLISH_TARGETS },
            },
            note: { type: 'string', maxLength: 500 },
            serverUrl: {
              type: 'string',
              maxLength: 300,
              pattern: '^https?://[^/?#]+$',
              description:
                'origin the mini-program and app builds call (default: the origin of this request)',
            },
          },
        },
        response: {
          202: { type: 'object', properties: { publish: publishSchema } },
          409: errorResponse,
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const { appId } = request.params;
      const access = await assertAppAccess(request, appId, 'developer');
      const builder = requireBuilder(request);
      const draft = await loadApp(request, appId);
      if (draft.deletedAt) throw httpError(409, 'This app is deleted: restore it before publishing');
      const running = await publishes().find({ appId, status: 'running' }).toArray();
      for (const other of running) {
        if ((await settled(other)).status === 'running')
          throw httpError(409, `Publish ${other._id} of this app is still running; wait for it to end`, [], {
            publishId: other._id,
          });
      }
      const origin = `${request.protocol}://${request.host}`;
      const now = new Date().toISOString();
      // Built in the canonical order whatever order they were asked in.
      const targets = PUBLISH_TARGETS.filter((t) => request.body.targets.includes(t));
      const record: PublishRecord = {
        _id: timeOrderedId(),
        appId,
        workspaceId: access.workspaceId,
        appVersion: draft.version,
        targets,
        note: request.body.note ?? '',
        status: 'running',
        steps: plannedSteps(targets),
        result: null,
        error: null,
        createdAt: now,
        createdBy: builder.accountId,
        createdByEmail: builder.email,
        updatedAt: now,
        runner,
        finishedAt: null,
        serverUrl: request.body.serverUrl ?? origin,
      };
      await publishes().insertOne(record);
      const schema = JSON.parse(draft.schemaJson) as unknown;
      // Shows other processes that this publish is alive while it waits or runs a long step.
      const heartbeat = setInterval(() => {
        // async: a store closing under the timer (it throws at once) must not crash the process
        (async () =>
          publishes().updateOne(
            { _id: record._id, status: 'running' },
            { $set: { updatedAt: new Date().toISOString() } },
          ))().catch(() => undefined);
      }, 10_000);
      heartbeat.unref();
      jobs.start(
        record._id,
        () =>
          runPublish({ request, record: structuredClone(record), schema, origin, jobs }).finally(() =>
            clearInterval(heartbeat),
          ),
        (error) => request.log.error({ err: error, publishId: record._id }, 'publish job crashed'),
      );
      return reply.status(202).send({ publish: publishView(record, null) });
    },
  );

  app.get<{ Params: { appId: string }; Querystring: { limit: number; before?: string } }>(
    '/api/apps/:appId/publishes',
    {
      schema: {
        tags: ['publish'],
        summary: 'Publish history, newest first; `active` marks the web version being served',
        params: appParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
            before: { type: 'string', pattern: idPattern, description: 'only publishes older than this id' },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              publishes: { type: 'array', items: publishSchema },
              activePublishId: { type: ['string', 'null'] },
              nextBefore: { type: ['string', 'null'] },
            },
          },
          ...errors,
        },
      },
    },
    async (request) => {
      const { appId } = request.params;
      await assertAppAccess(request, appId, 'viewer');
      const { limit, before } = request.query;
      const filter: Record<string, unknown> = { appId };
      if (before) filter._id = { $lt: before };
      const found = await publishes()
        .find(filter, { sort: { _id: -1 }, limit: limit + 1 })
        .toArray();
      const page = await Promise.all(found.slice(0, limit).map(settled));
      const active = await activeId(appId);
      return {
        publishes: page.map((record) => publishView(record, active)),
        activePublishId: active,
        nextBefore: found.length > limit ? (page.at(-1)?._id ?? null) : null,
      };
    },
  );

  app.get<{ Params: { appId: string; publishId: string } }>(
    '/api/apps/:appId/publishes/:publishId',
    {
      schema: {
        tags: ['publish'],
        summary: 'One publish: status, steps with progress, result (URL, downloads, sizes) or error',
        params: publishParams,
        response: { 200: { type: 'object', properties: { publish: publishSchema } }, ...errors },
      },
    },
    async (request) => {
      const { appId, publishId } = request.params;
      await assertAppAccess(request, appId, 'viewer');
      const record = await loadPublish(appId, publishId);
      return { publish: publishView(record, await activeId(appId)) };
    },
  );

  app.get<{ Params: { appId: string; publishId: string } }>(
    '/api/apps/:appId/publishes/:publishId/events',
    {
      schema: {
        tags: ['publish'],
        summary:
          'Server-Sent Events: one `data: {publish}` per change (the first is the current state); closes when the publish ends',
        produces: ['text/event-stream'],
        params: publishParams,
      },
    },
    async (request, reply) => {
      const { appId, publishId } = request.params;
      await assertAppAccess(request, appId, 'viewer');
      await loadPublish(appId, publishId);
      streamProgress(request, reply, appId, publishId);
    },
  );

  /** Listens before reading the current state so no change falls in between; repeats are dropped. */
  const streamProgress = (request: FastifyRequest, reply: FastifyReply, appId: string, publishId: string) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    streams.add(reply);
    let last = '';
    let closed = false;
    const send = (view: PublishView) => {
      const text = JSON.stringify(view);
      if (closed || text === last) return;
      last = text;
      res.write(`data: ${text}\n\n`);
    };
    const finish = () => {
      if (closed) return;
      closed = true;
      stop();
      clearInterval(poll);
      streams.delete(reply);
      res.end();
    };
    const stop = jobs.subscribe(publishId, (view, done) => {
      send(view);
      if (done) finish();
    });
    // Another process may run the build: then the store is the only source, read every half second.
    const refresh = async () => {
      const record = await loadPublish(appId, publishId);
      send(publishView(record, await activeId(appId)));
      if (record.status !== 'running') finish();
    };
    let quietTicks = 0;
    const poll = setInterval(() => {
      if (!jobs.isRunning(publishId)) refresh().catch(finish);
      // A comment line now and then keeps proxies from closing a quiet stream (a long compile step).
      if (++quietTicks % 30 === 0 && !closed) res.write(': keep-alive\n\n');
    }, 500);
    request.raw.on('close', finish);
    refresh().catch(finish);
  };

  app.post<{ Params: { appId: string; publishId: string } }>(
    '/api/apps/:appId/publishes/:publishId/activate',
    {
      schema: {
        tags: ['publish'],
        summary: 'Serve this earlier (succeeded, web) publish at /sites/:appId/ again: rollback (developer)',
        params: publishParams,
        response: {
          200: { type: 'object', properties: { publish: publishSchema } },
          409: errorResponse,
          ...errors,
        },
      },
    },
    async (request) => {
      const { appId, publishId } = request.params;
      const access = await assertAppAccess(request, appId, 'developer');
      const builder = requireBuilder(request);
      const record = await loadPublish(appId, publishId);
      if (record.status !== 'succeeded')
        throw httpError(
          409,
          `Publish ${publishId} ${record.status === 'running' ? 'is still running' : 'failed'}: only a succeeded publish can be served`,
        );
      if (!record.targets.includes('web'))
        throw httpError(409, `Publish ${publishId} has no web build (targets: ${record.targets.join(', ')})`);
      const folder = publishDir(app.serverConfig.dataDir, appId, publishId);
      if (!(await stat(folder).catch(() => null)))
        throw httpError(410, `The files of publish ${publishId} are gone from the server; publish again`);
      const previous = await activeId(appId);
      await sites().replaceOne(
        { _id: appId },
        {
          _id: appId,
          publishId,
          workspaceId: access.workspaceId,
          activatedAt: new Date().toISOString(),
          activatedBy: builder.accountId,
        },
        { upsert: true },
      );
      await recordAudit(request, {
        workspaceId: access.workspaceId,
        action: 'app.publish.activate',
        target: { type: 'publish', id: publishId },
        summary: `Now serving publish ${publishId} (version ${record.appVersion}) on the web${previous && previous !== publishId ? ` instead of ${previous}` : ''}`,
        data: { appId, publishId, previous, appVersion: record.appVersion },
      });
      return { publish: publishView(record, publishId) };
    },
  );

  for (const target of ['mp', 'app'] as const) {
    app.get<{ Params: { appId: string; publishId: string } }>(
      `/api/apps/:appId/publishes/:publishId/${target}.zip`,
      {
        schema: {
          tags: ['publish'],
          summary:
            target === 'mp'
              ? 'Download the mini-program project (zip; open the folder in WeChat DevTools)'
              : 'Download the Capacitor app project (zip)',
          produces: ['application/zip'],
          params: publishParams,
        },
      },
      async (request, reply) => {
        const { appId, publishId } = request.params;
        await assertAppAccess(request, appId, 'viewer');
        const record = await loadPublish(appId, publishId);
        if (!record.targets.includes(target))
          throw httpError(
            404,
            `Publish ${publishId} did not build the ${target === 'mp' ? 'mini-program' : 'app'}`,
          );
        if (record.status !== 'succeeded')
          throw httpError(
            409,
            `Publish ${publishId} ${record.status === 'running' ? 'is still running' : 'failed'}: nothing to download`,
          );
        const file = zipPath(publishDir(app.serverConfig.dataDir, appId, publishId), target);
        const facts = await stat(file).catch(() => null);
        if (!facts) throw httpError(410, `The ${target}.zip of publish ${publishId} is gone from the server`);
        return reply
          .type('application/zip')
          .header('content-length', facts.size)
          .header(
            'content-disposition',
            `attachment; filename="${appId}-${target}-v${record.appVersion}.zip"`,
          )
          .header('cache-control', 'private, max-age=3600')
          .send(createReadStream(file));
      },
    );
  }

  hostingRoutes(app);
};
