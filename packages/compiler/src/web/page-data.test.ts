import { runInNewContext } from 'node:vm';
import { hydratePage } from '@tessera/runtime-web/page-data';
import { describe, expect, it } from 'vitest';
import { CompileError } from '../errors';
import { dataModule, dataValue, jsonLiteral, PageFunctions } from './page-data';

const roots = ['state', 'item'];
const Text = () => null;

/** dataValue's JSON through the text the module carries, revived with stand-ins for the functions. */
function roundTrip(value: unknown) {
  const functions = new PageFunctions();
  const { data, deps } = dataValue(value, roots, '/pages/0/root/props/x', functions);
  const stand = functions.sources.map((source) => ({ source }));
  const text = JSON.stringify({ defaults: {}, descriptor: data, root: { id: 'r', name: 'Text' } });
  const module = { data: JSON.parse(text), functions: () => stand };
  return { revived: hydratePage(module, {}).descriptor as unknown, functions, deps };
}

describe('page data (expressions as markers in JSON)', () => {
  it('replaces each expression by its function, written once however often it is used', () => {
    const { revived, functions, deps } = roundTrip({
      a: { $expr: 'state.count + 1' },
      b: [{ $expr: 'state.count + 1' }, { $expr: 'item.title' }],
      c: { $i18n: { en: 'Hi', 'zh-CN': '你好' } },
    });
    expect(functions.sources).toEqual([
      '(scope) => rt.get(scope.state, "count") + 1',
      '(scope) => rt.get(scope.item, "title")',
    ]);
    expect(revived).toEqual({
      a: { source: functions.sources[0] },
      b: [{ source: functions.sources[0] }, { source: functions.sources[1] }],
      c: { $i18n: { en: 'Hi', 'zh-CN': '你好' } },
    });
    expect(deps).toContainEqual(['state', 'count']);
  });

  it('keeps literal objects whose keys look like markers, with expressions inside them still live', () => {
    const literal = { $f: 3, $lit: { $f: 'x' }, inner: { $expr: 'state.count' }, plain: [1, null, 'two'] };
    const { revived, functions } = roundTrip({ data: literal });
    expect(revived).toEqual({
      data: { $f: 3, $lit: { $f: 'x' }, inner: { source: functions.sources[0] }, plain: [1, null, 'two'] },
    });
  });

  it('names the pointer, line and column of a bad expression', () => {
    expect(() =>
      dataValue({ $expr: 'state.' }, roots, '/pages/2/root/props/text', new PageFunctions()),
    ).toThrow(CompileError);
    const error = (() => {
      try {
        dataValue({ $expr: 'nope + 1' }, roots, '/pages/2/root/props/text', new PageFunctions());
      } catch (thrown) {
        return thrown as CompileError;
      }
    })();
    expect(error?.issues[0]?.pointer).toBe('/pages/2/root/props/text/$expr');
    expect(error?.issues[0]?.message).toMatch(/nope.*1:1/);
  });

  it('fills in default props, resolves components and leaves unknown ones null', () => {
    const page = hydratePage(
      {
        data: {
          defaults: { Text: { text: '', align: 'left' } },
          descriptor: { id: 'p', path: '/', forms: {} },
          root: { id: 'r', name: 'Page', children: [{ id: 't', name: 'Text', props: { text: 'Hi' } }] },
        },
        functions: () => [],
      },
      { Text },
    );
    expect(page.root.component).toBeNull();
    expect(page.root.deps).toEqual([]);
    expect(page.root.children?.[0]).toMatchObject({ component: Text, props: { text: 'Hi', align: 'left' } });
  });

  it('writes a data module whose functions run on the real expression runtime', async () => {
    const functions = new PageFunctions();
    const { data } = dataValue(
      { text: { $expr: "'Hi ' + state.name" }, count: { $expr: 'state.items.filter(x => x.on).length' } },
      roots,
      '/pages/0/root/props',
      functions,
    );
    const source = dataModule({ defaults: {}, descriptor: data, root: { id: 'r', name: 'Text' } }, functions);
    const module = await import(`data:text/javascript,${encodeURIComponent(source)}`);
    const page = hydratePage(module, { Text });
    const descriptor = page.descriptor as unknown as Record<string, (scope: unknown) => unknown>;
    const scope = { state: { name: 'Ada', items: [{ on: true }, { on: false }, { on: true }] } };
    expect(descriptor.text?.(scope)).toBe('Hi Ada');
    expect(descriptor.count?.(scope)).toBe(2);
    expect(page.root.component).toBe(Text);
    // Nothing imported: the module is served as it is, beside the bundle's chunks.
    expect(source).not.toMatch(/\bimport\b/);
  });

  it('writes a data module without functions when the page has no expressions', async () => {
    const source = dataModule(
      { defaults: {}, descriptor: {}, root: { id: 'r', name: 'Text' } },
      new PageFunctions(),
    );
    const module = await import(`data:text/javascript,${encodeURIComponent(source)}`);
    expect(module.functions({})).toEqual([]);
  });

  it('writes the JSON as a JavaScript string that reads back the same, whatever the text holds', () => {
    const data = {
      quote: "it's",
      backslash: 'C:\\tmp\\',
      lines: 'a\nb\u2028c',
      tag: '</script>',
      emoji: '证件 🚀',
    };
    const literal = jsonLiteral(data);
    expect(literal.startsWith("'")).toBe(true);
    expect(JSON.parse(runInNewContext(literal) as string)).toEqual(data);
  });
});
