import {
  type ArrowFunctionExpression,
  type CallExpression,
  type Expression,
  getLineInfo,
  type MemberExpression,
  type Node,
  type ObjectExpression,
  Parser,
  type SpreadElement,
  tokTypes,
} from 'acorn';
import type { ExprError } from './errors';
import { UTIL_NAMES } from './helpers';
import { CONSTANTS, FORBIDDEN_GLOBALS, isForbiddenKey, MUTATING_METHODS, rootNameProblem } from './names';

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

/** Deeper trees are refused so the compiler and evaluator never run out of stack. */
const MAX_DEPTH = 200;
const MAX_LENGTH = 20_000;

const ACORN_OPTIONS = { ecmaVersion: 2022, sourceType: 'module', locations: true } as const;

const REFUSED: Record<string, string> = {
  AssignmentExpression:
    'assignment is not allowed in expressions; they only read data (use a setState action)',
  UpdateExpression: '`++` and `--` are not allowed in expressions; they only read data',
  NewExpression: '`new` is not allowed in expressions',
  ThisExpression: '`this` is not allowed in expressions; read a scope name such as state instead',
  Super: '`super` is not allowed in expressions',
  SequenceExpression: 'only one expression is allowed; remove the comma-separated list',
  AwaitExpression: '`await` is not allowed in expressions',
  YieldExpression: '`yield` is not allowed in expressions',
  ImportExpression: '`import()` is not allowed in expressions',
  MetaProperty: '`import.meta` and `new.target` are not allowed in expressions',
  ClassExpression: 'classes are not allowed in expressions',
  FunctionExpression: '`function` is not allowed in expressions; use an arrow such as `x => x.done`',
  TaggedTemplateExpression: 'tagged templates are not allowed in expressions; use a plain template literal',
  PrivateIdentifier: 'private names (`#x`) are not allowed in expressions',
};

function rootsOf(options: ParseOptions): string[] {
  for (const name of options.scope) {
    const problem = rootNameProblem(name);
    if (problem) throw new Error(`invalid expression scope: ${problem}`);
  }
  return [...options.scope];
}

function positionOf(source: string, offset: number): { line: number; column: number } {
  const info = getLineInfo(source, offset);
  return { line: info.line, column: info.column + 1 };
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

function staticKeyOf(node: MemberExpression): string | undefined {
  if (!node.computed) return node.property.type === 'Identifier' ? node.property.name : undefined;
  if (node.property.type === 'Literal' && !('regex' in node.property && node.property.regex)) {
    return String(node.property.value);
  }
  if (node.property.type === 'TemplateLiteral' && node.property.expressions.length === 0) {
    return node.property.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

class Checker {
  readonly errors: ExprError[] = [];
  readonly references: ExprReference[] = [];
  private readonly parents: Node[] = [];

  constructor(
    private readonly source: string,
    private readonly roots: readonly string[],
  ) {}

  private fail(node: Node, message: string): void {
    this.errors.push({ message, ...positionOf(this.source, node.start) });
  }

  private visitIn(parent: Node, node: Node, params: ReadonlySet<string>): void {
    this.parents.push(parent);
    this.visit(node as Expression, params);
    this.parents.pop();
  }

  visit(node: Expression | SpreadElement, params: ReadonlySet<string>): void {
    if (this.parents.length > MAX_DEPTH) {
      if (!this.errors.some((e) => e.message.startsWith('the expression is nested'))) {
        this.fail(node, `the expression is nested more than ${MAX_DEPTH} levels deep; split it up`);
      }
      return;
    }
    switch (node.type) {
      case 'Literal':
        if (node.regex)
          this.fail(node, 'regular expressions are not allowed; use text methods such as includes');
        else if (node.bigint !== undefined)
          this.fail(node, 'big integers (`1n`) are not supported in expressions');
        return;
      case 'Identifier':
        this.identifier(node, params);
        return;
      case 'TemplateLiteral':
        for (const part of node.expressions) this.visitIn(node, part, params);
        return;
      case 'ArrayExpression':
        for (const element of node.elements) {
          if (element === null)
            this.fail(node, 'empty array slots are not allowed; write `undefined` or remove the comma');
          else this.visitIn(node, element, params);
        }
        return;
      case 'ObjectExpression':
        this.object(node, params);
        return;
      case 'SpreadElement':
        this.visitIn(node, node.argument, params);
        return;
      case 'UnaryExpression':
        if (node.operator === 'delete' || node.operator === 'void') {
          this.fail(node, `\`${node.operator}\` is not allowed in expressions`);
          return;
        }
        this.visitIn(node, node.argument, params);
        return;
      case 'BinaryExpression':
        if (node.operator === 'instanceof') {
          this.fail(node, '`instanceof` is not allowed in expressions; there are no classes to compare with');
          return;
        }
        if (node.left.type === 'PrivateIdentifier') {
          this.fail(node.left, REFUSED.PrivateIdentifier as string);
          return;
        }
        this.visitIn(node, node.left, params);
        this.visitIn(node, node.right, params);
        return;
      case 'LogicalExpression':
        this.visitIn(node, node.left, params);
        this.visitIn(node, node.right, params);
        return;
      case 'ConditionalExpression':
        this.visitIn(node, node.test, params);
        this.visitIn(node, node.consequent, params);
        this.visitIn(node, node.alternate, params);
        return;
      case 'ChainExpression':
        this.visitIn(node, node.expression, params);
        return;
      case 'MemberExpression':
        this.member(node, params);
        return;
      case 'CallExpression':
        this.call(node, params);
        return;
      case 'ArrowFunctionExpression':
        this.arrow(node, params);
        return;
      default:
        this.fail(node, REFUSED[node.type] ?? `${node.type} is not allowed in expressions`);
    }
  }

  private identifier(node: { name: string } & Node, params: ReadonlySet<string>): void {
    const { name } = node;
    if (params.has(name) || CONSTANTS.has(name)) return;
    if (this.roots.includes(name)) {
      this.reference(node, name);
      return;
    }
    const available = [...this.roots, ...params].join(', ') || 'nothing';
    if (FORBIDDEN_GLOBALS.has(name) || isForbiddenKey(name)) {
      this.fail(node, `\`${name}\` is not available in expressions; available: ${available}`);
    } else {
      this.fail(node, `unknown name \`${name}\`; available: ${available}`);
    }
  }

  /** Records the static member chain that starts at a root identifier, walking up the parents. */
  private reference(node: Node, root: string): void {
    const path: string[] = [];
    let end = node.end;
    let child: Node = node;
    let method: string | undefined;
    for (let i = this.parents.length - 1; i >= 0; i--) {
      const parent = this.parents[i] as Node;
      if (parent.type !== 'MemberExpression') break;
      const member = parent as MemberExpression;
      if (member.object !== child || member.computed || member.property.type !== 'Identifier') break;
      const grand = this.parents[i - 1] as Node | undefined;
      if (grand?.type === 'CallExpression' && (grand as CallExpression).callee === member) {
        method = member.property.name;
        break;
      }
      path.push(member.property.name);
      end = member.end;
      child = member;
    }
    const reference: ExprReference = { root, path, start: node.start, end };
    if (method !== undefined) reference.method = method;
    this.references.push(reference);
    if (root === 'utils') {
      const helper = path[0] ?? method;
      if (helper !== undefined && !UTIL_NAMES.includes(helper)) {
        this.fail(node, `unknown helper \`utils.${helper}\`; available: ${UTIL_NAMES.join(', ')}`);
      }
    }
  }

  private member(node: MemberExpression, params: ReadonlySet<string>): void {
    if (node.object.type === 'Super') {
      this.fail(node.object, REFUSED.Super as string);
      return;
    }
    if (node.property.type === 'PrivateIdentifier') {
      this.fail(node.property, REFUSED.PrivateIdentifier as string);
      return;
    }
    const name = staticKeyOf(node);
    if (name !== undefined && isForbiddenKey(name)) {
      this.fail(node.property, `\`${name}\` cannot be read in expressions`);
      return;
    }
    this.visitIn(node, node.object, params);
    if (node.computed) this.visitIn(node, node.property, params);
  }

  private call(node: CallExpression, params: ReadonlySet<string>): void {
    if (node.callee.type === 'Super') {
      this.fail(node.callee, REFUSED.Super as string);
      return;
    }
    if (node.callee.type === 'MemberExpression') {
      const name = staticKeyOf(node.callee);
      if (name !== undefined && MUTATING_METHODS.has(name)) {
        this.fail(
          node.callee.property,
          `method \`${name}\` is not allowed in expressions; they only read data`,
        );
        return;
      }
    }
    this.visitIn(node, node.callee, params);
    for (const argument of node.arguments) this.visitIn(node, argument, params);
  }

  private object(node: ObjectExpression, params: ReadonlySet<string>): void {
    for (const property of node.properties) {
      if (property.type === 'SpreadElement') {
        this.visitIn(node, property, params);
        continue;
      }
      if (property.kind !== 'init' || property.method) {
        this.fail(
          property,
          'getters, setters and methods are not allowed in object literals; use `key: value`',
        );
        continue;
      }
      const keyNode = property.key;
      let name: string | undefined;
      if (!property.computed) {
        name =
          keyNode.type === 'Identifier'
            ? keyNode.name
            : keyNode.type === 'Literal'
              ? String(keyNode.value)
              : undefined;
      } else if (keyNode.type === 'Literal') {
        name = String(keyNode.value);
      } else if (keyNode.type === 'TemplateLiteral' && keyNode.expressions.length === 0) {
        name = keyNode.quasis[0]?.value.cooked ?? undefined;
      }
      if (name !== undefined && isForbiddenKey(name)) {
        this.fail(keyNode, `\`${name}\` cannot be used as a key in expressions`);
        continue;
      }
      if (property.computed) this.visitIn(property, keyNode, params);
      this.visitIn(property, property.value, params);
    }
  }

  private arrow(node: ArrowFunctionExpression, params: ReadonlySet<string>): void {
    if (node.async) {
      this.fail(node, '`async` arrows are not allowed in expressions');
      return;
    }
    if (!node.expression || node.body.type === 'BlockStatement') {
      this.fail(
        node.body,
        'arrow functions must return an expression: write `x => x.done`, not `x => { ... }`',
      );
      return;
    }
    const inner = new Set(params);
    for (const param of node.params) {
      if (param.type !== 'Identifier') {
        this.fail(param, 'arrow parameters must be plain names (no destructuring, defaults or rest)');
        return;
      }
      if (isForbiddenKey(param.name) || FORBIDDEN_GLOBALS.has(param.name) || CONSTANTS.has(param.name)) {
        this.fail(param, `\`${param.name}\` cannot be used as a parameter name`);
        return;
      }
      inner.add(param.name);
    }
    this.visitIn(node, node.body, inner);
  }
}

// the same bindings recur across pages and repeats; results are shared, so callers treat them as read-only
const cache = new Map<string, ParseResult>();
const CACHE_LIMIT = 2000;

/**
 * Parses one expression and checks it against the allow-list and the scope. Never throws on bad
 * input (only on an invalid scope list). Results are cached and shared: do not change them.
 */
export function parseExpression(source: string, options: ParseOptions): ParseResult {
  if (typeof source !== 'string') return parseUncached(source, options);
  const cacheKey = `${options.scope.join(',')}\u0000${source}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const result = parseUncached(source, options);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(cacheKey, result);
  return result;
}

function parseUncached(source: string, options: ParseOptions): ParseResult {
  const roots = rootsOf(options);
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
