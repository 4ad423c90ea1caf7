import { describe, expect, it } from 'vitest';
import { expectUndoable, expectValidApp, fixtureStore } from '../fixtures';

describe('remove', () => {
  it('removes a node with its whole subtree', () => {
    const store = fixtureStore();
    const before = store.getApp();
    store.dispatch({ type: 'select', ids: ['signup'] });
    expect(store.dispatch({ type: 'remove', ids: ['signup'] })).toEqual({ ok: true });
    const { doc, selection } = store.getState();
    for (const id of ['signup', 'name_input', 'submit']) expect(doc.nodes[id]).toBeUndefined();
    expect(doc.nodes.home_root!.childIds).toEqual(['title', 'list', 'thanks']);
    expect(selection).toEqual([]);
    expectValidApp(store);
    expectUndoable(store, before);
  });

  it('removes a multi-selection in one step, nested picks included', () => {
    const store = fixtureStore();
    const before = store.getApp();
    store.dispatch({ type: 'remove', ids: ['title', 'submit', 'signup', 'row_text'] });
    const { doc } = store.getState();
    expect(doc.nodes.home_root!.childIds).toEqual(['list', 'thanks']);
    expect(doc.nodes.list!.childIds).toEqual([]);
    expect(Object.keys(doc.nodes).sort()).toEqual(['about_root', 'home_root', 'list', 'thanks']);
    expect(store.history().undo).toHaveLength(1);
    store.dispatch({ type: 'undo' });
    expect(store.getApp()).toEqual(before);
  });

  it('refuses page roots, unknown ids and empty selections', () => {
    const store = fixtureStore();
    expect(store.dispatch({ type: 'remove', ids: ['home_root'] })).toEqual({
      ok: false,
      reason: '"home_root" is the root of a page; remove the page instead',
    });
    expect(store.dispatch({ type: 'remove', ids: ['ghost'] })).toEqual({
      ok: false,
      reason: 'there is no node "ghost"',
    });
    expect(store.dispatch({ type: 'remove', ids: [] })).toEqual({ ok: false, reason: 'nothing to remove' });
    expect(store.getState().canUndo).toBe(false);
  });
});
