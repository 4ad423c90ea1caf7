// A web page module carries its node tree and descriptor as JSON text (`JSON.parse('…')`), with
// the expressions as a list of functions beside it. esbuild then parses one string instead of
// thousands of object literals (its cost per page fell about threefold), and browsers parse JSON
// faster than the same object literal. See docs/decisions/155-page-data-as-json.md.
import { type Path, storePaths } from '@tessera/runtime-core';
import { escapeToken, expressionAt, isExpr, isI18n, LOCALE_PATH } from '../values';

/** Marker of the `n`th expression function: `{ "$f": n }`. */
export const FUNCTION_KEY = '$f';
/** Marker of a plain object whose own keys would otherwise read as markers: `{ "$lit": {…} }`. */
export const LITERAL_KEY = '$lit';

/** The expression functions of one page module, each written once however often it is used. */
export class PageFunctions {
  readonly sources: string[] = [];
  private readonly indexOf = new Map<string, number>();

  add(source: string): { [FUNCTION_KEY]: number } {
    let index = this.indexOf.get(source);
    if (index === undefined) {
      index = this.sources.push(source) - 1;
      this.indexOf.set(source, index);
    }
    return { [FUNCTION_KEY]: index };
  }
}

/**
 * A schema value (literal, `$i18n`, `$expr`, or any nesting of them) as JSON data for the page
 * module: each expression compiled into `functions` and replaced by its marker. Expression errors
 * become CompileErrors naming `pointer`, line and column.
 */
export function dataValue(
  value: unknown,
  roots: readonly string[],
  pointer: string,
  functions: PageFunctions,
  formId?: string,
): { data: unknown; deps: Path[] } {
  const deps: Path[] = [];
  const walk = (entry: unknown, at: string): unknown => {
    if (isExpr(entry)) {
      const compiled = expressionAt(entry.$expr, roots, at);
      deps.push(...storePaths(compiled.references, formId));
      return functions.add(`(scope) => ${compiled.code}`);
    }
    if (Array.isArray(entry)) return entry.map((item, i) => walk(item, `${at}/${i}`));
    if (entry !== null && typeof entry === 'object') {
      if (isI18n(entry)) {
        if (!deps.includes(LOCALE_PATH)) deps.push(LOCALE_PATH);
        return entry;
      }
      const object: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(entry)) object[key] = walk(item, `${at}/${escapeToken(key)}`);
      return Object.hasOwn(object, FUNCTION_KEY) || Object.hasOwn(object, LITERAL_KEY)
        ? { [LITERAL_KEY]: object }
        : object;
    }
    return entry ?? null;
  };
  return { data: walk(value, pointer), deps };
}

/**
 * The module's `JSON.parse` argument: JSON text as a single-quoted JavaScript string. JSON text has
 * no raw line breaks, so only `\\` and `'` need escaping (a regular expression does it several
 * times faster than a second JSON.stringify, which escapes every `"`).
 */
export const jsonLiteral = (data: unknown) => `'${JSON.stringify(data).replace(/[\\']/g, '\\$&')}'`;
