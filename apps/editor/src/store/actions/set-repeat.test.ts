import { describe, expect, it } from 'vitest';
import { expectUndoable, expectValidApp, fixtureStore } from '../fixtures';

describe('setRepeat', () => {
  it('sets and clears the repeat of a node', () => {
    const store = fixtureStore();
    const before = store.getApp();
    store.dispatch({ type: 'setRepeat', id: 'title', repeat: { items: ['a', 'b'], item: 'letter' } });
    expect(store.getState().doc.nodes.title!.repeat).toEqual({ items: ['a', 'b'], item: 'letter' });
    expectValidApp(store);
    expectUndoable(store, before);
    store.dispatch({ type: 'setRepeat', id: 'list', repeat: undefined });
    expect(store.getState().doc.nodes.list!.repeat).toBeUndefined();
  });

  it('refuses to repeat a page root', () => {
    const store = fixtureStore();
    expect(store.dispatch({ type: 'setRepeat', id: 'home_root', repeat: { items: [1] } })).toEqual({
      ok: false,
      reason: 'the root of a page cannot repeat',
    });
  });
});
