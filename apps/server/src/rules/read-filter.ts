import { evaluateExpression } from '@tessera/expr';
import { child, children, memberChain, mentions, type RuleNode } from './ast';
import { RuleError } from './rule-error';

/** What a rule can see while the query is built (everything except `doc`). */
export interface RuleContext {
  auth: Record<string, unknown> | null;
  now: number;
}

export type Filter = Record<string, unknown>;
/** `true`: the rule allows every document; `false`: none; otherwise the filter documents must match. */
export type RuleFilter = boolean | Filter;

type Value = (context: RuleContext) => unknown;
type Plan =
  | { kind: 'value'; value: Value }
  | { kind: 'compare'; field: string; operator: string; value: Value }
  | { kind: 'not'; plan: Plan }
  | { kind: 'and' | 'or'; plans: Plan[] };

const comparisons: Record<string, string> = {
  '==': '$eq',
  '===': '$eq',
  '!=': '$ne',
  '!==': '$ne',
  '<': '$lt',
  '<=': '$lte',
  '>': '$gt',
  '>=': '$gte',
};
// The same comparison read from the other side: `5 < doc.n` is `doc.n > 5`.
const mirrored: Record<string, string> = { $lt: '$gt', $lte: '$gte', $gt: '$lt', $gte: '$lte' };

/**
 * Turns a read rule into a function from the signed-in user to a MongoDB filter, so that the rule
 * narrows the query itself and pages keep their size. Throws RuleError for rules of another shape.
 */
export function compileReadRule(source: string, ast: RuleNode): (context: RuleContext) => RuleFilter {
  const plan = planOf(ast, source);
  return (context) => filterOf(plan, context);
}

function planOf(node: RuleNode, source: string): Plan {
  if (!mentions(node, 'doc')) return { kind: 'value', value: constant(node, source) };
  switch (node.type) {
    case 'LogicalExpression': {
      const operator = node.operator as string;
      if (operator !== '&&' && operator !== '||') break;
      return {
        kind: operator === '&&' ? 'and' : 'or',
        plans: [planOf(child(node, 'left'), source), planOf(child(node, 'right'), source)],
      };
    }
    case 'UnaryExpression':
      if (node.operator === '!') return { kind: 'not', plan: planOf(child(node, 'argument'), source) };
      break;
    case 'BinaryExpression': {
      const operator = comparisons[node.operator as string];
      if (!operator) break;
      const left = child(node, 'left');
      const right = child(node, 'right');
      const leftField = memberChain(left, 'doc');
      const rightField = memberChain(right, 'doc');
      if (leftField && leftField.length > 0 && !mentions(right, 'doc'))
        return {
          kind: 'compare',
          field: fieldPath(leftField, left),
          operator,
          value: constant(right, source),
        };
      if (rightField && rightField.length > 0 && !mentions(left, 'doc'))
        return {
          kind: 'compare',
          field: fieldPath(rightField, right),
          operator: mirrored[operator] ?? operator,
          value: constant(left, source),
        };
      throw new RuleError(
        'read',
        `\`${text(node, source)}\` cannot become a query filter: compare one document field (doc.<field>) with a value that does not depend on the document (auth, now, a literal).`,
        node.start + 1,
      );
    }
    case 'CallExpression':
      return includesPlan(node, source);
    case 'ParenthesizedExpression':
      return planOf(child(node, 'expression'), source);
  }
  if (memberChain(node, 'doc'))
    throw new RuleError(
      'read',
      `\`${text(node, source)}\` tests a field for truthiness, which has no exact query form; compare it explicitly, e.g. \`${text(node, source)} == true\`.`,
      node.start + 1,
    );
  throw new RuleError(
    'read',
    `\`${text(node, source)}\` cannot become a query filter. Read rules may combine with && || ! comparisons of doc fields against values (==, !=, <, <=, >, >=), doc.<array>.includes(value) and [values].includes(doc.<field>).`,
    node.start + 1,
  );
}

// `doc.members.includes(auth.uid)` (array contains) and `['a', 'b'].includes(doc.status)` (one of).
function includesPlan(node: RuleNode, source: string): Plan {
  const callee = child(node, 'callee');
  const args = children(node, 'arguments');
  if (
    callee.type === 'MemberExpression' &&
    !callee.computed &&
    child(callee, 'property').name === 'includes'
  ) {
    const target = child(callee, 'object');
    const argument = args[0];
    if (args.length === 1 && argument) {
      const targetField = memberChain(target, 'doc');
      if (targetField && targetField.length > 0 && !mentions(argument, 'doc'))
        return {
          kind: 'compare',
          field: fieldPath(targetField, target),
          operator: '$eq',
          value: constant(argument, source),
        };
      const argumentField = memberChain(argument, 'doc');
      if (argumentField && argumentField.length > 0 && !mentions(target, 'doc'))
        return {
          kind: 'compare',
          field: fieldPath(argumentField, argument),
          operator: '$in',
          value: constant(target, source),
        };
    }
  }
  throw new RuleError(
    'read',
    `\`${text(node, source)}\` cannot become a query filter; the only calls allowed on documents are doc.<array>.includes(value) and [values].includes(doc.<field>).`,
    node.start + 1,
  );
}

function fieldPath(path: string[], node: RuleNode): string {
  for (const segment of path)
    if (segment === '' || segment.startsWith('$') || segment.includes('.'))
      throw new RuleError('read', `field name "${segment}" cannot be used in a query.`, node.start + 1);
    // In the expression `.length` is a string or array length; in a query it would be a field named "length".
    else if (segment === 'length')
      throw new RuleError(
        'read',
        '`.length` has no query form; store the length in its own field.',
        node.start + 1,
      );
  return path.join('.');
}

/** Literals and auth/now member chains, read without the evaluator; undefined for anything else. */
function simpleConstant(node: RuleNode): Value | undefined {
  if (node.type === 'Literal' && !(node as { regex?: unknown }).regex) {
    const value = node.value;
    return () => value;
  }
  for (const root of ['auth', 'now'] as const) {
    const path = memberChain(node, root);
    if (path) return (context) => readPath(context[root], path);
  }
  return undefined;
}

/** A value that does not depend on the document. */
function constant(node: RuleNode, source: string): Value {
  const simple = simpleConstant(node);
  if (simple) return simple;
  // `auth != null` and the like: both sides known without the evaluator (same loose equality as the language).
  if (node.type === 'BinaryExpression' && ['==', '!=', '===', '!=='].includes(node.operator as string)) {
    const left = simpleConstant(child(node, 'left'));
    const right = simpleConstant(child(node, 'right'));
    if (left && right) {
      switch (node.operator) {
        case '==':
          // biome-ignore lint/suspicious/noDoubleEquals: the expression language has JavaScript's loose equality
          return (context) => left(context) == right(context);
        case '!=':
          // biome-ignore lint/suspicious/noDoubleEquals: the expression language has JavaScript's loose equality
          return (context) => left(context) != right(context);
        case '===':
          return (context) => left(context) === right(context);
        default:
          return (context) => left(context) !== right(context);
      }
    }
  }
  const expression = text(node, source);
  return (context) => {
    try {
      return evaluateExpression(
        expression,
        { auth: context.auth, now: context.now },
        { scope: ['auth', 'now'] },
      );
    } catch {
      return undefined; // an expression that fails on this user (e.g. auth.x.y when signed out) grants nothing
    }
  };
}

function readPath(value: unknown, path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function filterOf(plan: Plan, context: RuleContext): RuleFilter {
  switch (plan.kind) {
    case 'value':
      return Boolean(plan.value(context));
    case 'compare': {
      const value = plan.value(context);
      // A missing value (auth.uid when signed out) must never match documents that lack the field.
      if (value === undefined) return false;
      if (plan.operator === '$in') return Array.isArray(value) ? { [plan.field]: { $in: value } } : false;
      return { [plan.field]: { [plan.operator]: value } };
    }
    case 'not': {
      const inner = filterOf(plan.plan, context);
      return typeof inner === 'boolean' ? !inner : { $nor: [inner] };
    }
    case 'and': {
      const parts: Filter[] = [];
      for (const part of plan.plans) {
        const filter = filterOf(part, context);
        if (filter === false) return false;
        if (filter !== true) parts.push(filter);
      }
      return parts.length === 0 ? true : parts.length === 1 ? parts[0]! : { $and: parts };
    }
    case 'or': {
      const parts: Filter[] = [];
      for (const part of plan.plans) {
        const filter = filterOf(part, context);
        if (filter === true) return true;
        if (filter !== false) parts.push(filter);
      }
      return parts.length === 0 ? false : parts.length === 1 ? parts[0]! : { $or: parts };
    }
  }
}

/** The client's filter narrowed by the rule; null when the rule lets this user see nothing. */
export function constrain(clientFilter: Filter, rule: RuleFilter): Filter | null {
  if (rule === false) return null;
  if (rule === true) return clientFilter;
  const clientKeys = Object.keys(clientFilter);
  if (clientKeys.length === 0) return rule;
  // Disjoint field conditions merge into one flat filter (same meaning, simpler for the store's planner).
  const ruleKeys = Object.keys(rule);
  const flat = (keys: string[]) => keys.every((key) => !key.startsWith('$'));
  if (flat(clientKeys) && flat(ruleKeys) && !ruleKeys.some((key) => key in clientFilter))
    return { ...clientFilter, ...rule };
  return { $and: [clientFilter, rule] };
}

function text(node: RuleNode, source: string): string {
  return source.slice(node.start, node.end);
}
