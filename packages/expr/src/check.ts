import type {
  ArrowFunctionExpression,
  CallExpression,
  Expression,
  MemberExpression,
  Node,
  ObjectExpression,
  SpreadElement,
} from 'acorn';
import { type ExprError, positionOf } from './errors';
import { UTIL_NAMES } from './helpers';
import { CONSTANTS, FORBIDDEN_GLOBALS, isForbiddenKey, MUTATING_METHODS } from './names';
import type { ExprReference } from './parse';

/** Deeper trees are refused so the compiler and evaluator never run out of stack. */
export const MAX_DEPTH = 200;

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

/** Walks an acorn tree: allow-list of syntax, scope check, and the references it reads. */
export class Checker {
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
