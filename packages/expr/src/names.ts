/** Property names that lead to prototypes, constructors or the call stack: refused on every route. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  'constructor',
  '__proto__',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'caller',
  'callee',
  'arguments',
]);

/** Globals people try to reach; named in errors so the refusal reads as deliberate. */
export const FORBIDDEN_GLOBALS: ReadonlySet<string> = new Set([
  'window',
  'globalThis',
  'self',
  'global',
  'eval',
  'Function',
  'process',
  'require',
  'module',
  'exports',
  'document',
  'Reflect',
  'Proxy',
  'Object',
  'constructor',
  'import',
  'fetch',
  'XMLHttpRequest',
  'setTimeout',
  'setInterval',
]);

/** Names that read as constants, not scope roots. */
export const CONSTANTS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ['undefined', undefined],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
]);

/** Methods that change their receiver: refused at compile time with a clear reason. */
export const MUTATING_METHODS: ReadonlySet<string> = new Set([
  'push',
  'pop',
  'shift',
  'unshift',
  'splice',
  'fill',
  'copyWithin',
  'call',
  'apply',
  'bind',
]);

export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Why a scope root name is unusable, or undefined when it is fine. */
export function rootNameProblem(name: string): string | undefined {
  if (!IDENTIFIER.test(name)) return `scope name \`${name}\` is not a plain identifier`;
  if (FORBIDDEN_KEYS.has(name) || FORBIDDEN_GLOBALS.has(name)) return `scope name \`${name}\` is not allowed`;
  if (CONSTANTS.has(name)) return `scope name \`${name}\` is a constant`;
  // `scope.<root>` is read directly in compiled code, so a root must never resolve to Object.prototype
  if (name in Object.prototype) return `scope name \`${name}\` clashes with a built-in property`;
  return undefined;
}

/** Scope roots of bindings in pages (item/index are the default names inside a repeat; locale is the shown language). */
export const STANDARD_ROOTS: readonly string[] = Object.freeze([
  'state',
  'app',
  'params',
  'item',
  'index',
  'queries',
  'auth',
  'event',
  'utils',
  'code',
  'form',
  'locale',
]);

/**
 * Scope roots every expression of an app may read (STANDARD_ROOTS without a repeat's item and
 * index, which nodes name themselves): also the names a repeat's item/index may not take.
 */
export const APP_ROOTS: readonly string[] = Object.freeze(
  STANDARD_ROOTS.filter((root) => root !== 'item' && root !== 'index'),
);

/** Scope roots of security rules. */
export const RULE_ROOTS: readonly string[] = Object.freeze(['auth', 'doc', 'now', 'request']);
