// What an expression may read where it sits, and the two things the editor does with it:
// inline errors (parse + allow-list from @tessera/expr, then unknown names) and completion.
// Pure: no monaco here, so it is tested in node and shared by every expression field.
import { ALLOWED_METHODS, type ExprReference, parseExpression } from '@tessera/expr';

export type ScopeType = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'any' | 'function';

/** One readable name: a root (state, item...), a member of one, or a helper function. */
export interface ScopeEntry {
  name: string;
  type: ScopeType;
  /** shown beside the completion item (e.g. "number · page state") */
  detail?: string;
  members?: ScopeEntry[];
  /**
   * When set, only `members` exist under this name, and reading another is an error ending
   * with these words: `state.x is not <closed>`.
   */
  closed?: string;
}

export interface ExpressionScope {
  roots: ScopeEntry[];
}

/** A problem in an expression with its 1-based range (end exclusive), for monaco markers. */
export interface ExprDiagnostic {
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

function position(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** Offset in `source` of a 1-based line and column (clamped to the text). */
export function offsetOf(source: string, line: number, column: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const next = source.indexOf('\n', at);
    if (next < 0) return source.length;
    at = next + 1;
  }
  return Math.min(source.length, at + column - 1);
}

/** The word (or one character) starting at an offset: a parse error's highlighted range. */
function spanAt(source: string, offset: number): number {
  const word = /^[A-Za-z0-9_$]+/.exec(source.slice(offset));
  return offset + Math.max(1, word?.[0].length ?? 1);
}

function referenceProblem(ref: ExprReference, scope: ExpressionScope): string | undefined {
  let entry = scope.roots.find((root) => root.name === ref.root);
  let chain = ref.root;
  const names = ref.method === undefined ? ref.path : [...ref.path, ref.method];
  for (const name of names) {
    if (!entry?.closed) return undefined;
    const member: ScopeEntry | undefined = entry.members?.find((m) => m.name === name);
    if (!member) return `${chain}.${name} is not ${entry.closed}`;
    chain = `${chain}.${name}`;
    entry = member;
  }
  return undefined;
}

/**
 * Every problem of an expression in this scope: syntax and allow-list errors from
 * `parseExpression` (with its line and column), then references to names the scope does not
 * have (`state.x is not a state variable of this page`).
 */
export function diagnoseExpression(source: string, scope: ExpressionScope): ExprDiagnostic[] {
  const roots = scope.roots.map((root) => root.name);
  let result: ReturnType<typeof parseExpression>;
  try {
    result = parseExpression(source, { scope: roots });
  } catch (error) {
    return [{ message: (error as Error).message, line: 1, column: 1, endLine: 1, endColumn: 2 }];
  }
  if (!result.ok) {
    return result.errors.map((error) => {
      const start = offsetOf(source, error.line, error.column);
      const end = position(source, spanAt(source, start));
      return {
        message: error.message,
        line: error.line,
        column: error.column,
        endLine: end.line,
        endColumn: end.column,
      };
    });
  }
  const out: ExprDiagnostic[] = [];
  for (const ref of result.references) {
    const problem = referenceProblem(ref, scope);
    if (!problem) continue;
    const start = position(source, ref.start);
    const end = position(source, ref.end);
    out.push({
      message: problem,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
    });
  }
  return out;
}

export interface CompletionItem {
  label: string;
  kind: 'root' | 'member' | 'method' | 'function';
  detail?: string;
}

const METHODS_OF: Partial<Record<ScopeType, readonly string[]>> = {
  array: [...ALLOWED_METHODS.array],
  string: [...ALLOWED_METHODS.string],
  number: [...ALLOWED_METHODS.number],
};

function entryItems(entry: ScopeEntry): CompletionItem[] {
  const items: CompletionItem[] = (entry.members ?? []).map((member) => ({
    label: member.name,
    kind: member.type === 'function' ? 'function' : 'member',
    ...(member.detail ? { detail: member.detail } : { detail: member.type }),
  }));
  if (entry.type === 'array' || entry.type === 'string')
    items.push({ label: 'length', kind: 'member', detail: 'number' });
  for (const method of METHODS_OF[entry.type] ?? [])
    items.push({ label: method, kind: 'method', detail: `${entry.type} method` });
  return items;
}

/**
 * What to offer at `offset`: the roots when a name starts, or the members of the chain before a
 * dot (`state.` → the state variables, `queries.news.` → data, loading, error).
 */
export function completeExpression(
  source: string,
  offset: number,
  scope: ExpressionScope,
): { items: CompletionItem[]; replaceFrom: number } {
  const before = source.slice(0, offset);
  const match = /((?:[A-Za-z_$][\w$]*\??\.)*)([A-Za-z_$][\w$]*)?$/.exec(before);
  const word = match?.[2] ?? '';
  const chainText = match?.[1] ?? '';
  const replaceFrom = offset - word.length;
  // A dot after something that is not a plain name chain (a call, an index): nothing to offer.
  if (!chainText && /[\w$)\]]\??\.$/.test(before.slice(0, replaceFrom))) return { items: [], replaceFrom };
  if (!chainText) {
    return {
      items: scope.roots.map((root) => ({
        label: root.name,
        kind: 'root',
        detail: root.detail ?? root.type,
      })),
      replaceFrom,
    };
  }
  const names = chainText.split(/\??\./).filter(Boolean);
  let entry: ScopeEntry | undefined = scope.roots.find((root) => root.name === names[0]);
  for (const name of names.slice(1)) entry = entry?.members?.find((member) => member.name === name);
  return { items: entry ? entryItems(entry) : [], replaceFrom };
}
