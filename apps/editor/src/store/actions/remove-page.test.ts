import { describe, expect, it } from 'vitest';
import { expectUndoable, expectValidApp, fixtureStore } from '../fixtures';

describe('removePage', () => {
  it('removes a page and all its nodes', () => {
    const store = fixtureStore();
    store.dispatch({ type: 'insert', component: 'Form', parentId: 'about_root' });
    const before = store.getApp();
    const count = Object.keys(store.getState().doc.nodes).length;
    expect(store.dispatch({ type: 'removePage', pageId: 'about' })).toEqual({ ok: true });
    expect(store.getState().doc.pages.map((p) => p.id)).toEqual(['home']);
    expect(Object.keys(store.getState().doc.nodes)).toHaveLength(count - 5);
    expectValidApp(store);
    expectUndoable(store, before);
  });

  it('refuses the home page and unknown pages', () => {
    const store = fixtureStore();
    expect(store.dispatch({ type: 'removePage', pageId: 'home' })).toEqual({
      ok: false,
      reason: '"home" is the home page; choose another home page first',
    });
    expect(store.dispatch({ type: 'removePage', pageId: 'x' })).toEqual({
      ok: false,
      reason: 'there is no page "x"',
    });
  });
});
