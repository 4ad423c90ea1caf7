import { evaluateExpression } from '@tessera/expr';
import {
  AppRuntime,
  memoryStorage,
  offlineServices,
  PageRuntime,
  type Platform,
} from '@tessera/runtime-core';
import { describe, expect, it } from 'vitest';
import { computeView, updateView, type ViewSpec } from './view';

const expr = (source: string) => (scope: Record<string, unknown>) => evaluateExpression(source, scope);

function open(state: Record<string, unknown>) {
  const platform = { storage: memoryStorage() } as unknown as Platform;
  const app = new AppRuntime(
    { id: 't', locales: { default: 'en', supported: ['en'] }, pages: {}, home: 'home' },
    { platform, services: offlineServices() },
  );
  const declared = Object.fromEntries(Object.entries(state).map(([name, initial]) => [name, { initial }]));
  return new PageRuntime(app, { id: 'home', path: '/', state: declared });
}

const view: ViewSpec = {
  bindings: [
    { key: 'b0', kind: 'text', value: expr("'Total ' + state.todos.length"), deps: [['state', 'todos']] },
    { key: 'b1', kind: 'text', value: expr('state.title'), deps: [['state', 'title']] },
  ],
  repeats: [
    {
      key: 'r0',
      items: expr('state.todos'),
      item: 'item',
      index: 'index',
      itemKey: 'id',
      bindings: [
        { key: 'b2', kind: 'text', value: expr('item.title'), deps: [] },
        { key: 'b3', kind: 'bool', value: expr('item.done'), deps: [] },
      ],
      repeats: [],
      deps: [['state', 'todos']],
    },
  ],
};

describe('view keys and setData paths', () => {
  const todos = Array.from({ length: 300 }, (_, i) => ({
    id: `t${i}`,
    title: `Todo ${i}`,
    done: false,
    notes: 'x'.repeat(200),
  }));

  it('rows carry only the keys the template uses', () => {
    const page = open({ todos, title: 'List' });
    const data = computeView(page, view);
    expect(data.b0).toBe('Total 300');
    expect((data.r0 as unknown[])[1]).toEqual({ k: 't1', b2: 'Todo 1', b3: false });
  });

  it('changing one item sends one path, not the list', () => {
    const page = open({ todos, title: 'List' });
    const data = computeView(page, view);
    page.store.set(['state', 'todos', '42', 'done'], true);
    const patch = updateView(page, view, data, page.commit());
    expect(patch).toEqual({ 'r0[42].b3': true });
  });

  it('recomputes only bindings whose paths changed', () => {
    const page = open({ todos, title: 'List' });
    const data = computeView(page, view);
    page.setState('page', 'title', undefined, 'Groceries');
    expect(updateView(page, view, data, page.commit())).toEqual({ b1: 'Groceries' });
  });

  it('a change in length or order sends the rows again', () => {
    const page = open({ todos: todos.slice(0, 3), title: 'List' });
    const data = computeView(page, view);
    page.setState('page', 'todos', undefined, todos.slice(1, 3));
    const patch = updateView(page, view, data, page.commit());
    expect(Object.keys(patch).sort()).toEqual(['b0', 'r0']);
    expect(patch.r0).toEqual([
      { k: 't1', b2: 'Todo 1', b3: false },
      { k: 't2', b2: 'Todo 2', b3: false },
    ]);
  });
});

describe('choice options', () => {
  it('carry an option’s disabled flag to the template (radio and checkbox disabled="{{item.disabled}}")', () => {
    const page = open({
      options: [
        { label: 'Morning', value: 'am' },
        { label: 'Afternoon (full)', value: 'pm', disabled: true },
      ],
    });
    const data = computeView(page, {
      bindings: [{ key: 'b0', kind: 'raw', value: expr('state.options'), derive: 'options', deps: [] }],
      repeats: [],
    });
    expect(data.b0).toEqual([
      { label: 'Morning', value: 'am', disabled: false },
      { label: 'Afternoon (full)', value: 'pm', disabled: true },
    ]);
  });
});

describe('a locale switch', () => {
  it('sends only the texts that change: i18n keys, and row keys inside repeats', async () => {
    const platform = { storage: memoryStorage() } as unknown as Platform;
    const app = new AppRuntime(
      { id: 't', locales: { default: 'en', supported: ['en', 'zh-CN'] }, pages: {}, home: 'home' },
      { platform, services: offlineServices() },
    );
    const rows = Array.from({ length: 300 }, (_, i) => ({ id: `r${i}`, notes: 'x'.repeat(200) }));
    const page = new PageRuntime(app, { id: 'home', path: '/', state: { rows: { initial: rows } } });
    const done = { $i18n: { en: 'Done', 'zh-CN': '完成' } };
    // as the compiler emits them: an i18n value depends on ['locale']
    const spec: ViewSpec = {
      bindings: [
        { key: 'b0', kind: 'text', value: { $i18n: { en: 'Tasks', 'zh-CN': '任务' } }, deps: [['locale']] },
        { key: 'b1', kind: 'text', value: expr("'Total ' + state.rows.length"), deps: [['state', 'rows']] },
        { key: 'b2', kind: 'text', value: expr('locale'), deps: [['locale']] },
      ],
      repeats: [
        {
          key: 'r0',
          items: expr('state.rows'),
          item: 'item',
          index: 'index',
          itemKey: 'id',
          bindings: [
            { key: 'b3', kind: 'text', value: done, deps: [['locale']] },
            { key: 'b4', kind: 'text', value: expr('item.notes'), deps: [] },
          ],
          repeats: [],
          deps: [['state', 'rows'], ['locale']],
        },
      ],
    };
    const data = computeView(page, spec);
    expect([data.b0, data.b2]).toEqual(['Tasks', 'en']);
    const changes: string[][] = [];
    page.onChange((paths) => changes.push(...paths.map((path) => [...path])));
    await page.run([{ type: 'setLocale', locale: 'zh-CN' }]);
    const patch = updateView(page, spec, data, changes);
    expect(patch.b0).toBe('任务');
    expect(patch.b2).toBe('zh-CN');
    expect(patch['r0[299].b3']).toBe('完成');
    expect(Object.keys(patch)).toHaveLength(2 + 300);
    expect(Object.keys(patch).some((key) => key === 'b1' || key.endsWith('.b4'))).toBe(false);
    // the 60 KB of row notes stay on the page
    expect(JSON.stringify(patch).length).toBeLessThan(8 * 1024);
  });
});
