import { describe, expect, it } from 'vitest';
import { completeExpression, diagnoseExpression, type ExpressionScope } from './expression-scope';

const scope: ExpressionScope = {
  roots: [
    {
      name: 'state',
      type: 'object',
      closed: 'a state variable of this page',
      members: [
        { name: 'count', type: 'number' },
        { name: 'items', type: 'array' },
      ],
    },
    {
      name: 'queries',
      type: 'object',
      closed: 'a query of this page or the app',
      members: [
        {
          name: 'news',
          type: 'object',
          closed: 'a field of a query',
          members: [{ name: 'data', type: 'any' }],
        },
      ],
    },
    { name: 'auth', type: 'object' },
  ],
};

describe('diagnoseExpression', () => {
  it('accepts a valid expression', () => {
    expect(diagnoseExpression('state.count + 1', scope)).toEqual([]);
    expect(diagnoseExpression('auth.user.anything', scope)).toEqual([]);
  });

  it('reports syntax errors with the position the parser gives', () => {
    const [error, ...rest] = diagnoseExpression('state.count +', scope);
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ message: 'the expression ends too early', line: 1 });
  });

  it('reports unknown roots (allow-list) and unknown members of closed names with their range', () => {
    expect(diagnoseExpression('foo + 1', scope)[0]).toMatchObject({ line: 1, column: 1, endColumn: 4 });
    expect(diagnoseExpression('foo + 1', scope)[0]!.message).toMatch(/foo/);
    expect(diagnoseExpression('1 +\n state.cnt', scope)).toEqual([
      {
        message: 'state.cnt is not a state variable of this page',
        line: 2,
        column: 2,
        endLine: 2,
        endColumn: 11,
      },
    ]);
    expect(diagnoseExpression('queries.news.dat', scope)[0]!.message).toBe(
      'queries.news.dat is not a field of a query',
    );
  });
});

describe('completeExpression', () => {
  it('offers roots at the start of a name and members after a dot', () => {
    expect(completeExpression('st', 2, scope).items.map((i) => i.label)).toEqual([
      'state',
      'queries',
      'auth',
    ]);
    expect(completeExpression('st', 2, scope).replaceFrom).toBe(0);
    const members = completeExpression('1 + state.c', 11, scope);
    expect(members.items.map((i) => i.label)).toEqual(['count', 'items']);
    expect(members.replaceFrom).toBe(10);
    expect(completeExpression('queries?.news.', 14, scope).items.map((i) => i.label)).toEqual(['data']);
  });

  it('offers allowed methods of arrays and nothing after a call', () => {
    const labels = completeExpression('state.items.', 12, scope).items.map((i) => i.label);
    expect(labels).toContain('filter');
    expect(labels).toContain('length');
    expect(labels).not.toContain('constructor');
    expect(completeExpression('state.items.map(x => x).', 24, scope).items).toEqual([]);
  });
});
