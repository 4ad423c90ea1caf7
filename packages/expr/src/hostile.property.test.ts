import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileExpression } from './compile';
import { evaluateExpression } from './evaluate';
import { parseExpression } from './parse';
import { type Outcome, outcome, runCompiled } from './test-support';

// Hostile expressions: random compositions of forbidden names reached by every route we can think of.
// Whatever is accepted must never return, or hide inside its result, a global, a constructor or a sentinel.

const SECRET = Object.freeze({ secret: 'sentinel behind a prototype' });
let hiddenCalls = 0;
class Holder {
  visible = 'ok';
  hidden(): unknown {
    hiddenCalls++;
    return SECRET;
  }
}
Object.defineProperty(Holder.prototype, 'inheritedSecret', { value: SECRET });

// containers whose prototypes hide the sentinel too, so every route starts next to one
class SentinelArray<T> extends Array<T> {}
Object.defineProperty(SentinelArray.prototype, 'inheritedSecret', { value: SECRET });

const KEYS = [
  'constructor',
  '__proto__',
  'prototype',
  'caller',
  'callee',
  'arguments',
  '__defineGetter__',
  '__lookupGetter__',
  'call',
  'apply',
  'bind',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'map',
  'hidden',
  'inheritedSecret',
  'secret',
  'visible',
  'length',
  '0',
];

const UNREACHABLE: ReadonlySet<unknown> = new Set<unknown>([
  globalThis,
  Function,
  // biome-ignore lint/security/noGlobalEval: compared against, never called
  eval,
  process,
  Object,
  Reflect,
  Function.prototype,
  Object.prototype,
  Array.prototype,
  String.prototype,
  Number.prototype,
  Holder,
  Holder.prototype,
  SentinelArray,
  SentinelArray.prototype,
  SECRET,
  Object.getPrototypeOf(async () => {}).constructor,
  Object.getPrototypeOf(function* () {}).constructor,
]);

function makeScope() {
  const state = Object.assign(new Holder(), {
    holder: new Holder(),
    fn: (value: unknown) => value,
    items: SentinelArray.from([3, 1, 2]),
    words: [...KEYS],
    text: 'text',
  });
  const block = Object.assign(new Holder(), { echo: (value: unknown) => value });
  return { state, code: { block } };
}
const ROOTS = ['state', 'code', 'utils'];

function splitKey(k: string, at: number): [string, string] {
  const i = Math.min(at, k.length);
  return [k.slice(0, i), k.slice(i)];
}

const keyExpr = fc
  .tuple(fc.integer({ min: 0, max: KEYS.length - 1 }), fc.integer({ min: 0, max: 12 }), fc.nat(9))
  .map(([index, at, form]) => {
    const k = KEYS[index] as string;
    const [a, b] = splitKey(k, at);
    switch (form) {
      case 0:
        return `'${k}'`;
      case 1:
        return `'${a}' + '${b}'`;
      case 2:
        return `\`\${'${a}'}${b}\``;
      case 3:
        return `state.words[${index}]`;
      case 4:
        return `['${k}']`;
      case 5:
        return `({ toString: () => '${k}' })`;
      case 6:
        return `utils.join(['${a}', '${b}'], '')`;
      case 7:
        return `'${a}'.concat('${b}')`;
      case 8:
        return `[...'${k}'].join('')`;
      default:
        return `\`${k}\``;
    }
  });

const staticName = fc.constantFrom(...KEYS.filter((k) => /^[a-z_]/i.test(k)));

const LEAVES = [
  'state',
  'state.holder',
  'state.fn',
  'state.items',
  'state.text',
  'code.block',
  'code.block.echo',
  'utils',
  'utils.len',
  '(x => x)',
  "''",
  '[]',
  '0',
  '({})',
];

type Step = (o: string, k: string, name: string, arg: string) => string;

// one access each; a hostile expression is a leaf followed by a few of these
const STEPS: Step[] = [
  (o, k) => `(${o})[${k}]`,
  (o, k) => `(${o})?.[${k}]`,
  (o, _, n) => `(${o}).${n}`,
  (o, _, n) => `(${o})?.${n}`,
  (o, k, _, a) => `(${o})[${k}](${a})`,
  (o, k, _, a) => `(${o})[${k}]?.(${a})`,
  (o, _, n, a) => `(${o}).${n}(${a})`,
  (o, k) => `utils.get(${o}, ${k})`,
  (o, k) => `({ [${k}]: ${o} })[${k}]`,
  (o, _, n) => `({ ${n}: ${o} })`,
  (o) => `({ ...(${o}) })`,
  (o) => `[${o}][0]`,
  (o, _, __, a) => `(${o})(${a})`,
  (o, k) => `state.items.map(x => (${o})[${k}])`,
  (o, k) => `state.items.reduce((a, b) => a[${k}], ${o})`,
  (o, k) => `state.items.map(code.block.echo).find(x => (${o})[${k}])`,
  (o) => `code.block.echo(${o})`,
  (o) => `\`\${${o}}\``,
  (o) => `utils.values(${o})`,
  (o) => `utils.entries(${o})`,
];

const step = fc.tuple(fc.nat(STEPS.length - 1), keyExpr, staticName);

function chainOf(leaf: string, steps: [number, string, string][], arg: string): string {
  return steps.reduce((o, [form, k, n]) => (STEPS[form] as Step)(o, k, n, arg), leaf);
}

const simpleChain = fc
  .tuple(fc.constantFrom(...LEAVES), fc.array(step, { minLength: 1, maxLength: 2 }))
  .map(([leaf, steps]) => chainOf(leaf, steps, '1'));

const target = fc
  .tuple(
    fc.constantFrom(...LEAVES),
    fc.array(step, { minLength: 1, maxLength: 4 }),
    fc.oneof(fc.constantFrom('1', "'x'", 'null', '(x => x)'), simpleChain),
  )
  .map(([leaf, steps, arg]) => chainOf(leaf, steps, arg));

/** Walks a result (and what it holds) looking for anything that must stay out of reach. */
function reachesForbidden(value: unknown, depth = 0, seen = new Set<unknown>()): boolean {
  if (UNREACHABLE.has(value)) return true;
  if (depth > 4 || value === null || typeof value !== 'object' || seen.has(value)) return false;
  seen.add(value);
  if (Object.getPrototypeOf(value) === null) return false;
  return Reflect.ownKeys(value).some((k) => {
    const descriptor = Object.getOwnPropertyDescriptor(value, k);
    return (
      descriptor !== undefined && 'value' in descriptor && reachesForbidden(descriptor.value, depth + 1, seen)
    );
  });
}

function safe(result: Outcome): boolean {
  return 'error' in result || !reachesForbidden(result.value);
}

describe('hostile expressions never reach globals', () => {
  it('no accepted expression returns a global, a constructor or a sentinel, compiled or evaluated', () => {
    let accepted = 0;
    let values = 0;
    fc.assert(
      fc.property(target, (source) => {
        const parsed = parseExpression(source, { scope: ROOTS });
        if (!parsed.ok) return;
        accepted++;
        const { code } = compileExpression(source, { scope: ROOTS });
        const scope = makeScope();
        const compiled = outcome(() => runCompiled(code, scope));
        const evaluated = outcome(() => evaluateExpression(source, scope, { scope: ROOTS }));
        if ('value' in compiled) values++;
        if (!safe(compiled) || !safe(evaluated))
          throw new Error(`reached something forbidden: ${source}\n${code}`);
        expect(hiddenCalls).toBe(0);
        expect([...scope.state.items]).toEqual([3, 1, 2]);
        expect(Object.keys(Object.prototype)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
    // the generator must produce enough accepted expressions, some of which run to a value
    expect(accepted).toBeGreaterThan(300);
    expect(values).toBeGreaterThan(50);
  });

  it('the sentinel check itself detects a leak', () => {
    expect(reachesForbidden([{ a: SECRET }])).toBe(true);
    expect(reachesForbidden({ f: Function })).toBe(true);
    expect(reachesForbidden({ ok: [1, 'x'] })).toBe(false);
  });
});
