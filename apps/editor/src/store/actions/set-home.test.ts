import { describe, expect, it } from 'vitest';
import { expectUndoable, expectValidApp, fixtureStore } from '../fixtures';

describe('setHome', () => {
  it('makes another page the home page, after which the old home can be removed', () => {
    const store = fixtureStore();
    const before = store.getApp();
    expect(store.dispatch({ type: 'setHome', pageId: 'about' })).toEqual({ ok: true });
    expect(store.getState().doc.app.navigation.home).toBe('about');
    expectValidApp(store);
    expectUndoable(store, before);
    expect(store.dispatch({ type: 'removePage', pageId: 'home' })).toEqual({ ok: true });
  });

  it('refuses an unknown page', () => {
    expect(fixtureStore().dispatch({ type: 'setHome', pageId: 'x' })).toEqual({
      ok: false,
      reason: 'there is no page "x"',
    });
  });
});
