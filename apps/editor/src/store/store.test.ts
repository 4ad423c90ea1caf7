import { describe, expect, it } from 'vitest';
import { fixtureStore } from './fixtures';
import { generateLargeApp } from './generate';
import { selectChildren, selectNode } from './selectors';
import { createEditorStore } from './store';

describe('editor store', () => {
  it('notifies subscribers once per change and never on refused actions; unsubscribe stops it', () => {
    const store = fixtureStore();
    const seen: unknown[] = [];
    const stop = store.subscribe(() => seen.push(store.getState()));
    store.dispatch({ type: 'setProp', id: 'title', name: 'text', value: 'Hi' });
    store.dispatch({ type: 'remove', ids: ['home_root'] });
    store.dispatch({ type: 'select', ids: ['title'] });
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBe(store.getState());
    stop();
    store.dispatch({ type: 'clearSelection' });
    expect(seen).toHaveLength(2);
  });

  it('getState returns the same object until something changes (useSyncExternalStore needs that)', () => {
    const store = fixtureStore();
    const first = store.getState();
    expect(store.getState()).toBe(first);
    store.dispatch({ type: 'clearSelection' });
    expect(store.getState()).toBe(first);
    store.dispatch({ type: 'select', ids: ['title'] });
    expect(store.getState()).not.toBe(first);
    expect(store.getState().doc).toBe(first.doc);
  });

  it('state is frozen: only actions change it', () => {
    const store = fixtureStore();
    const node = store.getState().doc.nodes.title!;
    expect(() => {
      (node.props as Record<string, unknown>).text = 'sneaky';
    }).toThrow();
  });

  it('a prop edit on a 2,000-node page changes identity only for the edited node and the containers of it', () => {
    const store = createEditorStore(generateLargeApp(10));
    const before = store.getState();
    store.dispatch({ type: 'setProp', id: 's3_g2_t7', name: 'text', value: 'x' });
    const after = store.getState();
    const changed = Object.keys(after.doc.nodes).filter((id) => after.doc.nodes[id] !== before.doc.nodes[id]);
    expect(changed).toEqual(['s3_g2_t7']);
    expect(selectChildren(after, 's3_g2')).toBe(selectChildren(before, 's3_g2'));
    expect(after.doc.pages).toBe(before.doc.pages);
    expect(after.doc.app).toBe(before.doc.app);
    expect(selectNode(after, 's3_g2_t8')).toBe(selectNode(before, 's3_g2_t8'));
  });

  it('a structural change gives new childIds only to the parents it touched', () => {
    const store = createEditorStore(generateLargeApp(10));
    const before = store.getState();
    store.dispatch({ type: 'move', ids: ['s1_g0_t0'], parentId: 's2_g0', index: 0 });
    const after = store.getState();
    const changed = Object.keys(after.doc.nodes)
      .filter((id) => after.doc.nodes[id] !== before.doc.nodes[id])
      .sort();
    expect(changed).toEqual(['s1_g0', 's1_g0_t0', 's2_g0']);
    expect(selectChildren(after, 'section_1')).toBe(selectChildren(before, 'section_1'));
  });

  it('select refuses unknown ids; toggle adds and removes', () => {
    const store = fixtureStore();
    expect(store.dispatch({ type: 'select', ids: ['ghost'] })).toEqual({
      ok: false,
      reason: 'cannot select a node that does not exist',
    });
    store.dispatch({ type: 'toggleSelect', id: 'title' });
    store.dispatch({ type: 'toggleSelect', id: 'thanks' });
    expect(store.getState().selection).toEqual(['title', 'thanks']);
    store.dispatch({ type: 'toggleSelect', id: 'title' });
    expect(store.getState().selection).toEqual(['thanks']);
    expect(store.getState().canUndo).toBe(false);
  });

  it('throws on an action type it does not know (a programming error, not user input)', () => {
    const store = fixtureStore();
    expect(() => store.dispatch({ type: 'explode' } as never)).toThrow('unknown editor action "explode"');
  });
});
