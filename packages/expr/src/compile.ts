import type { Expression, SpreadElement } from 'acorn';
import { type ChainKey, type ChainStep, flattenChain, isStaticKey } from './chain';
import { ExpressionError } from './errors';
import { CONSTANTS } from './names';
import { type ExprReference, type ParseOptions, parseExpression } from './parse';

// Operator precedence, higher binds tighter; used to print only the parentheses that are needed.
const ARROW = 1;
const CONDITIONAL = 2;
const NULLISH = 3;
const BINARY: Record<string, number> = {
  '||': 4,
  '&&': 5,
  '|': 6,
  '^': 7,
  '&': 8,
  '==': 9,
  '!=': 9,
  '===': 9,
  '!==': 9,
  '<': 10,
  '>': 10,
  '<=': 10,
  '>=': 10,
  in: 10,
  '<<': 11,
  '>>': 11,
  '>>>': 11,
  '+': 12,
  '-': 12,
  '*': 13,
  '/': 13,
  '%': 13,
  '**': 14,
};
const UNARY = 15;
const PRIMARY = 18;

interface Printed {
  code: string;
  precedence: number;
  /** `??` cannot be mixed with `||`/`&&` without parentheses. */
  logical?: '??' | '||&&';
}

const quote = (text: string): string => JSON.stringify(text);

function wrap(printed: Printed, min: number): string {
  return printed.precedence < min ? `(${printed.code})` : printed.code;
}

class Compiler {
  private temporaries = 0;

  constructor(private readonly roots: ReadonlySet<string>) {}

  expression(node: Expression, params: ReadonlySet<string>): Printed {
    switch (node.type) {
      case 'Literal':
        return { code: this.literal(node.value), precedence: PRIMARY };
      case 'Identifier':
        return { code: this.identifier(node.name, params), precedence: PRIMARY };
      case 'TemplateLiteral': {
        let code = '`';
        node.quasis.forEach((quasi, i) => {
          code += quasi.value.raw;
          const part = node.expressions[i];
          if (part) code += `\${${this.expression(part, params).code}}`;
        });
        return { code: `${code}\``, precedence: PRIMARY };
      }
      case 'ArrayExpression':
        return {
          code: `[${this.list(node.elements as (Expression | SpreadElement)[], params)}]`,
          precedence: PRIMARY,
        };
      case 'ObjectExpression': {
        const parts = node.properties.map((property) => {
          if (property.type === 'SpreadElement')
            return `...${this.operand(property.argument, params, ARROW)}`;
          const value = this.operand(property.value, params, ARROW);
          if (property.computed) return `[rt.key(${this.expression(property.key, params).code})]: ${value}`;
          const key =
            property.key.type === 'Identifier'
              ? property.key.name
              : String((property.key as { value: unknown }).value);
          return `${quote(key)}: ${value}`;
        });
        return { code: parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`, precedence: PRIMARY };
      }
      case 'UnaryExpression': {
        const operand = this.operand(node.argument, params, UNARY);
        const separator =
          node.operator === 'typeof' ||
          ((node.operator === '-' || node.operator === '+') && operand.startsWith(node.operator))
            ? ' '
            : '';
        return { code: `${node.operator}${separator}${operand}`, precedence: UNARY };
      }
      case 'BinaryExpression': {
        const precedence = BINARY[node.operator] as number;
        const right = node.operator === '**';
        const left = this.operand(node.left as Expression, params, right ? UNARY + 1 : precedence);
        const rightCode = this.operand(node.right, params, right ? precedence : precedence + 1);
        return { code: `${left} ${node.operator} ${rightCode}`, precedence };
      }
      case 'LogicalExpression': {
        const nullish = node.operator === '??';
        const precedence = nullish ? NULLISH : (BINARY[node.operator] as number);
        const side = (child: Expression, min: number) => {
          const printed = this.expression(child, params);
          const clash = nullish ? printed.logical === '||&&' : printed.logical === '??';
          return clash ? `(${printed.code})` : wrap(printed, min);
        };
        const code = `${side(node.left, precedence)} ${node.operator} ${side(node.right, precedence + 1)}`;
        return { code, precedence, logical: nullish ? '??' : '||&&' };
      }
      case 'ConditionalExpression': {
        const test = this.operand(node.test, params, NULLISH);
        const consequent = this.operand(node.consequent, params, ARROW);
        const alternate = this.operand(node.alternate, params, ARROW);
        return { code: `${test} ? ${consequent} : ${alternate}`, precedence: CONDITIONAL };
      }
      case 'ArrowFunctionExpression': {
        const inner = new Set(params);
        const names = node.params.map((param) => {
          const name = (param as { name: string }).name;
          inner.add(name);
          return `$${name}`;
        });
        const body = node.body as Expression;
        const printed = this.expression(body, inner);
        const code = printed.code.startsWith('{') ? `(${printed.code})` : wrap(printed, ARROW);
        return { code: `(${names.join(', ')}) => ${code}`, precedence: ARROW };
      }
      case 'ChainExpression':
        return this.expression(node.expression as Expression, params);
      case 'MemberExpression':
      case 'CallExpression':
        return { code: this.chain(node, params), precedence: PRIMARY };
      default:
        throw new Error(`compiler has no rule for ${node.type}`);
    }
  }

  private operand(node: Expression, params: ReadonlySet<string>, min: number): string {
    return wrap(this.expression(node, params), min);
  }

  private list(items: (Expression | SpreadElement)[], params: ReadonlySet<string>): string {
    return items
      .map((item) =>
        item.type === 'SpreadElement'
          ? `...${this.operand(item.argument, params, ARROW)}`
          : this.operand(item, params, ARROW),
      )
      .join(', ');
  }

  private literal(value: unknown): string {
    if (typeof value === 'string') return quote(value);
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '1e999';
    return String(value);
  }

  private identifier(name: string, params: ReadonlySet<string>): string {
    if (params.has(name)) return `$${name}`;
    if (CONSTANTS.has(name)) return name;
    if (name === 'utils') return 'rt.utils';
    if (this.roots.has(name)) return `scope.${name}`;
    throw new Error(`compiler met unchecked name ${name}`);
  }

  private key(key: ChainKey, params: ReadonlySet<string>): string {
    if (isStaticKey(key))
      return typeof key.static === 'number' ? this.literal(key.static) : quote(key.static);
    return this.expression(key.computed, params).code;
  }

  private chain(node: Expression, params: ReadonlySet<string>): string {
    const { base, steps } = flattenChain(node as Parameters<typeof flattenChain>[0]);
    const baseCode = this.operand(base, params, ARROW);
    return this.steps(baseCode, steps, 0, false, params);
  }

  /** Prints steps[i..] applied to `target`; an optional step wraps the rest in `rt.opt(...)`. */
  private steps(
    target: string,
    steps: ChainStep[],
    i: number,
    checked: boolean,
    params: ReadonlySet<string>,
  ): string {
    const step = steps[i];
    if (!step) return target;
    if (step.optional && !checked) {
      const temporary = `$${this.temporaries++}`;
      return `rt.opt(${target}, (${temporary}) => ${this.steps(temporary, steps, i, true, params)})`;
    }
    if (step.kind === 'get') {
      // static keys that follow are read in the same rt.get: they have nothing to evaluate
      const keys = [this.key(step.key, params)];
      let next = i + 1;
      for (let s = steps[next]; s?.kind === 'get' && !s.optional && isStaticKey(s.key); s = steps[++next]) {
        keys.push(this.key(s.key, params));
      }
      return this.steps(`rt.get(${target}, ${keys.join(', ')})`, steps, next, false, params);
    }
    const args = `[${this.list(step.args, params)}]`;
    if (step.kind === 'invoke')
      return this.steps(`rt.invoke(${target}, ${args})`, steps, i + 1, false, params);
    if (step.optionalCall) {
      const temporary = `$${this.temporaries++}`;
      const rest = this.steps(`rt.invoke(${temporary}, ${args})`, steps, i + 1, false, params);
      return `rt.opt(rt.method(${target}, ${this.key(step.key, params)}), (${temporary}) => ${rest})`;
    }
    return this.steps(
      `rt.call(${target}, ${this.key(step.key, params)}, ${args})`,
      steps,
      i + 1,
      false,
      params,
    );
  }
}

export interface CompiledExpression {
  /** A JS expression reading roots from `scope` and helpers from `rt` (`import * as rt from '@tessera/expr/runtime'`). */
  code: string;
  references: ExprReference[];
}

/** The scope as a set, once per frozen scope list (callers pass the same lists again and again). */
const scopeSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function scopeSet(scope: readonly string[]): ReadonlySet<string> {
  let set = scopeSets.get(scope);
  if (!set) {
    set = new Set(scope);
    if (Object.isFrozen(scope)) scopeSets.set(scope, set);
  }
  return set;
}

const NO_PARAMS: ReadonlySet<string> = new Set();

/** Compiles an accepted expression to readable JS source; throws ExpressionError when it is not accepted. */
export function compileExpression(source: string, options: ParseOptions): CompiledExpression {
  const parsed = parseExpression(source, options);
  if (!parsed.ok) throw new ExpressionError(parsed.errors);
  const compiler = new Compiler(scopeSet(options.scope));
  const printed = compiler.expression(parsed.ast as Expression, NO_PARAMS);
  // code starting with an object literal would read as a block in statement position
  const code = printed.code.startsWith('{') ? `(${printed.code})` : printed.code;
  return { code, references: parsed.references };
}
