import { describe, expect, it } from 'vitest';
import { evaluateExpression } from './evaluate';
import { RULE_ROOTS } from './names';
import { ExpressionRuntimeError } from './runtime-error';

describe('evaluateExpression', () => {
  it('uses the scope keys plus utils as roots by default', () => {
    expect(evaluateExpression('utils.len(doc.tags) + 1', { doc: { tags: ['a'] } })).toBe(2);
    expect(() => evaluateExpression('other', { doc: {} })).toThrow(
      'unknown name `other`; available: doc, utils',
    );
  });

  it('evaluates security rules with the rule roots', () => {
    const rule =
      'auth != null && (doc.owner === auth.uid || auth.roles.includes("admin")) && doc.expires > now';
    const scope = { auth: { uid: 'u1', roles: [] }, doc: { owner: 'u1', expires: 10 }, now: 5, request: {} };
    expect(evaluateExpression(rule, scope, { scope: RULE_ROOTS })).toBe(true);
    expect(evaluateExpression(rule, { ...scope, auth: null }, { scope: RULE_ROOTS })).toBe(false);
    expect(evaluateExpression(rule, { ...scope, now: 20 }, { scope: RULE_ROOTS })).toBe(false);
  });

  it('reuses parsed expressions without mixing scopes', () => {
    expect(evaluateExpression('a + 1', { a: 1 })).toBe(2);
    expect(evaluateExpression('a + 1', { a: 41 })).toBe(42);
    expect(() => evaluateExpression('a + 1', { b: 1 })).toThrow('unknown name `a`');
  });

  it('stops runaway expressions after a step budget', () => {
    const big = { list: Array.from({ length: 200 }, (_, i) => i) };
    const source = 'list.map(a => list.map(b => a + b).length).length';
    expect(() => evaluateExpression(source, big, { maxSteps: 10_000 })).toThrow(ExpressionRuntimeError);
    expect(() => evaluateExpression(source, big, { maxSteps: 10_000 })).toThrow('took more than 10000 steps');
    expect(evaluateExpression(source, big)).toBe(200);
  });

  it('keeps arrow arity for host functions that look at it', () => {
    const arity = evaluateExpression('(a, b) => a', {}) as (...args: unknown[]) => unknown;
    expect(arity.length).toBe(2);
  });
});

describe('evaluateExpression with the same source again', () => {
  // Parses are cached by source and scope roots: the cache must never change an answer.
  it('reads each new scope, and checks the roots of each call', () => {
    const source = 'state.count * 2 + item.n';
    expect(evaluateExpression(source, { state: { count: 1 }, item: { n: 1 } })).toBe(3);
    expect(evaluateExpression(source, { state: { count: 5 }, item: { n: 0 } })).toBe(10);
    expect(() => evaluateExpression(source, { state: { count: 5 } })).toThrow(/item/);
    expect(evaluateExpression(source, { state: { count: 2 }, item: { n: 2 } })).toBe(6);
  });

  it('throws for a wrong expression every time, not only the first', () => {
    for (let i = 0; i < 3; i++) expect(() => evaluateExpression('state.', { state: {} })).toThrow();
  });
});
