import { describe, expect, it } from 'vitest';
import { expectUndoable, expectValidApp, fixtureStore } from '../fixtures';

describe('setTabBar', () => {
  it('puts pages in the tab bar with their titles, keeps existing tabs, and removes the bar', () => {
    const store = fixtureStore();
    const before = store.getApp();
    const pages = store.getState().doc.pages.map((page) => page.id);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(store.dispatch({ type: 'setTabBar', pages: pages.slice(0, 2) })).toEqual({ ok: true });
    const items = store.getState().doc.app.navigation.tabBar?.items ?? [];
    expect(items.map((item) => item.page)).toEqual(pages.slice(0, 2));
    expect(items[0]?.text).toEqual(store.getState().doc.pages[0]?.title);
    expectValidApp(store);
    expectUndoable(store, before);
    store.dispatch({ type: 'redo' });
    expect(store.dispatch({ type: 'setTabBar', pages: [] })).toEqual({ ok: true });
    expect(store.getState().doc.app.navigation.tabBar).toBeUndefined();
    expectValidApp(store);
  });

  it('refuses one page, six pages and unknown pages', () => {
    const store = fixtureStore();
    const [first] = store.getState().doc.pages;
    expect(store.dispatch({ type: 'setTabBar', pages: [first!.id] })).toEqual({
      ok: false,
      reason: 'a tab bar shows 2 to 5 pages, not 1',
    });
    expect(store.dispatch({ type: 'setTabBar', pages: [first!.id, 'nope'] })).toEqual({
      ok: false,
      reason: 'there is no page "nope"',
    });
    expect(store.dispatch({ type: 'setTabBar', pages: ['a', 'b', 'c', 'd', 'e', 'f'] })).toMatchObject({
      ok: false,
    });
  });
});
