// Parsing expressions for validation, with a cache: big apps repeat the same bindings many times.
import { type ParseResult, parseExpression } from '@tessera/expr';

const MAX_CACHED = 20_000;
const caches = new Map<string, Map<string, ParseResult>>();

/**
 * parseExpression for one set of roots, memoised by source (big apps repeat the same bindings
 * many times, and the editor revalidates on every change); never throws.
 */
export function expressionParser(scope: readonly string[]): (source: string) => ParseResult {
  const key = scope.join(',');
  let cache = caches.get(key);
  if (!cache) {
    cache = new Map();
    caches.set(key, cache);
  }
  const results = cache;
  return (source) => {
    let result = results.get(source);
    if (!result) {
      try {
        result = parseExpression(source, { scope });
      } catch (error) {
        result = {
          ok: false,
          errors: [{ message: `cannot parse: ${(error as Error).message}`, line: 1, column: 1 }],
        };
      }
      if (results.size >= MAX_CACHED) results.clear();
      results.set(source, result);
    }
    return result;
  };
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

// The scope roots belong to the expression language; one list, in @tessera/expr.
export { RULE_ROOTS, STANDARD_ROOTS } from '@tessera/expr';
