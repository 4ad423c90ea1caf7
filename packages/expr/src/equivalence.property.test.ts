import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileExpression } from './compile';
import { evaluateExpression } from './evaluate';
import { ExpressionRuntimeError } from './runtime-error';
import { type Outcome, outcome, runCompiled } from './test-support';

// Sources are printed fully parenthesised; acorn drops the parentheses, so the compiler's own
// precedence printing is what gets tested.
const ROOTS = ['state', 'x', 'y', 'utils'];

const names = fc.constantFrom('a', 'b', 's', 'list', 'obj', 'n', 'u', 'length', 'missing', '0');
const shortText = fc.string({
  unit: fc.constantFrom('a', 'b', ' ', '-', 'A', '"', "'", '\\', '$', '{', '`', 'é'),
  maxLength: 5,
});

// template text with the escapes that must survive compilation untouched
const templateText = fc
  .array(fc.constantFrom('a', ' ', '\\`', '\\${', '$', '\\n', '\\u0041', '\\\\', 'é', '"', "'"), {
    maxLength: 4,
  })
  .map((parts) => parts.join(''));

const literal = fc.oneof(
  fc.integer({ min: -5, max: 20 }).map(String),
  fc.constantFrom('0.5', '1e3', '0x1f', '1_000', 'true', 'false', 'null', 'undefined', 'NaN', 'Infinity'),
  shortText.map((text) => JSON.stringify(text)),
  shortText.map((text) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`),
);

const identifier = fc.constantFrom('state', 'x', 'y', 'state.obj', 'state.list', 'state.s', 'state.a');

const BINARY = [
  '+',
  '-',
  '*',
  '/',
  '%',
  '**',
  '==',
  '!=',
  '===',
  '!==',
  '<',
  '<=',
  '>',
  '>=',
  '&',
  '|',
  '^',
  '<<',
  '>>',
  '>>>',
  'in',
];
const LOGICAL = ['&&', '||', '??'];
const UNARY = ['!', '-', '+', '~', 'typeof '];
const ARRAY_CALLBACK = ['map', 'filter', 'find', 'findIndex', 'some', 'every', 'flatMap', 'sort'];
const PLAIN_METHODS = [
  'includes',
  'indexOf',
  'slice',
  'join',
  'concat',
  'at',
  'toFixed',
  'toUpperCase',
  'toLowerCase',
  'trim',
  'split',
  'startsWith',
  'endsWith',
  'padStart',
  'replace',
  'replaceAll',
  'toString',
  'charAt',
];
const HELPERS = [
  'len',
  'keys',
  'values',
  'join',
  'includes',
  'max',
  'min',
  'round',
  'text',
  'isEmpty',
  'uniq',
  'json',
  'number',
  'get',
];

const { expr } = fc.letrec<{ expr: string }>((tie) => {
  const sub = tie('expr');
  const args = fc.array(sub, { maxLength: 2 });
  return {
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      literal,
      identifier,
      fc.tuple(fc.constantFrom(...UNARY), sub).map(([op, a]) => `(${op}(${a}))`),
      fc.tuple(sub, fc.constantFrom(...BINARY), sub).map(([a, op, b]) => `((${a}) ${op} (${b}))`),
      fc.tuple(sub, fc.constantFrom(...LOGICAL), sub).map(([a, op, b]) => `((${a}) ${op} (${b}))`),
      fc.tuple(sub, sub, sub).map(([a, b, c]) => `((${a}) ? (${b}) : (${c}))`),
      fc
        .tuple(sub, fc.boolean(), names)
        .map(([o, optional, name]) =>
          /^\d/.test(name)
            ? `(${o})${optional ? '?.' : ''}[${name}]`
            : `(${o})${optional ? '?.' : '.'}${name}`,
        ),
      fc.tuple(sub, fc.boolean(), sub).map(([o, optional, k]) => `(${o})${optional ? '?.' : ''}[${k}]`),
      fc
        .tuple(sub, fc.boolean(), fc.constantFrom(...ARRAY_CALLBACK), sub, fc.constantFrom('x', 'y'))
        .map(([o, optional, m, body, p]) => `(${o})${optional ? '?.' : '.'}${m}((${p}) => (${body}))`),
      fc.tuple(sub, sub, sub).map(([o, body, init]) => `(${o}).reduce((x, y) => (${body}), (${init}))`),
      fc
        .tuple(sub, fc.constantFrom('.', '?.'), fc.constantFrom(...PLAIN_METHODS), args, fc.boolean())
        .map(
          ([o, dot, m, list, optionalCall]) =>
            `(${o})${dot}${m}${optionalCall ? '?.' : ''}(${list.join(', ')})`,
        ),
      fc.tuple(fc.constantFrom(...HELPERS), args).map(([h, list]) => `utils.${h}(${list.join(', ')})`),
      fc
        .tuple(fc.constantFrom('x', 'y'), sub, sub, fc.boolean())
        .map(([p, body, arg, optional]) => `((${p}) => (${body}))${optional ? '?.' : ''}(${arg})`),
      fc.tuple(sub, sub).map(([f, a]) => `(${f})?.(${a})`),
      fc.tuple(templateText, sub, templateText).map(([a, b, c]) => `\`${a}\${${b}}${c}\``),
      fc
        .array(fc.tuple(fc.boolean(), sub), { maxLength: 3 })
        .map((items) => `[${items.map(([spread, e]) => (spread ? `...(${e})` : `(${e})`)).join(', ')}]`),
      fc
        .array(fc.tuple(fc.constantFrom('key', 'computed', 'spread', 'shorthand'), names, sub), {
          maxLength: 3,
        })
        .map(
          (props) =>
            `({ ${props
              .map(([kind, name, e]) =>
                kind === 'key'
                  ? `${JSON.stringify(name)}: (${e})`
                  : kind === 'computed'
                    ? `[${e}]: 1`
                    : kind === 'spread'
                      ? `...(${e})`
                      : 'x',
              )
              .join(', ')} })`,
        ),
    ),
  };
});

const plainValue = fc.oneof(
  fc.integer({ min: -3, max: 5 }),
  fc.constantFrom(0.5, -0, Number.NaN, Number.POSITIVE_INFINITY),
  shortText,
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const value = fc.oneof(
  { depthSize: 'small' },
  plainValue,
  fc.array(plainValue, { maxLength: 4 }),
  fc.dictionary(fc.constantFrom('a', 'b', 's', 'list'), plainValue, { maxKeys: 3 }),
);
const scopeArb = fc.record({
  state: fc.record({
    a: fc.integer({ min: -5, max: 10 }),
    b: shortText,
    s: shortText,
    list: fc.array(value, { maxLength: 4 }),
    obj: fc.record({ a: plainValue, b: plainValue, list: fc.array(plainValue, { maxLength: 3 }) }),
    n: fc.constant(null),
    u: fc.constant(undefined),
  }),
  x: value,
  y: value,
});

/** Same value, where functions only need to both be functions. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'function' || typeof b === 'function') return typeof a === typeof b;
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => same(item, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.join('\u0000') === kb.join('\u0000') &&
      ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return false;
}

function agree(compiled: Outcome, evaluated: Outcome): boolean {
  if ('value' in compiled && 'value' in evaluated) return same(compiled.value, evaluated.value);
  if ('error' in compiled && 'error' in evaluated) {
    const ours = [compiled.error, evaluated.error].map((e) => e instanceof ExpressionRuntimeError);
    if (ours[0] !== ours[1]) return false;
    return ours[0] ? compiled.error.message === evaluated.error.message : true;
  }
  return false;
}

describe('compiled code evaluates like the reference evaluator', () => {
  it('agrees on random expressions over the whole grammar', () => {
    fc.assert(
      fc.property(expr, scopeArb, (source, scope) => {
        const { code } = compileExpression(source, { scope: ROOTS });
        const compiled = outcome(() => runCompiled(code, structuredClone(scope)));
        const evaluated = outcome(() => evaluateExpression(source, structuredClone(scope), { scope: ROOTS }));
        if (!agree(compiled, evaluated)) {
          throw new Error(
            `disagree on ${source}\ncode: ${code}\ncompiled: ${describeOutcome(compiled)}\nevaluated: ${describeOutcome(evaluated)}`,
          );
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts every generated expression (the generator stays inside the allow-list)', () => {
    fc.assert(
      fc.property(expr, (source) => {
        expect(() => compileExpression(source, { scope: ROOTS })).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});

function describeOutcome(o: Outcome): string {
  return 'value' in o
    ? `value ${String(JSON.stringify(o.value))}`
    : `error ${o.error.name}: ${o.error.message}`;
}
