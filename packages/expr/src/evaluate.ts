import type { Expression, Node, SpreadElement } from 'acorn';
import * as rt from './access';
import { type ChainKey, type ChainStep, flattenChain, isStaticKey } from './chain';
import { ExpressionError } from './errors';
import { utils } from './helpers';
import { CONSTANTS } from './names';
import { type ParseOptions, parseExpression } from './parse';
import { ExpressionRuntimeError } from './runtime-error';

export interface EvaluateOptions extends ParseOptions {
  /** Stops runaway expressions (huge maps, self-applied arrows): at most this many evaluation steps. */
  maxSteps: number;
}

const DEFAULT_MAX_STEPS = 1_000_000;

/** Arrow parameters in reach, innermost first. */
type Params = ReadonlyMap<string, unknown>;

/** A tree-walking evaluator with the same semantics as compiled code; it shares the `rt` helpers. */
class Evaluator {
  private steps = 0;

  constructor(
    private readonly scope: Record<string, unknown>,
    private readonly maxSteps: number,
  ) {}

  run(node: Expression, params: Params): unknown {
    if (++this.steps > this.maxSteps) {
      throw new ExpressionRuntimeError(
        `the expression took more than ${this.maxSteps} steps; it was stopped`,
      );
    }
    switch (node.type) {
      case 'Literal':
        return node.value;
      case 'Identifier':
        return this.identifier(node.name, params);
      case 'TemplateLiteral': {
        let text = '';
        node.quasis.forEach((quasi, i) => {
          text += quasi.value.cooked;
          const part = node.expressions[i];
          if (part) text += `${this.run(part, params)}`;
        });
        return text;
      }
      case 'ArrayExpression':
        return this.list(node.elements as (Expression | SpreadElement)[], params);
      case 'ObjectExpression': {
        let result: Record<string, unknown> = {};
        for (const property of node.properties) {
          if (property.type === 'SpreadElement') {
            result = { ...result, ...(this.run(property.argument, params) as object) };
            continue;
          }
          const key = property.computed
            ? rt.key(this.run(property.key, params))
            : property.key.type === 'Identifier'
              ? property.key.name
              : String((property.key as { value: unknown }).value);
          const value = this.run(property.value, params);
          // a data property, as a literal would define it (assignment could call a setter such as __proto__)
          Object.defineProperty(result, key, { value, writable: true, enumerable: true, configurable: true });
        }
        return result;
      }
      case 'UnaryExpression':
        return this.unary(node.operator, this.run(node.argument, params));
      case 'BinaryExpression':
        return this.binary(
          node.operator,
          this.run(node.left as Expression, params),
          this.run(node.right, params),
        );
      case 'LogicalExpression': {
        const left = this.run(node.left, params);
        if (node.operator === '&&') return left ? this.run(node.right, params) : left;
        if (node.operator === '||') return left ? left : this.run(node.right, params);
        return left ?? this.run(node.right, params);
      }
      case 'ConditionalExpression':
        return this.run(node.test, params)
          ? this.run(node.consequent, params)
          : this.run(node.alternate, params);
      case 'ArrowFunctionExpression': {
        const names = node.params.map((param) => (param as { name: string }).name);
        const body = node.body as Expression;
        const arrow = (...args: unknown[]) => {
          const inner = new Map(params);
          names.forEach((name, i) => {
            inner.set(name, args[i]);
          });
          return this.run(body, inner);
        };
        Object.defineProperty(arrow, 'length', { value: names.length });
        return arrow;
      }
      case 'ChainExpression':
        return this.run(node.expression as Expression, params);
      case 'MemberExpression':
      case 'CallExpression': {
        const { base, steps } = flattenChain(node);
        return this.chain(this.run(base, params), steps, params);
      }
      default:
        throw new Error(`evaluator has no rule for ${node.type}`);
    }
  }

  private identifier(name: string, params: Params): unknown {
    if (params.has(name)) return params.get(name);
    if (CONSTANTS.has(name)) return CONSTANTS.get(name);
    if (name === 'utils') return utils;
    return this.scope[name];
  }

  private list(items: (Expression | SpreadElement)[], params: Params): unknown[] {
    const values: unknown[] = [];
    for (const item of items) {
      if (item.type === 'SpreadElement')
        values.push(...(this.run(item.argument, params) as Iterable<unknown>));
      else values.push(this.run(item, params));
    }
    return values;
  }

  private key(key: ChainKey, params: Params): unknown {
    return isStaticKey(key) ? key.static : this.run(key.computed, params);
  }

  private chain(start: unknown, steps: ChainStep[], params: Params): unknown {
    let target = start;
    for (const step of steps) {
      if (step.optional && (target === null || target === undefined)) return undefined;
      if (step.kind === 'get') {
        target = rt.get(target, this.key(step.key, params));
      } else if (step.kind === 'invoke') {
        target = rt.invoke(target, this.list(step.args, params));
      } else if (step.optionalCall) {
        const method = rt.method(target, this.key(step.key, params));
        if (method === undefined) return undefined;
        target = rt.invoke(method, this.list(step.args, params));
      } else {
        const key = this.key(step.key, params);
        target = rt.call(target, key, this.list(step.args, params));
      }
    }
    return target;
  }

  private unary(operator: string, value: unknown): unknown {
    const v = value as number;
    switch (operator) {
      case '!':
        return !value;
      case '-':
        return -v;
      case '+':
        return +v;
      case '~':
        return ~v;
      case 'typeof':
        return typeof value;
      default:
        throw new Error(`evaluator has no rule for unary ${operator}`);
    }
  }

  private binary(operator: string, left: unknown, right: unknown): unknown {
    // operands typed loosely on purpose: the operators apply JavaScript's own coercions
    const a = left as number;
    const b = right as number;
    switch (operator) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        return a / b;
      case '%':
        return a % b;
      case '**':
        return a ** b;
      case '==':
        // biome-ignore lint/suspicious/noDoubleEquals: the language has JavaScript's loose equality
        return left == right;
      case '!=':
        // biome-ignore lint/suspicious/noDoubleEquals: the language has JavaScript's loose equality
        return left != right;
      case '===':
        return left === right;
      case '!==':
        return left !== right;
      case '<':
        return a < b;
      case '<=':
        return a <= b;
      case '>':
        return a > b;
      case '>=':
        return a >= b;
      case '&':
        return a & b;
      case '|':
        return a | b;
      case '^':
        return a ^ b;
      case '<<':
        return a << b;
      case '>>':
        return a >> b;
      case '>>>':
        return a >>> b;
      case 'in':
        return (left as string) in (right as object);
      default:
        throw new Error(`evaluator has no rule for ${operator}`);
    }
  }
}

/** parseExpression caches by source and scope: the editor canvas evaluates the same ones on every render. */
function parsed(source: string, roots: readonly string[]): Node {
  const result = parseExpression(source, { scope: roots });
  if (!result.ok) throw new ExpressionError(result.errors);
  return result.ast;
}

/**
 * Evaluates an expression against a scope object. The roots default to the scope's own keys plus `utils`.
 * Throws ExpressionError when the expression is not accepted, ExpressionRuntimeError when it fails while running.
 */
export function evaluateExpression(
  source: string,
  scope: Record<string, unknown>,
  options: Partial<EvaluateOptions> = {},
): unknown {
  const roots = options.scope ?? [...new Set([...Object.keys(scope), 'utils'])];
  const ast = parsed(source, roots);
  return new Evaluator(scope, options.maxSteps ?? DEFAULT_MAX_STEPS).run(ast as Expression, new Map());
}
