// Runs INSIDE the QuickJS sandbox, bundled in front of every function by bundle.ts.
// It is the only code that talks to the host: through the few functions the worker installs
// (removed from globalThis before user code runs), always exchanging JSON strings.
import type { FunctionContext } from '../types';

interface HostBridge {
  call(capability: string, method: string, argsJson: string): Promise<string>;
  log(level: string, text: string): void;
  setTimer(id: number, ms: number): void;
  clearTimer(id: number): void;
  env: string;
}

type Main = (event: unknown, context: FunctionContext) => unknown;

const g = globalThis as Record<string, unknown>;
const bridge = g.__tessera_bridge as HostBridge;
delete g.__tessera_bridge;
export const env: Readonly<Record<string, string>> = Object.freeze(
  JSON.parse(bridge.env) as Record<string, string>,
);

// Captured now, before user code runs and can replace them.
const stringify = JSON.stringify;
const parse = JSON.parse;
const toStringOf = String;
const ErrorCtor = Error;
const freeze = Object.freeze;

function safeString(value: unknown, limit = 10_000): string {
  try {
    const text = typeof value === 'string' ? value : toStringOf(value);
    return text.length > limit ? `${text.slice(0, limit)}…` : text;
  } catch {
    return '[unprintable value]';
  }
}

function format(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof ErrorCtor)
    return safeString(value.stack ? `${value.name}: ${value.message}\n${value.stack}` : value);
  try {
    const json = stringify(value);
    return json === undefined ? safeString(value) : json;
  } catch {
    return safeString(value);
  }
}

function log(level: string, args: unknown[]) {
  let text = '';
  for (let i = 0; i < args.length; i++) text += (i > 0 ? ' ' : '') + format(args[i]);
  bridge.log(level, text.length > 10_000 ? `${text.slice(0, 10_000)}…` : text);
}

type Console = Record<'log' | 'info' | 'debug' | 'warn' | 'error', (...args: unknown[]) => void>;
const consoleMethods: Record<string, (...args: unknown[]) => void> = {};
for (const method of ['log', 'info', 'debug', 'warn', 'error']) {
  const level = method === 'log' ? 'info' : method;
  consoleMethods[method] = (...args: unknown[]) => log(level, args);
}
export const console = freeze(consoleMethods) as Console;

export class HostError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** Calls a host capability; arguments and result cross as JSON text only. */
export async function callHost(capability: string, method: string, args: unknown[]): Promise<unknown> {
  const argsJson = stringify(args);
  const reply = parse(await bridge.call(capability, method, argsJson)) as
    | { ok: true; value?: unknown }
    | { ok: false; error: { name: string; message: string } };
  if (reply.ok) return reply.value;
  throw new HostError(reply.error.name, reply.error.message);
}

const timers = new Map<number, () => void>();
let nextTimer = 1;

function setTimeout(callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): number {
  if (typeof callback !== 'function') throw new TypeError('setTimeout needs a function');
  const id = nextTimer++;
  timers.set(id, () => callback(...args));
  bridge.setTimer(id, Math.max(0, Number(ms) || 0));
  return id;
}

function clearTimeout(id: number) {
  if (timers.delete(id)) bridge.clearTimer(id);
}

function fireTimer(id: number) {
  const run = timers.get(id);
  timers.delete(id);
  run?.();
}

function describeThrown(thrown: unknown): { name: string; message: string; stack: string } {
  if (thrown instanceof ErrorCtor) {
    return {
      name: safeString(thrown.name, 200),
      message: safeString(thrown.message),
      stack: safeString(thrown.stack ?? '', 20_000),
    };
  }
  let preview: string;
  try {
    preview = stringify(thrown) ?? safeString(thrown);
  } catch {
    preview = safeString(thrown);
  }
  return {
    name: 'NonErrorThrown',
    message: `The function threw a non-Error value: ${safeString(preview, 1000)}`,
    stack: '',
  };
}

g.console = console;
g.setTimeout = setTimeout;
g.clearTimeout = clearTimeout;
g.__tessera_fire_timer = fireTimer;

export function startFunction(module: Record<string, unknown>) {
  const exported =
    module.main ?? (module.default as Record<string, unknown> | undefined)?.main ?? module.default;
  g.__tessera_run = async (eventJson: string, contextJson: string): Promise<string> => {
    try {
      if (typeof exported !== 'function') {
        throw new HostError(
          'NoMainFunction',
          'The function must export `async function main(event, context)` (or set exports.main)',
        );
      }
      const context = parse(contextJson) as FunctionContext;
      const value = await (exported as Main)(parse(eventJson), context);
      let json: string | undefined;
      try {
        json = stringify(value);
      } catch (error) {
        throw new HostError(
          'ResultNotSerializable',
          `The function's result cannot be sent as JSON: ${describeThrown(error).message}`,
        );
      }
      // 'v' + the value's JSON: the worker passes it on without parsing it again.
      return json === undefined ? 'v' : `v${json}`;
    } catch (thrown) {
      return `e${stringify(describeThrown(thrown))}`;
    }
  };
}
