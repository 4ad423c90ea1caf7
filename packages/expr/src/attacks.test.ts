import { describe, expect, it } from 'vitest';
import { compileExpression } from './compile';
import { evaluateExpression } from './evaluate';
import { parseExpression } from './parse';
import { ExpressionRuntimeError } from './runtime-error';
import { runCompiled } from './test-support';

const SECRET = { secret: 'reached a hidden value' };

class Holder {
  visible = 1;
  hidden(): unknown {
    return SECRET;
  }
}
Object.defineProperty(Holder.prototype, 'inheritedSecret', { value: SECRET });

function makeScope() {
  return {
    state: {
      key: 'constructor',
      proto: '__proto__',
      m: 'map',
      items: [1, 2, 3],
      str: 'text',
      holder: new Holder(),
      fn: (x: unknown) => x,
    },
    code: { block: { echo: (x: unknown) => x } },
  };
}
const roots = ['state', 'utils', 'code'];

type Expectation = { refused: string } | { throws: string } | { value: unknown };

// at least 25 routes to constructors, prototypes and globals; each must be refused or fail safely
const attacks: [string, Expectation][] = [
  ['state.constructor', { refused: '`constructor` cannot be read in expressions' }],
  ["state['constructor']", { refused: '`constructor` cannot be read' }],
  ['state[`constructor`]', { refused: '`constructor` cannot be read' }],
  ["state['constr' + 'uctor']", { throws: '`constructor` cannot be read' }],
  ['state[state.key]', { throws: '`constructor` cannot be read' }],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: expression source, not a JS template
  ['state[`constr${"uctor"}`]', { throws: '`constructor` cannot be read' }],
  ["state[['constructor']]", { throws: '`constructor` cannot be read' }],
  ["state[{ toString: () => 'constructor' }]", { throws: '`constructor` cannot be read' }],
  ['state.items.map.constructor', { refused: '`constructor` cannot be read' }],
  ["state.items['map']['constructor']('return globalThis')()", { refused: '`constructor` cannot be read' }],
  ['state.items[state.m][state.key]', { throws: '`constructor` cannot be read' }],
  ['state.items[state.m](x => x * 2)', { value: [2, 4, 6] }],
  ['state.items.map[state.key]', { throws: '`constructor` cannot be read' }],
  ['state.items.map(x => x)[state.key]', { throws: '`constructor` cannot be read' }],
  ["''.constructor.constructor('return process')()", { refused: '`constructor` cannot be read' }],
  ["''[state.key][state.key]('return process')()", { throws: '`constructor` cannot be read' }],
  ['(x => x).constructor', { refused: '`constructor` cannot be read' }],
  ['(x => x)[state.key]', { throws: '`constructor` cannot be read' }],
  ['(x => x).call', { throws: 'cannot read `call` of a function' }],
  ['state.fn.bind', { throws: 'cannot read `bind` of a function' }],
  ['state.fn.caller', { refused: '`caller` cannot be read' }],
  ['state.fn.arguments', { refused: '`arguments` cannot be read' }],
  ['state.items.concat.apply', { throws: 'cannot read `apply` of undefined' }],
  ['code.block.echo.call(null, 1)', { refused: 'method `call` is not allowed' }],
  ["code.block.echo['call'](null, 1)", { refused: 'method `call` is not allowed' }],
  ['state.__proto__', { refused: '`__proto__` cannot be read' }],
  ["state['__proto__']", { refused: '`__proto__` cannot be read' }],
  ['state[state.proto]', { throws: '`__proto__` cannot be read' }],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: expression source, not a JS template
  ['state[`__${"proto"}__`]', { throws: '`__proto__` cannot be read' }],
  ['state.prototype', { refused: '`prototype` cannot be read' }],
  ['state.items.__defineGetter__', { refused: '`__defineGetter__` cannot be read' }],
  ["state.__lookupGetter__('x')", { refused: '`__lookupGetter__` cannot be read' }],
  ['({ __proto__: state }).items', { refused: '`__proto__` cannot be used as a key' }],
  ["({ '__proto__': state }).items", { refused: '`__proto__` cannot be used as a key' }],
  ["({ ['__proto__']: state }).items", { refused: '`__proto__` cannot be used as a key' }],
  ['({ [state.proto]: state }).items', { throws: '`__proto__` cannot be read' }],
  ["({ [{ toString: () => '__proto__' }]: state }).items", { throws: '`__proto__` cannot be read' }],
  ['({ constructor: 1 })', { refused: '`constructor` cannot be used as a key' }],
  ['({ ...state }).constructor', { refused: '`constructor` cannot be read' }],
  ['state?.constructor', { refused: '`constructor` cannot be read' }],
  ["state?.['constructor']", { refused: '`constructor` cannot be read' }],
  ['state?.[state.key]', { throws: '`constructor` cannot be read' }],
  ['state.items.map?.constructor', { refused: '`constructor` cannot be read' }],
  ['state.items?.[state.key]?.(1)', { throws: '`constructor` cannot be read' }],
  ['state.items.find(x => x.constructor)', { refused: '`constructor` cannot be read' }],
  [
    'state.items.map(constructor => constructor)',
    { refused: '`constructor` cannot be used as a parameter name' },
  ],
  ['toString', { refused: 'unknown name `toString`' }],
  ['valueOf()', { refused: 'unknown name `valueOf`' }],
  ['constructor', { refused: '`constructor` is not available in expressions' }],
  ['globalThis', { refused: '`globalThis` is not available in expressions' }],
  ['window.location', { refused: '`window` is not available' }],
  ['self', { refused: '`self` is not available' }],
  ["eval('1')", { refused: '`eval` is not available' }],
  ["Function('return this')()", { refused: '`Function` is not available' }],
  ['process.env', { refused: '`process` is not available' }],
  ["require('fs')", { refused: '`require` is not available' }],
  ['import("fs")', { refused: '`import()` is not allowed' }],
  ["utils.get(state, 'constructor')", { throws: '`constructor` cannot be read' }],
  ["utils.get(state, '__proto__.items')", { throws: '`__proto__` cannot be read' }],
  ["utils.get(utils.len, 'name')", { throws: 'cannot read `name` of a function' }],
  ['utils.len[state.key]', { throws: '`constructor` cannot be read' }],
  ["utils['constructor']", { refused: '`constructor` cannot be read' }],
  ['state.holder.hidden()', { throws: '`hidden` is not an allowed method of an object' }],
  ['state.holder.hidden', { value: undefined }],
  ['state.holder.inheritedSecret', { value: undefined }],
  ['state.holder.visible', { value: 1 }],
  ['state.items.toString()', { throws: '`toString` is not an allowed method of an array' }],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: expression source, not a JS template
  ['`${state.items.map}`', { value: 'undefined' }],
  ['state.str.repeat(2000000)', { throws: 'would build a text longer than' }],
  ["state.str.replace({ toString: () => 'x' }, 'y')", { throws: '`replace` takes a text pattern' }],
];

describe('forbidden names and globals, by every route', () => {
  it('covers at least 25 attacks', () => {
    expect(attacks.length).toBeGreaterThanOrEqual(25);
  });

  it.each(attacks)('%s', (source, expectation) => {
    if ('refused' in expectation) {
      const result = parseExpression(source, { scope: roots });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.map((e) => e.message).join('; ')).toContain(expectation.refused);
      return;
    }
    const { code } = compileExpression(source, { scope: roots });
    const compiled = () => runCompiled(code, makeScope());
    const evaluated = () => evaluateExpression(source, makeScope(), { scope: roots });
    if ('throws' in expectation) {
      expect(compiled).toThrow(ExpressionRuntimeError);
      expect(compiled).toThrow(expectation.throws);
      expect(evaluated).toThrow(ExpressionRuntimeError);
      expect(evaluated).toThrow(expectation.throws);
    } else {
      expect(compiled()).toEqual(expectation.value);
      expect(evaluated()).toEqual(expectation.value);
    }
  });

  it('never lets a host function hand back a global', () => {
    const scope = { code: { leak: { global: () => globalThis, fn: () => Function } } };
    for (const source of ['code.leak.global()', 'code.leak.fn()', '[1].map(code.leak.global)']) {
      const { code } = compileExpression(source, { scope: ['code'] });
      expect(() => runCompiled(code, scope)).toThrow('expressions cannot reach global objects');
      expect(() => evaluateExpression(source, scope)).toThrow('expressions cannot reach global objects');
    }
  });

  it('generated code never contains eval or the Function constructor', () => {
    for (const [source, expectation] of attacks) {
      if ('refused' in expectation) continue;
      const { code } = compileExpression(source, { scope: roots });
      expect(code).not.toMatch(/\beval\b|\bFunction\b|\bglobalThis\b/);
    }
  });
});
