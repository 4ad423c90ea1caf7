import { randomBytes } from 'node:crypto';
import os from 'node:os';
import {
  createFunctionPool,
  type FunctionContext,
  type FunctionPool,
  type InvocationRecord,
  type InvocationResult,
  type ResolvedManifest,
  Scheduler,
} from '@tessera/functions';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { httpError } from '../../errors';
import { errorResponse } from '../../schemas';
import type { AppUser } from '../app-auth/app-user';
import { recordAudit } from '../audit/record';
import { assertAppAccess } from '../builder-auth/guard';
import { capabilitiesFor } from './capabilities';
import {
  type FunctionRecord,
  FunctionRepository,
  functionId,
  type FunctionRepository as Repository,
} from './repository';
import { FunctionSecrets } from './secrets';
import { TRIGGER_QUEUE, TriggerQueue } from './trigger-queue';

const objectId = { type: 'string', pattern: '^[0-9a-f]{24}$' } as const;
const appIdParam = { type: 'string', pattern: '^[a-z][0-9a-z]{0,63}$' } as const;
const nameParam = { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9_-]{0,63}$' } as const;
const fnParams = {
  type: 'object',
  required: ['appId', 'name'],
  properties: { appId: appIdParam, name: nameParam },
} as const;
const appParams = { type: 'object', required: ['appId'], properties: { appId: appIdParam } } as const;
const errors = {
  400: errorResponse,
  401: errorResponse,
  403: errorResponse,
  404: errorResponse,
  429: errorResponse,
} as const;

interface FnParams {
  appId: string;
  name: string;
}

/** What other plugins use to run functions (app-db on document changes, CMS on content events). */
export interface FunctionsService {
  /**
   * Runs every function of the app whose manifest has a matching database or cms trigger; resolves
   * when all ended. Past the trigger depth limit nothing runs: each skipped function gets a log entry.
   */
  fireTrigger(appId: string, trigger: DataTrigger): Promise<InvocationResult[]>;
  /** Runs one function with no app user (CMS webhooks whose target is a function); 404 when it does not exist. */
  run(
    appId: string,
    name: string,
    event: unknown,
    trigger: FunctionContext['trigger'],
  ): Promise<InvocationResult>;
}

export type DataTrigger = (
  | { type: 'database'; collection: string; event: 'insert' | 'update' | 'delete'; document: unknown }
  | {
      type: 'cms';
      model: string;
      event: 'create' | 'update' | 'delete' | 'publish' | 'unpublish';
      entry: unknown;
    }
) & {
  /** Depth of the write that fired this: 0 from apps and builders, n from a function run n levels deep. */
  triggerDepth?: number;
};

declare module 'fastify' {
  interface FastifyInstance {
    functions: FunctionsService;
  }
}

/** Status of a failed invocation as the calling app sees it. */
const STATUS_OF_KIND: Record<string, number> = {
  busy: 429,
  timeout: 504,
  memory: 502,
  thrown: 502,
  syntax: 502,
  crashed: 502,
};

function settings() {
  const number = (name: string, fallback: number) => {
    const value = Number(process.env[name]);
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  return {
    workers: number('TESSERA_FUNCTION_WORKERS', Math.max(1, os.availableParallelism())),
    perAppConcurrency: number('TESSERA_FUNCTION_CONCURRENCY', 8),
    scheduleSyncMs: number('TESSERA_SCHEDULE_SYNC_MS', 5000),
    // A function started by a data change that writes data starts the next level; deeper chains stop.
    maxTriggerDepth: number('TESSERA_FUNCTION_TRIGGER_DEPTH', 3),
    // A database change a stopped process left half-run is run again this long after it took it
    // (the longest function run, 60 s, and a margin); rows are looked for this often.
    triggerLeaseMs: number('TESSERA_FUNCTION_TRIGGER_LEASE_MS', 90_000),
    triggerPollMs: number('TESSERA_FUNCTION_TRIGGER_POLL_MS', 1000),
    nodeModulesDir: process.env.TESSERA_FUNCTION_NODE_MODULES || undefined,
  };
}

/** Cloud functions: deploy (versioned, audited, rollback), invoke from apps, HTTP triggers, logs and schedules. */
export const functionsPlugin: FastifyPluginAsync = fp(
  async (app) => {
    const config = settings();
    const repository = new FunctionRepository(app.store, config.nodeModulesDir);
    const secrets = new FunctionSecrets(app.store, app.secrets.tokenSecret);
    // Worker threads start with the first invocation, so servers that never run a function pay nothing.
    let pool: Promise<FunctionPool> | undefined;
    const getPool = () =>
      (pool ??= createFunctionPool({
        size: config.workers,
        perAppConcurrency: config.perAppConcurrency,
        onInvocation: (record) => {
          repository
            .saveLog(record)
            .catch((error) => app.log.warn({ err: error }, 'could not store a function log'));
        },
      }));

    const invoke = async (
      appId: string,
      name: string,
      event: unknown,
      caller: AppUser | null,
      trigger: FunctionContext['trigger'],
      triggerDepth = 0,
    ): Promise<{ result: InvocationResult; manifest: ResolvedManifest }> => {
      const fn = await repository.get(appId, name);
      if (!fn || fn.activeVersion < 1) throw httpError(404, `App ${appId} has no function "${name}"`);
      const { bundle, manifest } = await repository.bundleOf(appId, name, fn.activeVersion);
      const result = await (await getPool()).invoke({
        appId,
        functionName: name,
        bundle,
        event,
        auth: caller ? { uid: caller.uid, roles: caller.roles, anonymous: caller.anonymous } : null,
        trigger,
        timeoutMs: manifest.timeoutMs,
        memoryMb: manifest.memoryMb,
        // Secrets override plain variables of the same name.
        env: { ...manifest.env, ...(await secrets.values(appId, manifest.secrets)) },
        allowedHosts: manifest.allowedHosts,
        capabilities: capabilitiesFor(app, appId, caller, triggerDepth),
      });
      return { result, manifest };
    };

    const failure = (name: string, result: Extract<InvocationResult, { ok: false }>) =>
      httpError(
        STATUS_OF_KIND[result.error.kind] ?? 502,
        `Function ${name} failed (${result.error.kind}): ${result.error.name}: ${result.error.message}`,
        undefined,
        { requestId: result.requestId, kind: result.error.kind },
      );

    const scheduler = new Scheduler({
      store: app.store,
      holder: `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
      onFire: async (job, tick) => {
        const [fnId, index] = job.id.split('#');
        const slash = fnId?.indexOf('/') ?? -1;
        if (!fnId || slash < 0) return;
        const appId = fnId.slice(0, slash);
        const name = fnId.slice(slash + 1);
        await invoke(appId, name, { scheduledAt: tick.toISOString() }, null, {
          type: 'schedule',
          cron: job.cron,
          index: Number(index),
        });
      },
      onError: (error, job) =>
        app.log.warn({ err: error, job: job.id }, 'scheduled function failed to start'),
    });
    const syncSchedules = async () => {
      const wanted = new Map<string, { cron: string; timezone?: string }>();
      for (const fn of await repository.scheduled()) {
        fn.manifest.triggers.forEach((trigger, i) => {
          if (trigger.type === 'schedule')
            wanted.set(`${fn._id}#${i}`, {
              cron: trigger.cron,
              ...(trigger.timezone ? { timezone: trigger.timezone } : {}),
            });
        });
      }
      for (const id of scheduler.scheduled) if (!wanted.has(id)) scheduler.unschedule(id);
      for (const [id, job] of wanted) {
        const current = scheduledJobs.get(id);
        if (current?.cron === job.cron && current.timezone === job.timezone) continue;
        scheduler.schedule({ id, ...job });
        scheduledJobs.set(id, job);
      }
      for (const id of [...scheduledJobs.keys()]) if (!wanted.has(id)) scheduledJobs.delete(id);
    };
    const scheduledJobs = new Map<string, { cron: string; timezone?: string }>();
    const resync = () =>
      syncSchedules().catch((error) => app.log.warn({ err: error }, 'could not load function schedules'));
    // Other processes deploy too: pick up their schedules periodically.
    const syncTimer = setInterval(resync, config.scheduleSyncMs);
    syncTimer.unref();
    app.addHook('onReady', async () => {
      await syncSchedules();
    });
    // Runs started by writes and CMS events: close waits for them, so no invocation outlives the pool.
    const running = new Set<Promise<unknown>>();
    const track = (work: Promise<unknown>) => {
      running.add(work);
      void work.finally(() => running.delete(work));
    };
    app.addHook('onClose', async () => {
      clearInterval(syncTimer);
      if (pool) await (await pool).close();
    });

    const subscribers = new TriggerSubscribers(repository);
    const fireTrigger = async (appId: string, trigger: DataTrigger): Promise<InvocationResult[]> => {
      const { type, event, triggerDepth: writeDepth = 0, ...rest } = trigger;
      const names = await subscribers.matching(appId, trigger);
      if (names.length === 0) return [];
      const depth = writeDepth + 1;
      const where = type === 'database' ? { collection: trigger.collection } : { model: trigger.model };
      const context = { type, event, ...where, depth };
      if (depth > config.maxTriggerDepth) {
        await Promise.all(names.map((name) => repository.saveLog(skipped(appId, name, context, config))));
        return [];
      }
      return Promise.all(
        names.map((name) =>
          invoke(appId, name, { event, ...rest }, null, context, depth).then((run) => run.result),
        ),
      );
    };
    // A watched write is acknowledged once its change is queued in the store (trigger-queue.ts).
    const queue = new TriggerQueue(
      app.store,
      { leaseMs: config.triggerLeaseMs, pollMs: config.triggerPollMs },
      async (row) => {
        try {
          await fireTrigger(row.appId, {
            type: 'database',
            collection: row.collection,
            event: row.event,
            document: row.document,
            triggerDepth: row.triggerDepth,
          });
        } catch (error) {
          // A function deleted (or deactivated) meanwhile has nothing to run; anything else (the
          // store, the pool) leaves the row to be tried again after its lease.
          if ((error as { statusCode?: number }).statusCode !== 404) throw error;
          app.log.warn({ err: error }, 'a database trigger found no function to run');
        }
      },
      (message) => app.log.warn(message),
    );
    app.addHook('onReady', async () => {
      await app.store.platform().collection(TRIGGER_QUEUE).createIndex({ at: 1 });
      queue.start();
    });
    // Before the store closes (onClose hooks of the app run after), the runs under way finish.
    app.addHook('preClose', async () => {
      scheduler.stop();
      await Promise.allSettled([...running, queue.close()]);
    });
    app.onAppDataChange(async (change) => {
      if (!subscribers.mayWatch(change.appId, 'database', change.collection)) return;
      if ((await subscribers.matching(change.appId, { type: 'database', ...change })).length === 0) return;
      // Updates are read now, before a later write of the same caller can change them.
      await queue.record({
        appId: change.appId,
        collection: change.collection,
        event: change.event,
        documents: await change.documents(),
        triggerDepth: change.triggerDepth,
      });
    });
    app.decorate('functions', {
      fireTrigger: (appId, trigger) => {
        const work = fireTrigger(appId, trigger);
        track(work.catch(() => undefined));
        return work;
      },
      async run(appId, name, event, trigger) {
        const work = invoke(appId, name, event, null, trigger, 1).then((run) => run.result);
        track(work.catch(() => undefined));
        return work;
      },
    } satisfies FunctionsService);

    builderRoutes(app, repository, subscribers, resync, invoke, failure);
    secretRoutes(app, secrets);
    appRoutes(app, repository, invoke, failure);
  },
  { name: 'functions', dependencies: ['app-auth', 'app-db', 'storage'] },
);

/** The log entry of a function a trigger did not run (the chain of triggers went too deep). */
function skipped(
  appId: string,
  functionName: string,
  trigger: FunctionContext['trigger'] & { depth: number },
  config: { maxTriggerDepth: number },
): InvocationRecord {
  return {
    appId,
    functionName,
    bundleHash: '',
    trigger,
    status: 'skipped',
    requestId: randomBytes(8).toString('hex'),
    logs: [
      {
        level: 'warn',
        message: `Not run: this ${trigger.type} trigger is ${trigger.depth} levels deep (functions writing data that triggers functions); the limit is ${config.maxTriggerDepth} (TESSERA_FUNCTION_TRIGGER_DEPTH)`,
        at: 0,
      },
    ],
    durationMs: 0,
    memoryBytes: 0,
    startedAt: new Date().toISOString(),
  };
}

/**
 * Which functions of an app listen to database and CMS events, cached briefly so a write to a
 * collection nobody watches costs no store query (deploys elsewhere are seen within `ttlMs`).
 */
class TriggerSubscribers {
  private readonly cache = new Map<string, { at: number; functions: FunctionRecord[] }>();

  constructor(
    private readonly repository: Repository,
    private readonly ttlMs = 2000,
  ) {}

  forget(appId: string): void {
    this.cache.delete(appId);
  }

  /** False only when the cache knows that no function watches this collection (or model). */
  mayWatch(appId: string, type: 'database' | 'cms', name: string): boolean {
    const known = this.cache.get(appId);
    if (!known || Date.now() - known.at > this.ttlMs) return true;
    return known.functions.some((fn) =>
      fn.manifest.triggers.some(
        (t) =>
          t.type === type && (t.type === 'database' ? t.collection === name : !t.model || t.model === name),
      ),
    );
  }

  async matching(
    appId: string,
    trigger:
      | { type: 'database'; collection: string; event: string }
      | { type: 'cms'; model: string; event: string },
  ): Promise<string[]> {
    let known = this.cache.get(appId);
    if (!known || Date.now() - known.at > this.ttlMs) {
      const functions = (await this.repository.list(appId)).filter((fn) => fn.activeVersion > 0);
      known = { at: Date.now(), functions };
      this.cache.set(appId, known);
    }
    return known.functions
      .filter((fn) =>
        fn.manifest.triggers.some((t) =>
          trigger.type === 'database'
            ? t.type === 'database' &&
              t.collection === trigger.collection &&
              (!t.events || (t.events as string[]).includes(trigger.event))
            : t.type === 'cms' &&
              (!t.model || t.model === trigger.model) &&
              (!t.events || (t.events as string[]).includes(trigger.event)),
        ),
      )
      .map((fn) => fn.name);
  }
}

type Invoke = (
  appId: string,
  name: string,
  event: unknown,
  caller: AppUser | null,
  trigger: FunctionContext['trigger'],
  triggerDepth?: number,
) => Promise<{ result: InvocationResult; manifest: ResolvedManifest }>;
type Failure = (name: string, result: Extract<InvocationResult, { ok: false }>) => Error;

function builderRoutes(
  app: FastifyInstance,
  repository: Repository,
  subscribers: TriggerSubscribers,
  resync: () => void,
  invoke: Invoke,
  failure: Failure,
) {
  const tags = ['functions'];

  app.put<{ Params: FnParams; Body: { manifest: unknown; files: Record<string, string> } }>(
    '/api/apps/:appId/functions/:name',
    {
      schema: {
        tags,
        summary: 'Deploy a function (a new version, made active)',
        params: fnParams,
        body: {
          type: 'object',
          required: ['manifest', 'files'],
          additionalProperties: false,
          properties: {
            manifest: { type: 'object' },
            files: { type: 'object', additionalProperties: { type: 'string' } },
          },
        },
      },
    },
    async (request, reply) => {
      const access = await assertAppAccess(request, request.params.appId, 'developer');
      const { appId, name } = request.params;
      const version = await repository.deploy(appId, name, request.body, request.builder?.accountId ?? null);
      await recordAudit(request, {
        workspaceId: access.workspaceId,
        action: 'function.deploy',
        target: { type: 'function', id: functionId(appId, name) },
        summary: `Deployed function "${name}" as version ${version.version}`,
        data: { appId, name, version: version.version, hash: version.hash },
      });
      resync();
      subscribers.forget(appId);
      return reply
        .code(201)
        .send({ name, version: version.version, hash: version.hash, sizeBytes: version.sizeBytes });
    },
  );

  app.get<{ Params: { appId: string } }>(
    '/api/apps/:appId/functions',
    { schema: { tags, summary: 'Functions of an app', params: appParams } },
    async (request) => {
      await assertAppAccess(request, request.params.appId, 'viewer');
      const list = await repository.list(request.params.appId);
      return {
        functions: list.map(({ name, activeVersion, latestVersion, manifest, updatedAt }) => ({
          name,
          activeVersion,
          latestVersion,
          manifest,
          updatedAt,
        })),
      };
    },
  );

  app.get<{ Params: FnParams }>(
    '/api/apps/:appId/functions/:name',
    { schema: { tags, summary: 'A function with its versions', params: fnParams } },
    async (request) => {
      await assertAppAccess(request, request.params.appId, 'viewer');
      const fn = await repository.get(request.params.appId, request.params.name);
      if (!fn) throw httpError(404, `App ${request.params.appId} has no function "${request.params.name}"`);
      const versions = await repository.listVersions(request.params.appId, request.params.name);
      return {
        name: fn.name,
        activeVersion: fn.activeVersion,
        manifest: fn.manifest,
        versions: versions.map(({ version, hash, sizeBytes, deployedAt, deployedBy }) => ({
          version,
          hash,
          sizeBytes,
          deployedAt,
          deployedBy,
        })),
      };
    },
  );

  app.get<{ Params: FnParams & { version: number } }>(
    '/api/apps/:appId/functions/:name/versions/:version/source',
    {
      schema: {
        tags,
        summary: 'The manifest and source files of a deployed version (to edit and deploy again)',
        params: {
          type: 'object',
          required: ['appId', 'name', 'version'],
          properties: { ...fnParams.properties, version: { type: 'integer', minimum: 1 } },
        },
      },
    },
    async (request) => {
      await assertAppAccess(request, request.params.appId, 'developer');
      const { appId, name, version } = request.params;
      return repository.sourceOf(appId, name, version);
    },
  );

  app.post<{ Params: FnParams; Body: { version: number } }>(
    '/api/apps/:appId/functions/:name/rollback',
    {
      schema: {
        tags,
        summary: 'Make an earlier version active again',
        params: fnParams,
        body: {
          type: 'object',
          required: ['version'],
          additionalProperties: false,
          properties: { version: { type: 'integer', minimum: 1 } },
        },
      },
    },
    async (request) => {
      const access = await assertAppAccess(request, request.params.appId, 'developer');
      const { appId, name } = request.params;
      const fn = await repository.get(appId, name);
      if (!fn) throw httpError(404, `App ${appId} has no function "${name}"`);
      await repository.setActive(appId, name, request.body.version);
      await recordAudit(request, {
        workspaceId: access.workspaceId,
        action: 'function.rollback',
        target: { type: 'function', id: functionId(appId, name) },
        summary: `Rolled function "${name}" back from version ${fn.activeVersion} to ${request.body.version}`,
        data: { appId, name, from: fn.activeVersion, to: request.body.version },
      });
      resync();
      subscribers.forget(appId);
      return { name, activeVersion: request.body.version };
    },
  );

  app.get<{ Params: FnParams; Querystring: { limit: number; before?: string; after?: string } }>(
    '/api/apps/:appId/functions/:name/logs',
    {
      schema: {
        tags,
        summary: 'Invocation logs, newest first (`before` pages back, `after` follows new ones)',
        params: fnParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
            before: objectId,
            after: objectId,
          },
        },
      },
    },
    async (request) => {
      await assertAppAccess(request, request.params.appId, 'developer');
      const logs = await repository.listLogs(request.params.appId, request.params.name, request.query);
      return { logs, next: logs.length === request.query.limit ? (logs.at(-1)?._id ?? null) : null };
    },
  );

  app.post<{ Params: FnParams; Body: { event?: unknown } }>(
    '/api/apps/:appId/functions/:name/test',
    {
      schema: {
        tags,
        summary: 'Run the active version with a test event (no app user), returning the full result',
        params: fnParams,
        body: { type: 'object', additionalProperties: false, properties: { event: {} } },
      },
    },
    async (request) => {
      await assertAppAccess(request, request.params.appId, 'developer');
      const { result } = await invoke(
        request.params.appId,
        request.params.name,
        request.body?.event ?? null,
        null,
        { type: 'test' },
      );
      return result;
    },
  );
  void failure;
}

function secretRoutes(app: FastifyInstance, secrets: FunctionSecrets) {
  app.patch<{ Params: { appId: string }; Body: Record<string, string | null> }>(
    '/api/apps/:appId/function-secrets',
    {
      schema: {
        tags: ['functions'],
        summary: "Set (string) or delete (null) secrets of the app's functions; values are never shown again",
        params: appParams,
        body: {
          type: 'object',
          maxProperties: 100,
          additionalProperties: { type: ['string', 'null'], maxLength: 8192 },
        },
      },
    },
    async (request) => {
      const access = await assertAppAccess(request, request.params.appId, 'developer');
      const names = await secrets.update(request.params.appId, request.body);
      await recordAudit(request, {
        workspaceId: access.workspaceId,
        action: 'function.secrets.update',
        target: { type: 'app', id: request.params.appId },
        summary: `Changed function secrets ${Object.keys(request.body).join(', ')}`,
        data: { changed: Object.keys(request.body) },
      });
      return { names };
    },
  );

  app.get<{ Params: { appId: string } }>(
    '/api/apps/:appId/function-secrets',
    {
      schema: {
        tags: ['functions'],
        summary: 'Names of the secrets that are set (never values)',
        params: appParams,
      },
    },
    async (request) => {
      await assertAppAccess(request, request.params.appId, 'developer');
      return { names: await secrets.names(request.params.appId) };
    },
  );
}

function appRoutes(app: FastifyInstance, repository: Repository, invoke: Invoke, failure: Failure) {
  const tags = ['functions (app)'];

  app.post<{ Params: FnParams; Body: { data?: unknown } }>(
    '/app-api/:appId/functions/:name',
    {
      schema: {
        tags,
        summary: 'Call a function as the signed-in app user: { data } → { result }',
        params: fnParams,
        body: { type: 'object', additionalProperties: false, properties: { data: {} } },
        response: { ...errors, 502: errorResponse, 504: errorResponse },
      },
    },
    async (request) => {
      const { appId, name } = request.params;
      const { result } = await invoke(appId, name, request.body?.data ?? null, request.appUser, {
        type: 'sdk',
      });
      if (!result.ok) throw failure(name, result);
      return { result: result.value, requestId: result.requestId };
    },
  );

  // HTTP triggers: /app-api/:appId/http/<path declared in the manifest>
  app.route<{ Params: { appId: string; '*': string } }>({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/app-api/:appId/http/*',
    schema: { tags, summary: 'HTTP trigger of a function (path and methods from its manifest)' },
    handler: async (request, reply) => {
      const { appId } = request.params;
      const path = `/${request.params['*']}`;
      const match = await findHttpTrigger(repository, appId, path, request.method);
      if (!match) throw httpError(404, `No function of app ${appId} answers ${request.method} ${path}`);
      if (!match.public && !request.appUser)
        throw httpError(401, 'Sign in first: this function is not public');
      const event = {
        method: request.method,
        path,
        params: match.params,
        query: request.query,
        headers: visibleHeaders(request),
        body: request.body ?? null,
      };
      const { result } = await invoke(appId, match.name, event, request.appUser, {
        type: 'http',
        path: match.pattern,
      });
      if (!result.ok) throw failure(match.name, result);
      const value = result.value as { statusCode?: unknown; headers?: unknown; body?: unknown } | null;
      if (
        value &&
        typeof value === 'object' &&
        typeof value.statusCode === 'number' &&
        value.statusCode >= 200 &&
        value.statusCode < 600
      ) {
        const headers =
          value.headers && typeof value.headers === 'object'
            ? (value.headers as Record<string, unknown>)
            : {};
        for (const [key, header] of Object.entries(headers)) {
          if (
            /^[a-z0-9-]{1,64}$/i.test(key) &&
            !/^(set-cookie|content-length|transfer-encoding|connection)$/i.test(key)
          ) {
            reply.header(key, String(header));
          }
        }
        return reply
          .code(value.statusCode)
          .send(typeof value.body === 'string' ? value.body : JSON.stringify(value.body ?? null));
      }
      return reply.send(result.value);
    },
  });
}

function visibleHeaders(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.headers)) {
    if (key === 'authorization' || key === 'cookie') continue;
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}

async function findHttpTrigger(repository: Repository, appId: string, path: string, method: string) {
  for (const fn of await repository.list(appId)) {
    if (fn.activeVersion < 1) continue;
    for (const trigger of fn.manifest.triggers) {
      if (trigger.type !== 'http') continue;
      if (trigger.methods && !trigger.methods.includes(method as 'GET')) continue;
      const params = matchPath(trigger.path, path);
      if (params) return { name: fn.name, pattern: trigger.path, params, public: trigger.public === true };
    }
  }
  return undefined;
}

/** `/orders/:id` against `/orders/42` → { id: '42' }; undefined when it does not match. */
function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const g = got[i] as string;
    if (w.startsWith(':')) params[w.slice(1)] = decodeURIComponent(g);
    else if (w !== g) return undefined;
  }
  return params;
}
