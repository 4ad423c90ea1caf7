import { evaluateExpression, parseExpression } from '@tessera/expr';
import type { RuleNode } from './ast';
import type { CollectionRules } from './presets';
import { compileReadRule, type RuleContext, type RuleFilter } from './read-filter';
import { RuleError } from './rule-error';

export type WriteOperation = 'create' | 'update' | 'delete';

/** What a write rule sees: the user, the document (new for create, stored for update/delete), the request. */
export interface WriteContext extends RuleContext {
  doc: Record<string, unknown> | null;
  request: { data: unknown };
}

export interface CompiledRules {
  source: CollectionRules;
  /** The read rule as a query constraint for this user. */
  readFilter(context: RuleContext): RuleFilter;
  /** Whether the write rule allows this write; a rule that throws while evaluated denies. */
  allows(operation: WriteOperation, context: WriteContext): boolean;
}

const readScope = ['auth', 'doc', 'now'];
const writeScope = ['auth', 'doc', 'now', 'request'];

/** Checks and compiles a collection's rules; throws RuleError naming the rule and column on the first problem. */
export function compileRules(rules: CollectionRules): CompiledRules {
  const readAst = parse('read', rules.read, readScope);
  const readFilter = compileReadRule(rules.read, readAst);
  for (const operation of ['create', 'update', 'delete'] as const)
    parse(operation, rules[operation], writeScope);
  return {
    source: rules,
    readFilter,
    allows(operation, context) {
      const source = rules[operation];
      if (source === 'true') return true;
      if (source === 'false') return false;
      try {
        return Boolean(evaluateExpression(source, { ...context }, { scope: writeScope }));
      } catch {
        return false;
      }
    },
  };
}

function parse(rule: string, source: string, scope: string[]): RuleNode {
  if (typeof source !== 'string' || source.trim() === '')
    throw new RuleError(
      rule,
      'is empty; write an expression such as `true`, `auth != null` or `doc._openid == auth.uid`.',
    );
  const result = parseExpression(source, { scope });
  if (!result.ok) {
    const first = result.errors[0];
    throw new RuleError(rule, first?.message ?? 'is not a valid expression', first?.column);
  }
  return result.ast as unknown as RuleNode;
}
