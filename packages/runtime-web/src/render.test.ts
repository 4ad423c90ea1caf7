import { createRequire } from 'node:module';
import { Page, Text } from '@tessera/components/web';
import {
  AppRuntime,
  memoryStorage,
  offlineServices,
  PageRuntime,
  type Platform,
  type Scope,
} from '@tessera/runtime-core';
import { act, createElement as h } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeView, PageContext } from './render';
import type { CompiledNode } from './types';

// jsdom ships no types; only a window with a document is needed here.
const { JSDOM } = createRequire(import.meta.url)('jsdom') as {
  JSDOM: new (html: string) => { window: Window & typeof globalThis & { close(): void } };
};
const dom = new JSDOM('<!doctype html><html><body></body></html>');
beforeAll(() => {
  Object.assign(globalThis, {
    window: dom.window,
    document: dom.window.document,
    IS_REACT_ACT_ENVIRONMENT: true,
  });
  if (!('navigator' in globalThis)) Object.assign(globalThis, { navigator: dom.window.navigator });
});
afterAll(() => dom.window.close());

const platform: Platform = {
  navigate: async () => {},
  navigateBack: async () => {},
  showToast: async () => {},
  showModal: async () => true,
  openUrl: async () => {},
  chooseFile: async () => null,
  storage: memoryStorage(),
};

const text = (id: string, read: (scope: Scope) => unknown, deps: string[][]): CompiledNode => ({
  id,
  name: 'Text',
  component: Text,
  props: { text: read as never },
  deps,
});

const tree: CompiledNode = {
  id: 'root',
  name: 'Page',
  component: Page,
  props: {},
  deps: [],
  children: [
    text('count', (s) => `Count ${(s.state as { count: number }).count}`, [['state', 'count']]),
    text('other', (s) => (s.state as { other: string }).other, [['state', 'other']]),
    {
      ...text('row', (s) => (s.item as { n: string }).n, []),
      repeat: {
        items: ((s: Scope) => (s.state as { items: unknown[] }).items) as never,
        item: 'item',
        index: 'index',
        key: 'id',
      },
      repeatDeps: [['state', 'items']],
    },
  ],
};

async function mount() {
  const { createRoot } = await import('react-dom/client');
  const app = new AppRuntime(
    { id: 't', locales: { default: 'en', supported: ['en'] }, pages: {}, home: 'home' },
    { platform, services: offlineServices() },
  );
  const page = new PageRuntime(app, {
    id: 'home',
    path: '/',
    state: {
      count: { initial: 0 },
      other: { initial: 'a' },
      items: {
        initial: [
          { id: 1, n: 'x' },
          { id: 2, n: 'y' },
        ],
      },
    },
  });
  const renders: Record<string, number> = {};
  const probe = (id: string) => {
    renders[id] = (renders[id] ?? 0) + 1;
  };
  const container = dom.window.document.createElement('div');
  const root = createRoot(container);
  await act(async () =>
    root.render(h(PageContext.Provider, { value: { page, probe } }, h(NodeView, { node: tree, locals: {} }))),
  );
  const change = (name: string, value: unknown) =>
    act(async () => {
      page.setState('page', name, undefined, value);
      page.commit();
    });
  return { page, renders, container, change, unmount: () => act(async () => root.unmount()) };
}

describe('web renderer', () => {
  it('re-renders only the nodes that read the changed state', async () => {
    const { renders, container, change, unmount } = await mount();
    expect(container.textContent).toBe('Count 0axy');
    expect(renders).toEqual({ root: 1, count: 1, other: 1, row: 2 });
    await change('count', 1);
    expect(container.textContent).toBe('Count 1axy');
    expect(renders).toEqual({ root: 1, count: 2, other: 1, row: 2 });
    await unmount();
  });

  it('re-renders only the repeat rows whose item changed', async () => {
    const { page, renders, container, change, unmount } = await mount();
    const items = page.store.get(['state', 'items']) as { id: number; n: string }[];
    await change('items', [items[0], { id: 2, n: 'z' }, { id: 3, n: 'w' }]);
    expect(container.textContent).toBe('Count 0axzw');
    // Two rows at mount, then the changed row and the new one: the untouched first row is not rendered again.
    expect(renders.row).toBe(4);
    expect(renders.count).toBe(1);
    await unmount();
  });

  it('renders HTML in a text prop as text', async () => {
    const { container, change, unmount } = await mount();
    await change('other', '<img src=x onerror="alert(1)">');
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror="alert(1)">');
    await unmount();
  });
});
