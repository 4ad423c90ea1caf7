import { createRequire } from 'node:module';
import { act, createElement as h, memo } from 'react';
import { createRoot } from 'react-dom/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEditorStore, type EditorStore, selectChildren, selectNode } from '../store';
import { generateLargeApp } from '../store/generate';
import { useEditor } from './use-editor';

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
});
afterAll(() => dom.window.close());

const renders = new Map<string, number>();

// A tiny outline: each node subscribes to its own entry, as the canvas and outline will; memo keeps
// a parent's render from re-rendering children whose props (store, id) did not change.
const NodeRow = memo(function Row({ store, id }: { store: EditorStore; id: string }): ReturnType<typeof h> {
  const node = useEditor(store, (state) => selectNode(state, id));
  const children = useEditor(store, (state) => selectChildren(state, id));
  renders.set(id, (renders.get(id) ?? 0) + 1);
  const text = typeof node?.props?.text === 'string' ? node.props.text : node?.component;
  return h(
    'li',
    { id },
    text,
    h('ul', null, ...children.map((child) => h(NodeRow, { key: child, store, id: child }))),
  );
});

describe('useEditor', () => {
  it('a prop edit on a 2,000-node page re-renders only the edited node', async () => {
    const store = createEditorStore(generateLargeApp(10));
    const container = document.createElement('div');
    const root = createRoot(container);
    await act(async () => root.render(h(NodeRow, { store, id: 'home_root' })));
    expect(renders.size).toBe(2001);
    expect([...renders.values()].every((n) => n === 1)).toBe(true);
    renders.clear();

    await act(async () => {
      store.dispatch({ type: 'setProp', id: 's4_g1_t3', name: 'text', value: 'edited' });
    });
    expect([...renders.keys()]).toEqual(['s4_g1_t3']);
    expect(container.querySelector('#s4_g1_t3')?.firstChild?.textContent).toBe('edited');
    renders.clear();

    await act(async () => {
      store.dispatch({ type: 'remove', ids: ['s4_g1'] });
    });
    // only the parent whose children changed renders again; the removed rows unmount
    expect([...renders.keys()]).toEqual(['section_4']);
    expect(container.querySelector('#s4_g1')).toBeNull();
    renders.clear();

    await act(async () => {
      store.dispatch({ type: 'undo' });
    });
    expect(renders.get('section_4')).toBe(1);
    expect(renders.get('s4_g0')).toBeUndefined();
    expect(container.querySelector('#s4_g1_t3')?.firstChild?.textContent).toBe('edited');
    await act(async () => root.unmount());
  });
});
