import { type Expression, type Node, Parser, tokTypes } from 'acorn';
import { Checker } from './check';
import { type ExprError, positionOf } from './errors';
import { rootNameProblem } from './names';

/** A static member chain read from the scope: `state.form.name` → root 'state', path ['form', 'name']. */
export interface ExprReference {
  root: string;
  /** Data path after the root; stops at the first computed member and before a called method. */
  path: string[];
  /** Source offsets (0-based, end exclusive) of the chain. */
  start: number;
  end: number;
  /** When the chain is called as a method: `code.orders.total(x)` → path ['orders'], method 'total'. */
  method?: string;
}

export interface ParseOptions {
  /** Names the expression may read (roots), e.g. state, app, params, item, index, queries, utils, code. */
  scope: readonly string[];
}

export type ParseResult =
  | { ok: true; references: ExprReference[]; ast: Node }
  | { ok: false; errors: ExprError[] };

const MAX_LENGTH = 20_000;

const ACORN_OPTIONS = { ecmaVersion: 2022, sourceType: 'module', locations: true } as const;

const checkedScopes = new Set<string>();
/** Each scope list's key, by the list itself: callers pass the same arrays again and again. */
const scopeKeys = new WeakMap<readonly string[], string>();

/** The scope's key (its names, in order) once its names are known to be valid roots. */
function checkedScopeKey(options: ParseOptions): string {
  let scopeKey = scopeKeys.get(options.scope);
  if (scopeKey !== undefined) return scopeKey;
  scopeKey = JSON.stringify(options.scope);
  if (!checkedScopes.has(scopeKey)) {
    for (const name of options.scope) {
      const problem = rootNameProblem(name);
      if (problem) throw new Error(`invalid expression scope: ${problem}`);
    }
    if (checkedScopes.size > 1000) checkedScopes.clear();
    checkedScopes.add(scopeKey);
  }
  // Frozen lists only: a caller could change an unfrozen one after this call.
  if (Object.isFrozen(options.scope)) scopeKeys.set(options.scope, scopeKey);
  return scopeKey;
}

function syntaxError(source: string, error: unknown): ExprError {
  const e = error as { message?: string; pos?: number };
  const offset = typeof e.pos === 'number' ? e.pos : 0;
  let message = String(e.message ?? error).replace(/\s*\(\d+:\d+\)$/, '');
  const statement = /^\s*(if|for|while|do|switch|try|throw|return|let|const|var|break|continue)\b/.exec(
    source,
  );
  if (statement) {
    const keyword = statement[1] as string;
    message = `\`${keyword}\` statements are not allowed; write one expression (use \`a ? b : c\` for choices)`;
    return { message, ...positionOf(source, source.indexOf(keyword)) };
  }
  if (error instanceof RangeError || /stack space/.test(message))
    message = 'the expression is nested too deeply; split it up';
  else if (source.trim() === '') message = 'the expression is empty';
  else if (message === 'Unexpected token' && offset >= source.length)
    message = 'the expression ends too early';
  else message = `${message.charAt(0).toLowerCase()}${message.slice(1)}`;
  return { message, ...positionOf(source, offset) };
}

// acorn's own parseExpressionAt, keeping the parser to see what follows (node ranges exclude parentheses)
interface ExpressionParser {
  nextToken(): void;
  parseExpression(): Expression;
  type: unknown;
  start: number;
}

function parseOne(source: string): { ast: Expression; trailing?: number } {
  const ExpressionParserClass = Parser as unknown as new (
    options: typeof ACORN_OPTIONS,
    input: string,
    start: number,
  ) => ExpressionParser;
  const parser = new ExpressionParserClass(ACORN_OPTIONS, source, 0);
  parser.nextToken();
  const ast = parser.parseExpression();
  return parser.type === tokTypes.eof ? { ast } : { ast, trailing: parser.start };
}

// the same bindings recur across pages and repeats; results are shared, so callers treat them as read-only
const cache = new Map<string, Map<string, ParseResult>>();
let cached = 0;
const CACHE_LIMIT = 2000;

/**
 * Parses one expression and checks it against the allow-list and the scope. Never throws on bad
 * input (only on an invalid scope list). Results are cached and shared: do not change them.
 */
export function parseExpression(source: string, options: ParseOptions): ParseResult {
  const scopeKey = checkedScopeKey(options);
  if (typeof source !== 'string') return parseUncached(source, options);
  let inScope = cache.get(scopeKey);
  const hit = inScope?.get(source);
  if (hit) return hit;
  const result = parseUncached(source, options);
  if (cached >= CACHE_LIMIT) {
    cache.clear();
    cached = 0;
    inScope = undefined;
  }
  if (!inScope) {
    inScope = new Map();
    cache.set(scopeKey, inScope);
  }
  inScope.set(source, result);
  cached++;
  return result;
}

function parseUncached(source: string, options: ParseOptions): ParseResult {
  const roots = options.scope;
  if (typeof source !== 'string') {
    const message = `expected the expression as text, got ${source === null ? 'null' : typeof source}`;
    return { ok: false, errors: [{ message, line: 1, column: 1 }] };
  }
  if (source.length > MAX_LENGTH) {
    const message = `the expression is longer than ${MAX_LENGTH} characters; move the logic into a code block`;
    return { ok: false, errors: [{ message, line: 1, column: 1 }] };
  }
  let parsed: ReturnType<typeof parseOne>;
  try {
    parsed = parseOne(source);
  } catch (error) {
    return { ok: false, errors: [syntaxError(source, error)] };
  }
  const { ast, trailing } = parsed;
  if (trailing !== undefined) {
    const message = 'only one expression is allowed; remove what follows it';
    return { ok: false, errors: [{ message, ...positionOf(source, trailing) }] };
  }
  const checker = new Checker(source, roots);
  checker.visit(ast, new Set());
  if (checker.errors.length > 0) return { ok: false, errors: checker.errors };
  return { ok: true, references: checker.references, ast };
}
