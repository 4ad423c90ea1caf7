import { ARRAY_METHODS, BOOLEAN_METHODS, DATE_METHODS, NUMBER_METHODS, STRING_METHODS } from './methods';
import { isForbiddenKey } from './names';
import { ExpressionRuntimeError } from './runtime-error';

/** Longest string a method such as `repeat` or `padStart` may build. */
export const MAX_STRING_LENGTH = 1_000_000;

// Values an expression must never hold, whatever route it took.
const FORBIDDEN_VALUES: ReadonlySet<unknown> = new Set<unknown>(
  [
    globalThis,
    Function,
    // biome-ignore lint/security/noGlobalEval: listed so expressions can never hold it, not called
    eval,
    Object.getPrototypeOf(async () => {}).constructor,
    Object.getPrototypeOf(function* () {}).constructor,
    Object.getPrototypeOf(async function* () {}).constructor,
    Reflect,
    globalThis.Proxy,
    Object.prototype,
    Function.prototype,
    Array.prototype,
    String.prototype,
    (globalThis as { process?: unknown }).process,
    (globalThis as { require?: unknown }).require,
  ].filter((value) => value !== undefined),
);

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'function':
      return 'a function';
    case 'bigint':
      return 'a big integer';
    case 'symbol':
      return 'a symbol';
    default:
      return value instanceof Date ? 'a date' : 'an object';
  }
}

// the runtime also runs in mini-program engines, so it avoids ES2022+ built-ins such as Object.hasOwn
const ownCheck = Object.prototype.hasOwnProperty;
export function hasOwn(target: unknown, name: string): boolean {
  return ownCheck.call(target, name);
}

/** Refuses values that are globals or code constructors; returns the value otherwise. */
export function checked<T>(value: T): T {
  if (FORBIDDEN_VALUES.has(value))
    throw new ExpressionRuntimeError('expressions cannot reach global objects');
  return value;
}

/** Turns a computed key into the property name JavaScript would use, refusing dangerous names. */
export function key(value: unknown): string {
  if (typeof value === 'symbol') throw new ExpressionRuntimeError('symbols cannot be used as keys');
  const name = typeof value === 'string' ? value : String(value);
  if (isForbiddenKey(name)) throw new ExpressionRuntimeError(`\`${name}\` cannot be read in expressions`);
  return name;
}

function readOne(target: unknown, rawKey: unknown): unknown {
  const name = key(rawKey);
  if (target === null || target === undefined) {
    throw new ExpressionRuntimeError(`cannot read \`${name}\` of ${describe(target)}`);
  }
  if (typeof target === 'function') {
    throw new ExpressionRuntimeError(`cannot read \`${name}\` of a function`);
  }
  // only own properties: inherited ones are methods (reached through calls) or prototype internals
  if (!hasOwn(target, name)) return undefined;
  return checked((target as Record<string, unknown>)[name]);
}

/** Safe member read: `get(a, 'b', 'c')` is `a.b.c`, reading only own properties and refusing forbidden keys. */
export function get(target: unknown, ...keys: unknown[]): unknown {
  let value = target;
  for (const k of keys) value = readOne(value, k);
  return value;
}

function allowedMethods(target: unknown): ReadonlySet<string> | undefined {
  if (Array.isArray(target)) return ARRAY_METHODS;
  if (typeof target === 'string') return STRING_METHODS;
  if (typeof target === 'number') return NUMBER_METHODS;
  if (typeof target === 'boolean') return BOOLEAN_METHODS;
  if (target instanceof Date) return DATE_METHODS;
  return undefined;
}

function checkStringArguments(target: string, name: string, args: unknown[]): void {
  if ((name === 'replace' || name === 'replaceAll' || name === 'split') && args.length > 0) {
    const pattern = args[0];
    if (typeof pattern !== 'string' && !(name === 'split' && pattern === undefined)) {
      throw new ExpressionRuntimeError(`\`${name}\` takes a text pattern, got ${describe(pattern)}`);
    }
  }
  let length = 0;
  if (name === 'repeat') length = target.length * Number(args[0] ?? 0);
  if (name === 'padStart' || name === 'padEnd') length = Number(args[0] ?? 0);
  if (length > MAX_STRING_LENGTH) {
    throw new ExpressionRuntimeError(
      `\`${name}\` would build a text longer than ${MAX_STRING_LENGTH} characters`,
    );
  }
}

// a callback given to a built-in method hands its results to the built-in, so check them there too
function guardCallback(arg: unknown): unknown {
  if (typeof arg !== 'function') return arg;
  const callback = arg as (...args: unknown[]) => unknown;
  return (...args: unknown[]) => checked(Reflect.apply(callback, undefined, args));
}

/** The function `target[name](...)` would run, with its receiver bound, or undefined when absent. */
function findMethod(target: unknown, rawName: unknown): ((...args: unknown[]) => unknown) | undefined {
  const name = key(rawName);
  if (target === null || target === undefined) {
    throw new ExpressionRuntimeError(`cannot call \`${name}\` of ${describe(target)}`);
  }
  if (typeof target === 'function') {
    throw new ExpressionRuntimeError(`cannot call \`${name}\` of a function`);
  }
  if (hasOwn(target, name)) {
    const own = checked((target as Record<string, unknown>)[name]);
    if (own === null || own === undefined) return undefined;
    if (typeof own !== 'function') throw new ExpressionRuntimeError(`\`${name}\` is not a function`);
    return (...args) => checked(Reflect.apply(own, target, args));
  }
  const allowed = allowedMethods(target);
  if (allowed?.has(name)) {
    // sort and reverse would change the array in place; expressions never change data, so they work on a copy
    const copy = name === 'sort' || name === 'reverse' || name === 'toSorted' || name === 'toReversed';
    const builtinName = name === 'toSorted' ? 'sort' : name === 'toReversed' ? 'reverse' : name;
    const builtin = (Object(target) as Record<string, unknown>)[builtinName] as (
      ...args: unknown[]
    ) => unknown;
    return (...args) => {
      if (typeof target === 'string') checkStringArguments(target, name, args);
      const receiver = copy ? Array.prototype.slice.call(target) : target;
      return checked(Reflect.apply(builtin, receiver, args.map(guardCallback)));
    };
  }
  if (name in Object(target)) {
    throw new ExpressionRuntimeError(`\`${name}\` is not an allowed method of ${describe(target)}`);
  }
  return undefined;
}

/** Safe method call `target[name](...args)`: own function properties, or allow-listed methods of the type. */
export function call(target: unknown, name: unknown, args: unknown[]): unknown {
  const method = findMethod(target, name);
  if (!method) {
    throw new ExpressionRuntimeError(`\`${String(name)}\` is not a function of ${describe(target)}`);
  }
  return method(...args);
}

/** For `target.name?.(...)`: the bound method, or undefined when there is none. */
export function method(target: unknown, name: unknown): ((...args: unknown[]) => unknown) | undefined {
  return findMethod(target, name);
}

/** Calls a function value, such as an arrow parameter: `f(x)`. */
export function invoke(fn: unknown, args: unknown[]): unknown {
  if (typeof fn !== 'function') throw new ExpressionRuntimeError(`${describe(fn)} is not a function`);
  return checked(Reflect.apply(checked(fn), undefined, args));
}

/** Optional chaining: `opt(a, (v) => rest)` is undefined when `a` is null or undefined. */
export function opt<T>(value: unknown, rest: (value: unknown) => T): T | undefined {
  return value === null || value === undefined ? undefined : rest(value);
}
