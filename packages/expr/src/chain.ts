import type { CallExpression, Expression, MemberExpression, SpreadElement } from 'acorn';

/** A member key: a name known before running, or an expression computed at run time. */
export type ChainKey = { static: string | number } | { computed: Expression };

export type ChainStep =
  | { kind: 'get'; key: ChainKey; optional: boolean }
  /** `obj.name(args)`: `optional` is `obj?.name`, `optionalCall` is `obj.name?.()` */
  | {
      kind: 'call';
      key: ChainKey;
      optional: boolean;
      optionalCall: boolean;
      args: (Expression | SpreadElement)[];
    }
  /** `fn(args)` where fn is not a member */
  | { kind: 'invoke'; optional: boolean; args: (Expression | SpreadElement)[] };

export interface Chain {
  base: Expression;
  steps: ChainStep[];
}

function keyOf(member: MemberExpression): ChainKey {
  const property = member.property as Expression;
  if (!member.computed && property.type === 'Identifier') return { static: property.name };
  if (
    property.type === 'Literal' &&
    (typeof property.value === 'string' || typeof property.value === 'number')
  ) {
    return { static: property.value };
  }
  return { computed: property };
}

/**
 * Flattens `a.b?.c(d).e` into its base and the steps applied to it, left to right. Both the compiler
 * and the evaluator run chains from this one shape, so they short-circuit and evaluate in the same order.
 */
export function flattenChain(node: MemberExpression | CallExpression): Chain {
  const steps: ChainStep[] = [];
  let current: Expression = node;
  for (;;) {
    if (current.type === 'MemberExpression') {
      steps.push({ kind: 'get', key: keyOf(current), optional: current.optional });
      current = current.object as Expression;
    } else if (current.type === 'CallExpression' && current.callee.type === 'MemberExpression') {
      const callee = current.callee;
      steps.push({
        kind: 'call',
        key: keyOf(callee),
        optional: callee.optional,
        optionalCall: current.optional,
        args: current.arguments,
      });
      current = callee.object as Expression;
    } else if (current.type === 'CallExpression') {
      steps.push({ kind: 'invoke', optional: current.optional, args: current.arguments });
      current = current.callee as Expression;
    } else {
      break;
    }
  }
  return { base: current, steps: steps.reverse() };
}

export function isStaticKey(key: ChainKey): key is { static: string | number } {
  return 'static' in key;
}
