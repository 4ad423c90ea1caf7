import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileExpression } from './compile';

const scope = ['state', 'item', 'queries', 'utils', 'code'];
const compile = (source: string) => compileExpression(source, { scope }).code;

describe('compiled code', () => {
  // the code appears in generated apps, so its shape is part of the contract
  it.each([
    ['state.count + 1', 'rt.get(scope.state, "count") + 1'],
    ['queries.list.data[0].title', 'rt.get(scope.queries, "list", "data", 0, "title")'],
    ['state.rows[item.i].name', 'rt.get(rt.get(scope.state, "rows"), rt.get(scope.item, "i"), "name")'],
    ['state.user?.name ?? "-"', 'rt.opt(rt.get(scope.state, "user"), ($0) => rt.get($0, "name")) ?? "-"'],
    [
      'state.items.filter(x => x.done).length',
      'rt.get(rt.call(rt.get(scope.state, "items"), "filter", [($x) => rt.get($x, "done")]), "length")',
    ],
    [
      'utils.formatDate(item.at, "YYYY")',
      'rt.call(rt.utils, "formatDate", [rt.get(scope.item, "at"), "YYYY"])',
    ],
    [
      'code.cart.total(state.items)',
      'rt.call(rt.get(scope.code, "cart"), "total", [rt.get(scope.state, "items")])',
    ],
    ['state.onPick?.(item)', 'rt.opt(rt.method(scope.state, "onPick"), ($0) => rt.invoke($0, [scope.item]))'],
    ['{ a: 1, [item.k]: 2, ...state }', '({ "a": 1, [rt.key(rt.get(scope.item, "k"))]: 2, ...scope.state })'],
    ['(1 + 2) * 3 - -item.n', '(1 + 2) * 3 - -rt.get(scope.item, "n")'],
    ['(a => b => a - b)(1)(2)', 'rt.invoke(rt.invoke(($a) => ($b) => $a - $b, [1]), [2])'],
    ['(-2) ** 2 + 2 ** -1', '(-2) ** 2 + 2 ** -1'],
    ['state.x.map(a => ({ a }))', 'rt.call(rt.get(scope.state, "x"), "map", [($a) => ({ "a": $a })])'],
    ['{ a: 1 }.a', 'rt.get({ "a": 1 }, "a")'],
    ['{} ? 1 : 2', '({} ? 1 : 2)'],
  ])('%s', (source, expected) => {
    expect(compile(source)).toBe(expected);
  });

  it('runs as an ES module that imports the runtime, with no eval or new Function', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tessera-expr-'));
    try {
      const runtime = fileURLToPath(new URL('./runtime.ts', import.meta.url));
      const sources = {
        total: 'state.items.reduce((sum, x) => sum + x.price * x.qty, 0)',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: expression source, not a JS template
        label: '`${utils.len(state.items)} items, first: ${state.items[0]?.name ?? "none"}`',
        cheap: 'state.items.filter(x => x.price < 5).map(x => x.name).sort()',
      };
      const body = Object.entries(sources)
        .map(([name, source]) => `export const ${name} = (scope) => ${compile(source)};`)
        .join('\n');
      const file = join(dir, 'bindings.ts');
      await writeFile(file, `import * as rt from ${JSON.stringify(runtime)};\n${body}\n`);
      expect(body).not.toMatch(/\beval\b|\bFunction\b/);
      const bindings = await import(/* @vite-ignore */ file);
      const data = {
        state: {
          items: [
            { name: 'pen', price: 2, qty: 3 },
            { name: 'book', price: 12, qty: 1 },
            { name: 'cup', price: 4, qty: 2 },
          ],
        },
      };
      expect(bindings.total(data)).toBe(26);
      expect(bindings.label(data)).toBe('3 items, first: pen');
      expect(bindings.cheap(data)).toEqual(['cup', 'pen']);
      expect(bindings.label({ state: { items: [] } })).toBe('0 items, first: none');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
