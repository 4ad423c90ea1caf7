import { APP_ROOTS, compileExpression, ExpressionError } from '@tessera/expr';
import { type Path, storePaths } from '@tessera/runtime-core';
import { escapeToken } from '@tessera/schema';
import { CompileError } from './errors';

/** Scope roots every expression of an app may read (repeat names are added per node). */
export const BASE_ROOTS: readonly string[] = APP_ROOTS;

/** Store path of the shown locale: every i18n text depends on it, so a locale switch redraws exactly those. */
export const LOCALE_PATH: Path = ['locale'];

export interface CompiledValue {
  /** JavaScript source of the runtime value: JSON, or `(scope) => …` for expressions. */
  code: string;
  /** Store paths the value reads. */
  deps: Path[];
  /** True when the value is an expression (or holds one). */
  dynamic: boolean;
  /** Roots read that are renderer locals (item, index, event, …). */
  locals: string[];
}

export function isExpr(value: unknown): value is { $expr: string } {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    typeof (value as { $expr?: unknown }).$expr === 'string'
  );
}

export function isI18n(value: unknown): value is { $i18n: Record<string, string> } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && '$i18n' in value;
}

/**
 * Compiles a schema value (literal, `$i18n`, `$expr`, or any nesting of them) to JavaScript
 * source. Expression errors become CompileErrors naming `pointer`, line and column.
 */
export function compileValue(
  value: unknown,
  roots: readonly string[],
  pointer: string,
  formId?: string,
): CompiledValue {
  const deps: Path[] = [];
  const locals = new Set<string>();
  let dynamic = false;
  const walk = (entry: unknown, at: string): string => {
    if (isExpr(entry)) {
      dynamic = true;
      const compiled = expressionAt(entry.$expr, roots, at);
      for (const reference of compiled.references)
        if (!BASE_ROOTS.includes(reference.root)) locals.add(reference.root);
      deps.push(...storePaths(compiled.references, formId));
      return `(scope) => ${compiled.code}`;
    }
    if (isI18n(entry) && !deps.includes(LOCALE_PATH)) deps.push(LOCALE_PATH);
    if (Array.isArray(entry)) return `[${entry.map((item, i) => walk(item, `${at}/${i}`)).join(', ')}]`;
    if (entry !== null && typeof entry === 'object' && !isI18n(entry)) {
      const fields = Object.entries(entry).map(
        ([key, item]) => `${JSON.stringify(key)}: ${walk(item, `${at}/${escapeToken(key)}`)}`,
      );
      return `{ ${fields.join(', ')} }`;
    }
    return JSON.stringify(entry ?? null);
  };
  const code = walk(value, pointer);
  return { code, deps, dynamic, locals: [...locals] };
}

/**
 * One expression compiled against the scope roots (one parse: syntax and scope errors and the
 * references); an error becomes a CompileError naming `pointer`, line and column.
 */
export function expressionAt(source: string, roots: readonly string[], pointer: string) {
  try {
    return compileExpression(source, { scope: roots });
  } catch (error) {
    if (error instanceof ExpressionError) throw expressionIssue(pointer, source, error.errors);
    throw error;
  }
}

/** A key as a JSON pointer token (`~` and `/` escaped). */
export { escapeToken };

function expressionIssue(
  pointer: string,
  source: string,
  errors: { message: string; line: number; column: number }[],
) {
  return new CompileError(
    errors.map((error) => ({
      pointer: `${pointer}/$expr`,
      message: `${error.message} (at ${error.line}:${error.column} of \`${source}\`)`,
    })),
  );
}
