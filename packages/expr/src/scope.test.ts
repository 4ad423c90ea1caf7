import { describe, expect, it } from 'vitest';
import { compileExpression } from './compile';
import { ExpressionError, formatExprError } from './errors';
import { evaluateExpression } from './evaluate';
import { type ExprReference, parseExpression } from './parse';

const scope = [
  'state',
  'app',
  'params',
  'item',
  'index',
  'queries',
  'auth',
  'event',
  'utils',
  'code',
  'form',
];

function errorsOf(source: string, roots: readonly string[] = scope) {
  const result = parseExpression(source, { scope: roots });
  if (result.ok) throw new Error(`expected ${source} to be refused`);
  return result.errors;
}

function referencesOf(source: string): Omit<ExprReference, 'start' | 'end'>[] {
  const result = parseExpression(source, { scope });
  if (!result.ok) throw new Error(result.errors.map(formatExprError).join('; '));
  return result.references.map(({ start: _s, end: _e, ...rest }) => rest);
}

describe('scope check', () => {
  it('names an unknown identifier with its position and what is available', () => {
    expect(errorsOf('state.count + foo', ['state', 'app'])).toEqual([
      { message: 'unknown name `foo`; available: state, app', line: 1, column: 15 },
    ]);
  });

  it('reports positions on later lines, 1-based', () => {
    const [error] = errorsOf('state.a &&\n  (app.b ||\n   missing)');
    expect(error).toMatchObject({ line: 3, column: 4 });
    expect(formatExprError(error as never)).toMatch(/^line 3, column 4: unknown name `missing`/);
  });

  it('collects every problem, not only the first', () => {
    const errors = errorsOf('foo + state.constructor + new Bar()');
    expect(errors.map((e) => [e.column, e.message.split(';')[0]])).toEqual([
      [1, 'unknown name `foo`'],
      [13, '`constructor` cannot be read in expressions'],
      [27, '`new` is not allowed in expressions'],
    ]);
  });

  it('lets arrow parameters extend the scope inside the body only', () => {
    expect(parseExpression('state.items.map(row => row.price * 2)', { scope }).ok).toBe(true);
    const [error] = errorsOf('state.items.map(row => row.price) + row');
    expect(error).toMatchObject({ message: expect.stringContaining('unknown name `row`'), column: 37 });
    const [inner] = errorsOf('state.items.map(row => other)');
    expect(inner?.message).toBe(`unknown name \`other\`; available: ${scope.join(', ')}, row`);
  });

  it('lets parameters shadow roots', () => {
    expect(evaluateExpression('[1, 2].map(state => state * 10)', { state: 5 })).toEqual([10, 20]);
    expect(referencesOf('state.items.map(state => state.x)')).toEqual([
      { root: 'state', path: ['items'], method: 'map' },
    ]);
  });

  it('treats undefined, NaN and Infinity as constants, not scope names', () => {
    expect(evaluateExpression('[undefined, NaN, Infinity, -Infinity]', {})).toEqual([
      undefined,
      NaN,
      Infinity,
      -Infinity,
    ]);
  });

  it('refuses scope lists that would open a hole', () => {
    for (const bad of ['constructor', 'toString', 'window', 'a-b', 'undefined']) {
      expect(() => parseExpression('1', { scope: [bad] })).toThrow('invalid expression scope');
    }
  });

  it('reports a value that is not text instead of throwing', () => {
    expect(parseExpression(42 as never, { scope })).toEqual({
      ok: false,
      errors: [{ message: 'expected the expression as text, got number', line: 1, column: 1 }],
    });
  });

  it('throws ExpressionError carrying the list from compile and evaluate', () => {
    try {
      compileExpression('foo.bar', { scope: ['state'] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ExpressionError);
      expect((error as ExpressionError).errors).toEqual([
        { message: 'unknown name `foo`; available: state', line: 1, column: 1 },
      ]);
      expect((error as Error).message).toBe('line 1, column 1: unknown name `foo`; available: state');
    }
  });
});

describe('references', () => {
  it('gives static member chains from the scope roots', () => {
    expect(referencesOf('state.form.name')).toEqual([{ root: 'state', path: ['form', 'name'] }]);
    expect(referencesOf('queries.list.data[0].title')).toEqual([{ root: 'queries', path: ['list', 'data'] }]);
    expect(referencesOf("app['theme'].color")).toEqual([{ root: 'app', path: [] }]);
    expect(referencesOf('state.user?.name')).toEqual([{ root: 'state', path: ['user', 'name'] }]);
  });

  it('separates a called method from the data path', () => {
    expect(referencesOf('code.orders.total(state.cart)')).toEqual([
      { root: 'code', path: ['orders'], method: 'total' },
      { root: 'state', path: ['cart'] },
    ]);
    expect(referencesOf('utils.formatDate(item.createdAt)')).toEqual([
      { root: 'utils', path: [], method: 'formatDate' },
      { root: 'item', path: ['createdAt'] },
    ]);
  });

  it('finds references everywhere in the tree, with offsets', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: expression source, not a JS template
    const source = '`${params.id}` + (form.a ? { x: auth.uid } : [event.detail.value, index])';
    const result = parseExpression(source, { scope });
    if (!result.ok) throw new Error('refused');
    expect(result.references.map((r) => source.slice(r.start, r.end))).toEqual([
      'params.id',
      'form.a',
      'auth.uid',
      'event.detail.value',
      'index',
    ]);
  });

  it('reports shorthand object properties and bare roots', () => {
    expect(referencesOf('{ state, n: utils.len(app) }')).toEqual([
      { root: 'state', path: [] },
      { root: 'utils', path: [], method: 'len' },
      { root: 'app', path: [] },
    ]);
  });
});
