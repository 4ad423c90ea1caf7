import { describe, expect, it } from 'vitest';
import { expectUndoable, expectValidApp, fixtureStore } from '../fixtures';

describe('renamePage', () => {
  it('changes the title and path of a page, keeping its id', () => {
    const store = fixtureStore();
    const before = store.getApp();
    const title = { $i18n: { en: 'About us' } };
    expect(store.dispatch({ type: 'renamePage', pageId: 'about', title, path: '/about-us' })).toEqual({
      ok: true,
    });
    expect(store.getState().doc.pages[1]).toMatchObject({ id: 'about', title, path: '/about-us' });
    expectValidApp(store);
    expectUndoable(store, before);
  });

  it('refuses a path in use, a path without a slash and an unknown page', () => {
    const store = fixtureStore();
    expect(store.dispatch({ type: 'renamePage', pageId: 'about', path: '/' })).toEqual({
      ok: false,
      reason: 'the path "/" is already used by page "home"',
    });
    expect(store.dispatch({ type: 'renamePage', pageId: 'about', path: 'about' })).toEqual({
      ok: false,
      reason: 'a page path starts with "/", not "about"',
    });
    expect(store.dispatch({ type: 'renamePage', pageId: 'nope', title: 'x' })).toEqual({
      ok: false,
      reason: 'there is no page "nope"',
    });
  });
});
