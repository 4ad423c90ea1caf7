import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { guardedFetch } from './capabilities/fetch';
import { type Capabilities, CapabilityError, type DbMethod } from './capabilities/types';
import { MANIFEST_DEFAULTS } from './manifest';
import { quickjsWasmModule, sandboxWorkerScript } from './sandbox-script';
import { mapStack } from './stack';
import type {
  FunctionBundle,
  FunctionContext,
  FunctionError,
  InvocationRecord,
  InvocationResult,
  LogEntry,
} from './types';
import { type FromWorker, type Outcome, SANDBOX, type ToWorker } from './worker/protocol';

export interface FunctionPoolOptions {
  /** Worker threads; default: the number of CPU cores. */
  size?: number;
  /** Invocations of one app running at once; more wait in a queue. */
  perAppConcurrency?: number;
  /** Invocations of one app allowed to wait; more are refused with kind 'busy'. */
  perAppQueue?: number;
  /** How long after the timeout a worker stuck in native code is terminated. */
  terminateGraceMs?: number;
  /** Called after every invocation (the server stores these as function logs). */
  onInvocation?: (record: InvocationRecord) => void;
}

export interface InvokeRequest {
  appId: string;
  functionName: string;
  bundle: FunctionBundle;
  event?: unknown;
  auth?: FunctionContext['auth'];
  trigger?: FunctionContext['trigger'];
  requestId?: string;
  timeoutMs?: number;
  memoryMb?: number;
  env?: Record<string, string>;
  allowedHosts?: readonly string[];
  capabilities?: Capabilities;
}

const BUNDLE_CACHE = 32;
/** How long a worker may take to make its QuickJS engine before an invocation's clock starts. */
const ENGINE_START_MS = 10_000;
const DB_METHODS = new Set<DbMethod>([
  'find',
  'findOne',
  'countDocuments',
  'insertOne',
  'insertMany',
  'updateOne',
  'updateMany',
  'deleteOne',
  'deleteMany',
  'findOneAndUpdate',
  'aggregate',
]);

interface Job {
  id: number;
  request: InvokeRequest;
  requestId: string;
  timeoutMs: number;
  started: number;
  startedAt: string;
  logs: LogEntry[];
  abort: AbortController;
  timer?: NodeJS.Timeout;
  finish: (outcome: Outcome, memoryBytes: number) => void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  /** Mirror of the worker's bundle cache (same LRU rule, same order of use), so code is sent only when missing. */
  known: Map<string, true>;
  job?: Job;
}

interface AppLane {
  running: number;
  waiting: (() => void)[];
}

export class FunctionPool {
  private readonly slots: Slot[] = [];
  private readonly idle: Slot[] = [];
  private readonly waitingForSlot: ((slot: Slot | undefined) => void)[] = [];
  private readonly lanes = new Map<string, AppLane>();
  private nextId = 1;
  private closed = false;
  private readonly options: Required<Omit<FunctionPoolOptions, 'onInvocation'>> &
    Pick<FunctionPoolOptions, 'onInvocation'>;

  private constructor(
    private readonly script: string,
    private readonly wasmModule: WebAssembly.Module,
    options: FunctionPoolOptions,
  ) {
    this.options = {
      size: options.size ?? availableParallelism(),
      perAppConcurrency: options.perAppConcurrency ?? 8,
      perAppQueue: options.perAppQueue ?? 100,
      terminateGraceMs: options.terminateGraceMs ?? 250,
      onInvocation: options.onInvocation,
    };
  }

  static async create(options: FunctionPoolOptions = {}): Promise<FunctionPool> {
    const pool = new FunctionPool(await sandboxWorkerScript(), await quickjsWasmModule(), options);
    for (let i = 0; i < pool.options.size; i++) pool.addSlot();
    await Promise.all(pool.slots.map((slot) => slot.ready));
    return pool;
  }

  get size(): number {
    return this.slots.length;
  }

  private addSlot(): Slot {
    const worker = new Worker(this.script, {
      workerData: { wasmModule: this.wasmModule },
      resourceLimits: {
        stackSizeMb: SANDBOX.workerStackSizeMb,
        maxOldGenerationSizeMb: 256,
        maxYoungGenerationSizeMb: 32,
      },
    });
    let markReady: () => void = () => {};
    const slot: Slot = { worker, ready: new Promise((resolve) => (markReady = resolve)), known: new Map() };
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') {
        markReady();
        this.release(slot);
      } else this.onMessage(slot, message);
    });
    worker.on('error', (error) => this.replace(slot, error));
    worker.on('exit', () => this.replace(slot, new Error('worker exited')));
    this.slots.push(slot);
    return slot;
  }

  /** Stops a worker (if still running) and starts a fresh one; its invocation, if any, fails. */
  private replace(slot: Slot, reason: Error, kind: 'timeout' | 'crashed' = 'crashed') {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    this.slots.splice(index, 1);
    const idleIndex = this.idle.indexOf(slot);
    if (idleIndex !== -1) this.idle.splice(idleIndex, 1);
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => {});
    void slot.worker.terminate();
    const job = slot.job;
    slot.job = undefined;
    if (job) {
      const outOfMemory = (reason as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      job.finish(
        kind === 'timeout'
          ? {
              ok: false,
              error: {
                name: 'TimeoutError',
                message: `The function did not finish within ${job.timeoutMs} ms and was stopped`,
                stack: '',
                kind,
              },
            }
          : {
              ok: false,
              error: {
                name: 'SandboxCrashed',
                message: `The sandbox stopped unexpectedly: ${reason.message}`,
                stack: '',
                kind: outOfMemory ? 'memory' : kind,
              },
            },
        0,
      );
    }
    if (!this.closed) this.addSlot();
  }

  private release(slot: Slot) {
    if (!this.slots.includes(slot)) return;
    const next = this.waitingForSlot.shift();
    if (next) next(slot);
    else this.idle.push(slot);
  }

  /** An idle worker, or undefined when the pool closed while waiting. */
  private acquire(): Promise<Slot | undefined> {
    const slot = this.idle.shift();
    if (slot) return Promise.resolve(slot);
    return new Promise((resolve) => this.waitingForSlot.push(resolve));
  }

  /** Stops the worker if `job` is still its invocation after `ms` (a loop the interrupt cannot reach). */
  private stopAfter(slot: Slot, job: Job, ms: number) {
    clearTimeout(job.timer);
    job.timer = setTimeout(() => {
      if (slot.job === job) this.replace(slot, new Error('timeout'), 'timeout');
    }, ms);
  }

  private onMessage(slot: Slot, message: FromWorker) {
    const job = slot.job;
    if (!job || message.type === 'ready' || message.id !== job.id) return;
    if (message.type === 'started') {
      this.stopAfter(slot, job, job.timeoutMs + this.options.terminateGraceMs);
    } else if (message.type === 'log') {
      job.logs.push({ level: message.level, message: message.message, at: message.at });
    } else if (message.type === 'hostCall') {
      void this.serveHostCall(job, message).then((replyJson) => {
        if (slot.job === job)
          slot.worker.postMessage({
            type: 'hostResult',
            id: job.id,
            callId: message.callId,
            replyJson,
          } satisfies ToWorker);
      });
    } else if (message.type === 'done') {
      slot.job = undefined;
      if (!message.codeCached) slot.known.delete(job.request.bundle.hash);
      job.finish(message.outcome, message.memoryBytes);
      this.release(slot);
    }
  }

  private async serveHostCall(job: Job, call: Extract<FromWorker, { type: 'hostCall' }>): Promise<string> {
    try {
      const args = JSON.parse(call.argsJson) as unknown;
      if (!Array.isArray(args))
        throw new CapabilityError('BadRequest', 'capability arguments must be an array');
      const value = await this.dispatch(job, call.capability, call.method, args);
      return JSON.stringify({ ok: true, value: value ?? null });
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      return JSON.stringify({ ok: false, error: { name: e.name || 'Error', message: e.message } });
    }
  }

  private dispatch(job: Job, capability: string, method: string, args: unknown[]): Promise<unknown> {
    const { capabilities = {}, allowedHosts = [] } = job.request;
    const missing = () =>
      new CapabilityError('CapabilityUnavailable', `${capability} is not available to this function`);
    switch (capability) {
      case 'db': {
        const [target, ...rest] = args as [
          { collection?: unknown; bypassRules?: unknown } | undefined,
          ...unknown[],
        ];
        if (!capabilities.db) throw missing();
        if (!DB_METHODS.has(method as DbMethod))
          throw new CapabilityError('BadRequest', `db has no method ${method}`);
        if (typeof target?.collection !== 'string')
          throw new CapabilityError('BadRequest', 'db calls need a collection name');
        return capabilities.db({
          method: method as DbMethod,
          collection: target.collection,
          bypassRules: target.bypassRules === true,
          args: rest,
        });
      }
      case 'storage':
        if (!capabilities.storage) throw missing();
        if (!['read', 'write', 'remove', 'list', 'url'].includes(method))
          throw new CapabilityError('BadRequest', `storage has no method ${method}`);
        return capabilities.storage({ method: method as 'read', args });
      case 'cms':
        if (!capabilities.cms) throw missing();
        if (method !== 'list' && method !== 'get')
          throw new CapabilityError('BadRequest', `cms has no method ${method}`);
        return capabilities.cms({ method, args });
      case 'fetch': {
        const [url, init] = args as [unknown, Record<string, unknown> | undefined];
        return guardedFetch(String(url), (init ?? {}) as { method?: string }, allowedHosts, job.abort.signal);
      }
      default:
        throw new CapabilityError('CapabilityUnavailable', `unknown capability ${capability}`);
    }
  }

  private async enterLane(appId: string): Promise<boolean> {
    let lane = this.lanes.get(appId);
    if (!lane) {
      lane = { running: 0, waiting: [] };
      this.lanes.set(appId, lane);
    }
    if (lane.running < this.options.perAppConcurrency) {
      lane.running++;
      return true;
    }
    if (lane.waiting.length >= this.options.perAppQueue) return false;
    const entered = lane;
    await new Promise<void>((resolve) => entered.waiting.push(resolve));
    return true;
  }

  private leaveLane(appId: string) {
    const lane = this.lanes.get(appId);
    if (!lane) return;
    const next = lane.waiting.shift();
    if (next) next();
    else if (--lane.running === 0) this.lanes.delete(appId);
  }

  /** Runs a function once. Never throws for anything the function does; the result says what happened. */
  async invoke(request: InvokeRequest): Promise<InvocationResult> {
    const requestId = request.requestId ?? randomUUID();
    const started = Date.now();
    const startedAt = new Date(started).toISOString();
    if (this.closed) throw new Error('The function pool is closed');
    if (!(await this.enterLane(request.appId))) {
      return this.settle(request, requestId, started, startedAt, [], 0, {
        ok: false,
        error: {
          name: 'TooManyInvocations',
          message: `App ${request.appId} already has ${this.options.perAppConcurrency} function invocations running and ${this.options.perAppQueue} waiting; try again later`,
          stack: '',
          kind: 'busy',
        },
      });
    }
    try {
      const slot = await this.acquire();
      if (!slot) {
        return this.settle(request, requestId, started, startedAt, [], 0, {
          ok: false,
          error: { name: 'PoolClosed', message: 'The function pool was closed', stack: '', kind: 'crashed' },
        });
      }
      return await this.runOn(slot, request, requestId, started, startedAt);
    } finally {
      this.leaveLane(request.appId);
    }
  }

  private runOn(
    slot: Slot,
    request: InvokeRequest,
    requestId: string,
    started: number,
    startedAt: string,
  ): Promise<InvocationResult> {
    const timeoutMs = request.timeoutMs ?? MANIFEST_DEFAULTS.timeoutMs;
    const memoryMb = request.memoryMb ?? MANIFEST_DEFAULTS.memoryMb;
    const context: FunctionContext = {
      appId: request.appId,
      requestId,
      auth: request.auth ?? null,
      trigger: request.trigger ?? { type: 'sdk' },
      functionName: request.functionName,
    };
    return new Promise((resolve) => {
      const job: Job = {
        id: this.nextId++,
        request,
        requestId,
        timeoutMs,
        started,
        startedAt,
        logs: [],
        abort: new AbortController(),
        finish: (outcome, memoryBytes) => {
          clearTimeout(job.timer);
          job.abort.abort();
          resolve(
            this.settle(
              request,
              requestId,
              started,
              startedAt,
              job.logs,
              memoryBytes,
              this.toResultOutcome(outcome, request.bundle),
            ),
          );
        },
      };
      const hash = request.bundle.hash;
      const known = slot.known.has(hash);
      slot.known.delete(hash);
      slot.known.set(hash, true);
      while (slot.known.size > BUNDLE_CACHE) slot.known.delete(slot.known.keys().next().value as string);
      let eventJson: string;
      try {
        eventJson = JSON.stringify(request.event ?? null);
      } catch (error) {
        this.release(slot);
        job.finish(
          {
            ok: false,
            error: {
              name: 'BadEvent',
              message: `The event cannot be sent as JSON: ${(error as Error).message}`,
              stack: '',
              kind: 'thrown',
            },
          },
          0,
        );
        return;
      }
      slot.job = job;
      // The interrupt handler cannot stop a loop inside a native builtin; terminating the thread can.
      // Until the worker says the invocation started, its engine may still be made (cold start).
      this.stopAfter(slot, job, timeoutMs + this.options.terminateGraceMs + ENGINE_START_MS);
      slot.worker.postMessage({
        type: 'invoke',
        id: job.id,
        hash,
        ...(known ? {} : { code: request.bundle.code }),
        eventJson,
        contextJson: JSON.stringify(context),
        envJson: JSON.stringify(request.env ?? {}),
        limits: { timeoutMs, memoryMb },
      } satisfies ToWorker);
    });
  }

  private toResultOutcome(
    outcome: Outcome,
    bundle: FunctionBundle,
  ): { ok: true; value: unknown } | { ok: false; error: FunctionError } {
    if (outcome.ok) {
      try {
        return { ok: true, value: outcome.valueJson === undefined ? null : JSON.parse(outcome.valueJson) };
      } catch {
        return {
          ok: false,
          error: {
            name: 'BadResult',
            message: 'The function returned text that is not JSON',
            stack: '',
            kind: 'crashed',
          },
        };
      }
    }
    const { name, message, stack, kind } = outcome.error;
    return { ok: false, error: { name, message, kind, stack: mapStack(name, message, stack, bundle) } };
  }

  private settle(
    request: InvokeRequest,
    requestId: string,
    started: number,
    startedAt: string,
    logs: LogEntry[],
    memoryBytes: number,
    outcome: { ok: true; value: unknown } | { ok: false; error: FunctionError },
  ): InvocationResult {
    const durationMs = Date.now() - started;
    const result: InvocationResult = { ...outcome, requestId, logs, durationMs, memoryBytes };
    if (this.options.onInvocation) {
      try {
        this.options.onInvocation({
          appId: request.appId,
          functionName: request.functionName,
          bundleHash: request.bundle.hash,
          trigger: request.trigger ?? { type: 'sdk' },
          requestId,
          startedAt,
          durationMs,
          memoryBytes,
          logs,
          status: outcome.ok ? 'ok' : outcome.error.kind,
          ...(outcome.ok ? {} : { error: outcome.error }),
        });
      } catch {
        // A failing log sink must not turn a finished invocation into a failure.
      }
    }
    return result;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiting of this.waitingForSlot.splice(0)) waiting(undefined);
    for (const lane of this.lanes.values()) for (const waiting of lane.waiting.splice(0)) waiting();
    const slots = this.slots.splice(0);
    this.idle.length = 0;
    await Promise.all(
      slots.map((slot) => {
        slot.worker.removeAllListeners();
        slot.worker.on('error', () => {});
        slot.job?.finish(
          {
            ok: false,
            error: {
              name: 'PoolClosed',
              message: 'The function pool was closed',
              stack: '',
              kind: 'crashed',
            },
          },
          0,
        );
        return slot.worker.terminate();
      }),
    );
  }
}

export function createFunctionPool(options?: FunctionPoolOptions): Promise<FunctionPool> {
  return FunctionPool.create(options);
}
