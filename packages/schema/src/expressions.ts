// Parsing expressions for validation, with a cache: big apps repeat the same bindings many times.
import { type ParseResult, parseExpression } from '@tessera/expr';

const cache = new Map<string, ParseResult>();
const MAX_CACHE = 20_000;

/** parseExpression, memoised by (scope, source); never throws. */
export function parseCached(source: string, scope: readonly string[], scopeKey: string): ParseResult {
  const key = scopeKey + '\u0000' + source;
  let result = cache.get(key);
  if (!result) {
    try {
      result = parseExpression(source, { scope });
    } catch (error) {
      result = {
        ok: false,
        errors: [{ message: `cannot parse: ${(error as Error).message}`, line: 1, column: 1 }],
      };
    }
    if (cache.size >= MAX_CACHE) cache.clear();
    cache.set(key, result);
  }
  return result;
}

/** 1-based line and column of a 0-based offset. */
export function lineColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** The standard roots of the app language, in the order the contract lists them. */
export const STANDARD_ROOTS = [
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
] as const;

/** Roots of security-rule expressions. */
export const RULE_ROOTS = ['auth', 'doc', 'now', 'request'] as const;
