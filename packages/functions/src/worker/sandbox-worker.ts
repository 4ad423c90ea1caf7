// One sandbox worker thread: runs invocations one at a time, each in a fresh QuickJS context.
// The pool bundles this file at start (esbuild) and passes the compiled QuickJS WebAssembly.Module.
import { parentPort, workerData } from 'node:worker_threads';
import {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  type QuickJSContext,
  type QuickJSDeferredPromise,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSWASMModule,
  RELEASE_SYNC,
} from 'quickjs-emscripten';
import { type FromWorker, type GuestErrorKind, type Outcome, SANDBOX, type ToWorker } from './protocol';

const port = parentPort as NonNullable<typeof parentPort>;
const wasmModule = (workerData as { wasmModule: WebAssembly.Module }).wasmModule;
const MB = 1024 * 1024;
// @types/node declares WebAssembly's types but not the global value under lib ES2023 without DOM.
const wasmApi = (
  globalThis as unknown as {
    WebAssembly: { Memory: new (d: { initial: number; maximum: number }) => object };
  }
).WebAssembly;
const BUNDLE_CACHE = 32;

interface Engine {
  module: QuickJSWASMModule;
  memoryMb: number;
  runtime: QuickJSRuntime | undefined;
  runs: number;
}

let engine: Engine | undefined;
const bundles = new Map<string, string>();
let current: Invocation | undefined;
/** A context with the last function already loaded, made while the worker was idle. */
let spare: { inv: Invocation; loadError: Outcome | undefined } | undefined;
let activeDeadline = 0;
const queue: Extract<ToWorker, { type: 'invoke' }>[] = [];

function send(message: FromWorker) {
  port.postMessage(message);
}

// The guest's memory really is bounded only by a capped WebAssembly.Memory: QuickJS's own limit
// refuses big single allocations but lets many small ones add up (quickjs-emscripten #255).
async function engineFor(memoryMb: number): Promise<Engine> {
  if (engine && engine.memoryMb === memoryMb) return engine;
  discardEngine();
  activeDeadline = 0;
  const maximum = (memoryMb + SANDBOX.wasmHeadroomMb) * 16;
  const wasmMemory = new wasmApi.Memory({ initial: Math.min(256, maximum), maximum });
  const module = await newQuickJSWASMModuleFromVariant(
    newVariant(RELEASE_SYNC, {
      wasmModule,
      wasmMemory,
      // Emscripten prints an abort (e.g. freeing a runtime a hostile guest left objects in) to
      // stderr before throwing it; the throw is what we handle (discardEngine), the print is noise.
      emscriptenModule: { printErr: () => {} },
    } as Parameters<typeof newVariant>[1]),
  );
  engine = { module, memoryMb, runtime: undefined, runs: 0 };
  return engine;
}

function discardEngine() {
  const old = spare;
  spare = undefined;
  old?.inv.finish();
  try {
    engine?.runtime?.dispose();
  } catch {
    // A failed disposal leaves the module unusable; dropping it is enough (a new one is made on demand).
  }
  engine = undefined;
}

function retireRuntime() {
  if (!engine?.runtime) return;
  disposeSpare();
  try {
    engine.runtime.dispose();
    engine.runtime = undefined;
    engine.runs = 0;
  } catch {
    discardEngine();
  }
}

class Invocation {
  /** 0 while the context is being prepared ahead of time; capabilities need a real invocation. */
  id = 0;
  readonly pending = new Map<number, QuickJSDeferredPromise>();
  readonly timers = new Map<number, { timeout: NodeJS.Timeout; handle: QuickJSHandle }>();
  private nextCall = 1;
  private logLines = 0;
  private logBytes = 0;
  private wake: (() => void) | undefined;
  private readonly earlyLogs: [string, string][] = [];
  started = Date.now();
  finished = false;

  constructor(
    readonly ctx: QuickJSContext,
    readonly key: string,
  ) {}

  get deadline() {
    return activeDeadline;
  }

  /** Binds a prepared context to the invocation that will use it. */
  claim(id: number, timeoutMs: number, startedAt = Date.now()) {
    this.id = id;
    this.started = startedAt;
    activeDeadline = this.started + timeoutMs;
    for (const [level, message] of this.earlyLogs.splice(0)) this.log(level, message);
  }

  private needsInvocation(what: string) {
    if (this.id === 0)
      throw new Error(`${what} can be used only while main() runs, not at the top level of the module`);
  }

  /** Resolves when a host reply or timer arrives, or the deadline passes. */
  waitForWork(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, Math.max(0, this.deadline - Date.now()));
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  poke() {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  hostCall(capability: string, method: string, argsJson: string): QuickJSHandle {
    this.needsInvocation(capability);
    if (this.pending.size >= SANDBOX.maxPendingHostCalls) {
      throw new RangeError(
        `Too many host calls at once (limit ${SANDBOX.maxPendingHostCalls}); await some before starting more`,
      );
    }
    if (argsJson.length > SANDBOX.maxHostCallBytes) {
      throw new RangeError(
        `The arguments of ${capability}.${method} are larger than ${SANDBOX.maxHostCallBytes / MB} MB`,
      );
    }
    const callId = this.nextCall++;
    const deferred = this.ctx.newPromise();
    this.pending.set(callId, deferred);
    send({ type: 'hostCall', id: this.id, callId, capability, method, argsJson });
    return deferred.handle;
  }

  hostResult(callId: number, replyJson: string) {
    const deferred = this.pending.get(callId);
    if (!deferred || this.finished) return;
    this.pending.delete(callId);
    const reply = this.ctx.newString(replyJson);
    deferred.resolve(reply);
    reply.dispose();
    deferred.dispose();
    this.poke();
  }

  log(level: string, message: string) {
    if (this.id === 0) {
      if (this.earlyLogs.length < 100) this.earlyLogs.push([level, message]);
      return;
    }
    if (this.logLines > SANDBOX.maxLogLines || this.logBytes > SANDBOX.maxLogBytes) return;
    this.logLines++;
    this.logBytes += message.length;
    const over = this.logLines > SANDBOX.maxLogLines || this.logBytes > SANDBOX.maxLogBytes;
    const safeLevel = level === 'debug' || level === 'warn' || level === 'error' ? level : 'info';
    send({
      type: 'log',
      id: this.id,
      level: over ? 'warn' : safeLevel,
      message: over ? '[further log output of this invocation was dropped: limit reached]' : message,
      at: Date.now() - this.started,
    });
  }

  setTimer(timerId: number, ms: number, fire: QuickJSHandle) {
    this.needsInvocation('setTimeout');
    if (this.timers.size >= SANDBOX.maxTimers)
      throw new RangeError(`Too many timers (limit ${SANDBOX.maxTimers})`);
    const delay = Math.min(Math.max(0, ms), 2_147_483_647);
    const handle = fire.dup();
    const timeout = setTimeout(() => {
      this.timers.delete(timerId);
      if (this.finished) return;
      const idHandle = this.ctx.newNumber(timerId);
      const result = this.ctx.callFunction(handle, this.ctx.undefined, idHandle);
      idHandle.dispose();
      handle.dispose();
      if (result.error) result.error.dispose();
      else result.value.dispose();
      this.poke();
    }, delay);
    this.timers.set(timerId, { timeout, handle });
  }

  clearTimer(timerId: number) {
    const timer = this.timers.get(timerId);
    if (!timer) return;
    clearTimeout(timer.timeout);
    timer.handle.dispose();
    this.timers.delete(timerId);
  }

  /** Whether anything could still settle the function's promise. */
  hasWork(): boolean {
    return this.pending.size > 0 || this.timers.size > 0;
  }

  finish() {
    this.finished = true;
    for (const id of [...this.timers.keys()]) this.clearTimer(id);
    for (const deferred of this.pending.values()) deferred.dispose();
    this.pending.clear();
  }
}

function classify(name: string, message: string): GuestErrorKind {
  if (message === 'interrupted') return 'timeout';
  if (message === 'out of memory' || message === 'stack overflow' || message === 'string too long')
    return 'memory';
  if (name === 'SyntaxError') return 'syntax';
  return 'thrown';
}

function errorOutcome(name: string, message: string, stack: string, kind?: GuestErrorKind): Outcome {
  return { ok: false, error: { name, message, stack, kind: kind ?? classify(name, message) } };
}

/** Reads a guest error without running guest code: only own data properties of a real Error are read. */
function readGuestError(
  ctx: QuickJSContext,
  handle: QuickJSHandle,
): { name: string; message: string; stack: string } {
  const read = (key: string) => {
    const value = ctx.getProp(handle, key);
    const text = ctx.typeof(value) === 'string' ? ctx.getString(value) : '';
    value.dispose();
    return text;
  };
  if (ctx.typeof(handle) !== 'object')
    return { name: 'Error', message: 'The function failed with a non-object error', stack: '' };
  return { name: read('name') || 'Error', message: read('message'), stack: read('stack') };
}

function jsonDepthExceeds(json: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > limit) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}

function readOutcome(replyJson: string): Outcome {
  if (replyJson.length > SANDBOX.maxResultBytes) {
    return errorOutcome(
      'ResultTooLarge',
      `The function's result is larger than ${SANDBOX.maxResultBytes / MB} MB`,
      '',
      'thrown',
    );
  }
  if (jsonDepthExceeds(replyJson, SANDBOX.maxResultDepth + 2)) {
    return errorOutcome(
      'ResultTooDeep',
      `The function's result is nested deeper than ${SANDBOX.maxResultDepth} levels`,
      '',
      'thrown',
    );
  }
  if (replyJson.startsWith('v'))
    return { ok: true, valueJson: replyJson.length > 1 ? replyJson.slice(1) : undefined };
  let error: { name?: unknown; message?: unknown; stack?: unknown } = {};
  try {
    error = JSON.parse(replyJson.slice(1)) as typeof error;
  } catch {
    // Only the sandbox runtime writes this text; a malformed one is reported as a crash below.
  }
  if (!replyJson.startsWith('e') || typeof error.name !== 'string') {
    return errorOutcome('BadResult', 'The sandbox returned an unreadable result', '', 'crashed');
  }
  return errorOutcome(error.name, String(error.message ?? ''), String(error.stack ?? ''));
}

function installBridge(ctx: QuickJSContext, inv: Invocation, envJson: string) {
  const bridge = ctx.newObject();
  const stringArg = (h: QuickJSHandle | undefined) =>
    h && ctx.typeof(h) === 'string' ? ctx.getString(h) : '';
  const fns: Record<string, QuickJSHandle> = {
    call: ctx.newFunction('call', (cap, method, args) =>
      inv.hostCall(stringArg(cap), stringArg(method), stringArg(args)),
    ),
    log: ctx.newFunction('log', (level, text) => {
      inv.log(stringArg(level), stringArg(text));
    }),
    setTimer: ctx.newFunction('setTimer', (id, ms) => {
      const fire = ctx.getProp(ctx.global, '__tessera_fire_timer');
      try {
        if (ctx.typeof(fire) !== 'function') throw new TypeError('timers are unavailable');
        inv.setTimer(id ? ctx.getNumber(id) : 0, ms ? ctx.getNumber(ms) : 0, fire);
      } finally {
        fire.dispose();
      }
    }),
    clearTimer: ctx.newFunction('clearTimer', (id) => {
      inv.clearTimer(id ? ctx.getNumber(id) : 0);
    }),
  };
  for (const [name, fn] of Object.entries(fns)) {
    ctx.setProp(bridge, name, fn);
    fn.dispose();
  }
  const env = ctx.newString(envJson);
  ctx.setProp(bridge, 'env', env);
  env.dispose();
  ctx.setProp(ctx.global, '__tessera_bridge', bridge);
  bridge.dispose();
}

type InvokeMessage = Extract<ToWorker, { type: 'invoke' }>;

function keyOf(message: InvokeMessage): string {
  return `${message.hash}|${message.limits.memoryMb}|${message.envJson}`;
}

function codeFor(message: InvokeMessage): string | undefined {
  const code = message.code ?? bundles.get(message.hash);
  if (code !== undefined) {
    bundles.delete(message.hash);
    bundles.set(message.hash, code);
  }
  while (bundles.size > BUNDLE_CACHE) bundles.delete(bundles.keys().next().value as string);
  return code;
}

/** A fresh context with the function's bundle evaluated, not yet bound to an invocation. */
async function prepare(
  message: InvokeMessage,
  code: string,
  loadBudgetMs = message.limits.timeoutMs,
): Promise<{ inv: Invocation; loadError: Outcome | undefined }> {
  const eng = await engineFor(message.limits.memoryMb);
  eng.runtime ??= eng.module.newRuntime();
  const rt = eng.runtime;
  rt.setMemoryLimit(message.limits.memoryMb * MB);
  rt.setMaxStackSize(SANDBOX.maxStackBytes);
  rt.setInterruptHandler(() => Date.now() > activeDeadline);
  activeDeadline = Date.now() + loadBudgetMs;
  const ctx = rt.newContext();
  const inv = new Invocation(ctx, keyOf(message));
  installBridge(ctx, inv, message.envJson);
  const loaded = ctx.evalCode(code, 'function.js', { type: 'global', strict: true });
  if (!loaded.error) {
    loaded.value.dispose();
    return { inv, loadError: undefined };
  }
  const error = readGuestError(ctx, loaded.error);
  loaded.error.dispose();
  return { inv, loadError: errorOutcome(error.name, error.message, error.stack) };
}

function disposeSpare() {
  const old = spare;
  spare = undefined;
  if (!old) return;
  old.inv.finish();
  try {
    old.inv.ctx.dispose();
  } catch {
    discardEngine();
  }
}

async function prepareSpare(message: InvokeMessage) {
  const code = bundles.get(message.hash);
  if (spare || queue.length > 0 || code === undefined) return;
  try {
    // Ahead-of-time loading must not keep an idle worker busy for long: slow top-level code loads on demand.
    spare = await prepare(message, code, Math.min(message.limits.timeoutMs, SANDBOX.spareLoadBudgetMs));
    if (spare.loadError) disposeSpare();
  } catch {
    spare = undefined;
    discardEngine();
  }
}

async function run(
  message: InvokeMessage,
): Promise<{ outcome: Outcome; memoryBytes: number; healthy: boolean }> {
  const code = codeFor(message);
  if (code === undefined) {
    return {
      outcome: errorOutcome('BundleMissing', 'The worker did not receive the function code', '', 'crashed'),
      memoryBytes: 0,
      healthy: false,
    };
  }
  let prepared = spare?.inv.key === keyOf(message) ? spare : undefined;
  if (prepared) spare = undefined;
  else disposeSpare();
  let outcome: Outcome | undefined;
  let memoryBytes = 0;
  let promise: QuickJSHandle | undefined;
  let inv: Invocation | undefined;
  const eng = await engineFor(message.limits.memoryMb);
  // Making the engine (a cold worker, another memory size) is the sandbox's time, not the function's.
  const startedAt = Date.now();
  send({ type: 'started', id: message.id });
  try {
    prepared ??= await prepare(message, code);
    inv = prepared.inv;
    const { ctx } = inv;
    const rt = eng.runtime as QuickJSRuntime;
    eng.runs++;
    // A context loaded on demand spends part of this invocation's time; a spare one does not.
    inv.claim(message.id, message.limits.timeoutMs, startedAt);
    current = inv;
    outcome = prepared.loadError;
    if (!outcome) {
      const runFn = ctx.getProp(ctx.global, '__tessera_run');
      const eventArg = ctx.newString(message.eventJson);
      const contextArg = ctx.newString(message.contextJson);
      const called = ctx.callFunction(runFn, ctx.undefined, eventArg, contextArg);
      for (const h of [runFn, eventArg, contextArg]) h.dispose();
      if (called.error) {
        const error = readGuestError(ctx, called.error);
        called.error.dispose();
        outcome = errorOutcome(error.name, error.message, error.stack);
      } else promise = called.value;
    }
    while (promise && !outcome) {
      const jobs = rt.executePendingJobs();
      if (jobs.error) {
        const error = readGuestError(ctx, jobs.error);
        jobs.error.dispose();
        if (error.message === 'interrupted' || error.message === 'out of memory')
          outcome = errorOutcome(error.name, error.message, error.stack);
      }
      if (outcome) break;
      const state = ctx.getPromiseState(promise);
      if (state.type === 'fulfilled') {
        const text = ctx.typeof(state.value) === 'string' ? ctx.getString(state.value) : '';
        state.value.dispose();
        outcome = readOutcome(text);
      } else if (state.type === 'rejected') {
        const error = readGuestError(ctx, state.error);
        state.error.dispose();
        outcome = errorOutcome(error.name, error.message, error.stack);
      } else if (Date.now() >= inv.deadline) {
        outcome = errorOutcome(
          'TimeoutError',
          `The function did not finish within ${message.limits.timeoutMs} ms`,
          '',
          'timeout',
        );
      } else if (!inv.hasWork()) {
        outcome = errorOutcome(
          'NeverSettled',
          'The function returned a promise that nothing can settle (no pending host call or timer)',
          '',
          'timeout',
        );
      } else {
        await inv.waitForWork();
      }
    }
    if (!outcome) outcome = errorOutcome('Error', 'The function produced no result', '', 'crashed');
    memoryBytes = measureMemory(rt, ctx);
  } catch (error) {
    // A WebAssembly trap or abort inside QuickJS: this module instance must not be used again.
    const e = error as Error;
    outcome = errorOutcome(
      'SandboxCrashed',
      `The sandbox failed: ${e.message}`,
      '',
      /memory|alloc/i.test(e.message) ? 'memory' : 'crashed',
    );
  } finally {
    inv?.finish();
    current = undefined;
  }
  const healthy = outcome.ok || outcome.error.kind === 'thrown' || outcome.error.name === 'NeverSettled';
  try {
    promise?.dispose();
    inv?.ctx.dispose();
  } catch {
    discardEngine();
    return { outcome, memoryBytes, healthy: false };
  }
  if (!healthy) discardEngine();
  else if (eng.runs >= SANDBOX.runtimeReuse) retireRuntime();
  return { outcome, memoryBytes, healthy };
}

function measureMemory(rt: QuickJSRuntime, ctx: QuickJSContext): number {
  try {
    const usage = rt.computeMemoryUsage();
    const used = ctx.getProp(usage, 'memory_used_size');
    const bytes = ctx.getNumber(used);
    used.dispose();
    usage.dispose();
    return bytes;
  } catch {
    return 0;
  }
}

let draining = false;

async function drain() {
  if (draining) return;
  draining = true;
  while (queue.length > 0) {
    const message = queue.shift() as Extract<ToWorker, { type: 'invoke' }>;
    const { outcome, memoryBytes, healthy } = await run(message);
    send({ type: 'done', id: message.id, outcome, memoryBytes, codeCached: bundles.has(message.hash) });
    // Load the same function into a fresh context now, while idle, so the next call skips parsing.
    if (healthy && queue.length === 0) await new Promise((resolve) => setImmediate(resolve));
    if (healthy && queue.length === 0) await prepareSpare(message);
  }
  draining = false;
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'invoke') {
    queue.push(message);
    void drain();
  } else if (message.type === 'hostResult' && current?.id === message.id) {
    current.hostResult(message.callId, message.replyJson);
  }
});

send({ type: 'ready' });
