import { describe, expect, it } from 'vitest';
import { compileExpression } from './compile';
import { evaluateExpression } from './evaluate';
import { parseExpression } from './parse';
import { compileAndRun } from './test-support';

const scope = {
  state: {
    count: 3,
    name: 'Ada',
    items: [
      { title: 'b', done: true, price: 2 },
      { title: 'a', done: false, price: 5 },
    ],
    user: null as null | { name: string },
    tags: ['x', 'y'],
    when: new Date(2024, 0, 31, 9, 5),
  },
  app: { locale: 'en' },
  params: { id: '42' },
  code: { cart: { total: (items: { price: number }[]) => items.reduce((sum, item) => sum + item.price, 0) } },
};

// each accepted expression, with the value both the compiled code and the evaluator must give
const allowed: [string, unknown][] = [
  ['1 + 2 * 3', 7],
  ['2 ** 3 ** 2', 512],
  ['(-2) ** 2', 4],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: expression source, not a JS template
  ["'a' + `b${state.count}c`", 'ab3c'],
  ['null ?? 1', 1],
  ['(state.user ?? { name: "anon" }).name', 'anon'],
  ['state.user?.name', undefined],
  ['state.user?.name.length', undefined],
  ['state.items[0].title', 'b'],
  ["state.items[1]['price']", 5],
  ['state.items.length', 2],
  ['state.name.length', 3],
  ['state.items.map(item => item.title).join(",")', 'b,a'],
  ['state.items.filter(item => !item.done).length', 1],
  ['state.items.find(i => i.price > 3).title', 'a'],
  ['state.items.findIndex(i => i.done)', 0],
  ['state.items.some(i => i.done) && state.items.every(i => i.price > 1)', true],
  ['state.items.reduce((sum, i) => sum + i.price, 0)', 7],
  ['state.items.sort((a, b) => a.title < b.title ? -1 : 1).map(i => i.title)', ['a', 'b']],
  ['state.items.map(i => i.title)', ['b', 'a']],
  ['state.tags.includes("y") ? "yes" : "no"', 'yes'],
  ['state.tags.indexOf("y")', 1],
  ['state.tags.slice(1).concat(["z"])', ['y', 'z']],
  ['[...state.tags, "z"]', ['x', 'y', 'z']],
  ['{ ...params, page: 2 }', { id: '42', page: 2 }],
  ['{ [state.name]: 1 }', { Ada: 1 }],
  ['{ state }.state.count', 3],
  ['(1.5).toFixed(2)', '1.50'],
  ['" Ada ".trim().toUpperCase()', 'ADA'],
  ['state.name.toLowerCase().startsWith("ad")', true],
  ['"a-b-c".split("-")', ['a', 'b', 'c']],
  ['"a-b-c".replace("-", "+")', 'a+b-c'],
  ['"5".padStart(3, "0")', '005'],
  ['typeof state.count', 'number'],
  ['!state.user', true],
  ['~1', -2],
  ['"count" in state', true],
  ['state.count >= 3 || state.count < 0', true],
  ['state.count !== 3 ? "a" : state.count === 3 ? "b" : "c"', 'b'],
  ['state.count == "3"', true],
  ['undefined === state.missing', true],
  ['NaN !== NaN', true],
  ['utils.formatDate(state.when, "YYYY-MM-DD HH:mm")', '2024-01-31 09:05'],
  ['utils.len(state.items) + utils.max(1, 9, 4)', 11],
  ['utils.round(2.345, 2)', 2.35],
  ['code.cart.total(state.items)', 7],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: expression source, not a JS template
  ['state.items.map((item, i) => `${i}:${item.title}`)', ['0:b', '1:a']],
  ['(x => y => x + y)(1)(2)', 3],
  ['state.when.getFullYear()', 2024],
  ['/* a comment */ state.count // trailing', 3],
  ['state.count\n  + 1', 4],
];

describe('accepted syntax', () => {
  it.each(allowed)('%s', (source, expected) => {
    expect(compileAndRun(source, scope)).toEqual(expected);
    expect(evaluateExpression(source, scope)).toEqual(expected);
  });
});

const roots = ['state', 'app', 'params', 'utils', 'code'];

// each refused expression, with the message fragment and the 1-based position of the first error
const refused: [string, string, number, number][] = [
  ['state.count = 1', 'assignment is not allowed', 1, 1],
  ['state.count += 1', 'assignment is not allowed', 1, 1],
  ['state.count++', '`++` and `--` are not allowed', 1, 1],
  ['--state.count', '`++` and `--` are not allowed', 1, 1],
  ['1 + new Date()', '`new` is not allowed in expressions', 1, 5],
  ['this.state', '`this` is not allowed', 1, 1],
  ['state.a, state.b', 'only one expression is allowed', 1, 1],
  ['state.a; state.b', 'only one expression is allowed', 1, 8],
  ['state.a state.b', 'only one expression is allowed', 1, 9],
  ['await state.a', '`await` is not allowed', 1, 1],
  ['import("x")', '`import()` is not allowed', 1, 1],
  ['import.meta', '`import.meta` and `new.target` are not allowed', 1, 1],
  ['(class {})', 'classes are not allowed', 1, 2],
  ['(function () { return 1 })', '`function` is not allowed', 1, 2],
  ['state.f`x`', 'tagged templates are not allowed', 1, 1],
  ['/abc/.test(state.name)', 'regular expressions are not allowed', 1, 1],
  ['10n', 'big integers', 1, 1],
  ['delete state.a', '`delete` is not allowed', 1, 1],
  ['void 0', '`void` is not allowed', 1, 1],
  ['state instanceof app', '`instanceof` is not allowed', 1, 1],
  ['state.items.map(x => { return x })', 'arrow functions must return an expression', 1, 22],
  ['state.items.map(async x => x)', '`async` arrows are not allowed', 1, 17],
  ['state.items.map(({ a }) => a)', 'arrow parameters must be plain names', 1, 18],
  ['state.items.map((a = 1) => a)', 'arrow parameters must be plain names', 1, 18],
  ['state.items.map((...a) => a)', 'arrow parameters must be plain names', 1, 18],
  ['({ get a() { return 1 } })', 'getters, setters and methods are not allowed', 1, 4],
  ['({ f() { return 1 } })', 'getters, setters and methods are not allowed', 1, 4],
  ['[1, , 2]', 'empty array slots are not allowed', 1, 1],
  ['state.items.push(1)', 'method `push` is not allowed', 1, 13],
  ['state.items.splice(0)', 'method `splice` is not allowed', 1, 13],
  ['code.cart.total.call(null, 1)', 'method `call` is not allowed', 1, 17],
  ['utils.nope(1)', 'unknown helper `utils.nope`', 1, 1],
  ['', 'the expression is empty', 1, 1],
  ['if (state.a) 1', '`if` statements are not allowed; write one expression', 1, 1],
  ['  let x = 1', '`let` statements are not allowed', 1, 3],
  ['return state', '`return` statements are not allowed', 1, 1],
  ['state.', 'the expression ends too early', 1, 7],
  ['state +', 'the expression ends too early', 1, 8],
  ['state.a )', 'only one expression is allowed', 1, 9],
  ['(state.a', 'the expression ends too early', 1, 9],
  ['state.a ? : 1', 'unexpected token', 1, 11],
];

describe('refused syntax', () => {
  it.each(refused)('%s', (source, message, line, column) => {
    const result = parseExpression(source, { scope: roots });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]?.message).toContain(message);
    expect(result.errors[0]).toMatchObject({ line, column });
    expect(() => compileExpression(source, { scope: roots })).toThrow(message);
    expect(() => evaluateExpression(source, {}, { scope: roots })).toThrow(message);
  });
});

describe('size limits', () => {
  it.each([
    ['a long sum', `1${' + 1'.repeat(300)}`, 'nested more than 200 levels deep'],
    ['deep parentheses', `${'('.repeat(5000)}1${')'.repeat(5000)}`, 'nested too deeply'],
    ['a huge text', `"${'x'.repeat(20_000)}"`, 'longer than 20000 characters'],
  ])('refuses %s', (_name, source, message) => {
    const result = parseExpression(source, { scope: roots });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.message).toContain(message);
  });

  it('accepts a reasonably long sum', () => {
    expect(evaluateExpression(`1${' + 1'.repeat(150)}`, {})).toBe(151);
  });
});
