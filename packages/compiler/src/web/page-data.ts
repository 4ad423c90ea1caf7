// A web page is a data file the compiler writes and esbuild never parses:
// `export const data = JSON.parse('…')` beside `export const functions = (rt) => [(scope) => …]`.
// The runtime's pageLoader fetches it with the page's component modules (decisions 155 and 180).
import { type Path, storePaths } from '@tessera/runtime-core';
import { escapeToken, expressionAt, isExpr, isI18n, LOCALE_PATH } from '../values';

/** Marker of the `n`th expression function: `{ "$f": n }`. */
export const FUNCTION_KEY = '$f';
/** Marker of a plain object whose own keys would otherwise read as markers: `{ "$lit": {…} }`. */
export const LITERAL_KEY = '$lit';

/** The expression functions of one page's data file, each written once however often it is used. */
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

/** A record whose own keys would read as a marker, wrapped as `{ "$lit": record }`; others as they are. */
export function escapedKeys(record: Record<string, unknown>): Record<string, unknown> {
  return Object.hasOwn(record, FUNCTION_KEY) || Object.hasOwn(record, LITERAL_KEY)
    ? { [LITERAL_KEY]: record }
    : record;
}

/**
 * The expressions compiled during one build, by scope list and source: pages repeat the same
 * bindings (`state.items`, a repeat's `item.title`), and each is parsed and printed once.
 */
export class CompiledExpressions {
  private readonly byScope = new WeakMap<readonly string[], Map<string, ReturnType<typeof expressionAt>>>();

  compile(source: string, roots: readonly string[], pointer: () => string): ReturnType<typeof expressionAt> {
    let bySource = this.byScope.get(roots);
    if (!bySource) {
      bySource = new Map();
      this.byScope.set(roots, bySource);
    }
    let compiled = bySource.get(source);
    if (!compiled) {
      compiled = expressionAt(source, roots, pointer());
      bySource.set(source, compiled);
    }
    return compiled;
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
  expressions: CompiledExpressions = new CompiledExpressions(),
): { data: unknown; deps: Path[] } {
  const deps: Path[] = [];
  // Keys from `pointer` down to the value being walked: the pointer is spelled out only for an
  // expression (escaping every key of every literal was a tenth of a page's generation time).
  const keys: (string | number)[] = [];
  const here = () =>
    keys.length === 0
      ? pointer
      : `${pointer}/${keys.map((key) => (typeof key === 'number' ? key : escapeToken(key))).join('/')}`;
  // A value with nothing to replace inside comes back as it is (no copy): most of a page is literals.
  const walk = (entry: unknown): unknown => {
    if (entry === null || typeof entry !== 'object') return entry ?? null;
    if (Array.isArray(entry)) {
      let list: unknown[] | undefined;
      for (let i = 0; i < entry.length; i++) {
        keys.push(i);
        const item = walk(entry[i]);
        keys.pop();
        if (item === entry[i]) continue;
        list ??= entry.slice();
        list[i] = item;
      }
      return list ?? entry;
    }
    if (isExpr(entry)) {
      const compiled = expressions.compile(entry.$expr, roots, here);
      deps.push(...storePaths(compiled.references, formId));
      return functions.add(`(scope) => ${compiled.code}`);
    }
    if (isI18n(entry)) {
      if (!deps.includes(LOCALE_PATH)) deps.push(LOCALE_PATH);
      return entry;
    }
    const record = entry as Record<string, unknown>;
    let object: Record<string, unknown> | undefined;
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      keys.push(key);
      const item = walk(record[key]);
      keys.pop();
      if (item === record[key]) continue;
      object ??= { ...record };
      object[key] = item;
    }
    return escapedKeys(object ?? record);
  };
  return { data: walk(value), deps };
}

/**
 * The text of a page's data module. Its expression functions receive the expression runtime as
 * `rt` (compiled expressions call `rt.get`, `rt.call`…), so the module imports nothing.
 */
export function dataModule(data: unknown, functions: PageFunctions): string {
  const list = functions.sources.length > 0 ? `\n  ${functions.sources.join(',\n  ')},\n` : '';
  return `export const data = JSON.parse(${jsonLiteral(data)});\nexport const functions = (rt) => [${list}];\n`;
}

/**
 * The module's `JSON.parse` argument: JSON text as a single-quoted JavaScript string. JSON text has
 * no raw line breaks, so only `\\` and `'` need escaping (a regular expression does it several
 * times faster than a second JSON.stringify, which escapes every `"`).
 */
export const jsonLiteral = (data: unknown) => {
  const json = JSON.stringify(data);
  return `'${json.includes("'") || json.includes('\\') ? json.replace(/[\\']/g, '\\$&') : json}'`;
};
