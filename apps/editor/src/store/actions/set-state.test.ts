import { describe, expect, it } from 'vitest';
import { expectUndoable, expectValidApp, fixtureStore } from '../fixtures';

describe('setState', () => {
  it('adds, changes and deletes page and app state variables', () => {
    const store = fixtureStore();
    const before = store.getApp();
    store.dispatch({
      type: 'setState',
      pageId: 'about',
      name: 'count',
      variable: { type: 'number', initial: 0 },
    });
    expect(store.getState().doc.pages[1]!.state).toEqual({ count: { type: 'number', initial: 0 } });
    expectUndoable(store, before);
    store.dispatch({ type: 'setState', name: 'theme', variable: { type: 'string', initial: 'light' } });
    expect(Object.keys(store.getState().doc.app.state!)).toEqual(['user', 'theme']);
    // a Text bound to the new variable validates
    store.dispatch({
      type: 'insert',
      parentId: 'about_root',
      node: { component: 'Text', props: { text: { $expr: "'n=' + state.count" } } },
    });
    expectValidApp(store);
    store.dispatch({ type: 'setState', name: 'theme', variable: undefined });
    store.dispatch({ type: 'setState', name: 'user', variable: undefined });
    expect(store.getState().doc.app.state).toBeUndefined();
  });

  it('refuses bad names and unknown pages', () => {
    const store = fixtureStore();
    expect(store.dispatch({ type: 'setState', name: 'a b', variable: { type: 'any' } })).toEqual({
      ok: false,
      reason: '"a b" is not a valid variable name',
    });
    expect(
      store.dispatch({ type: 'setState', pageId: 'x', name: 'a', variable: { type: 'any' } }),
    ).toMatchObject({
      ok: false,
    });
  });
});
