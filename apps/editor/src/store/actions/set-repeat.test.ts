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

  it('repeats over a state array with an expression, item/index names and a key', () => {
    const store = fixtureStore();
    store.dispatch({
      type: 'setState',
      pageId: 'home',
      name: 'people',
      variable: { type: 'array', initial: [] },
    });
    const before = store.getApp();
    const repeat = { items: { $expr: 'state.people' }, item: 'person', index: 'i', key: '_id' };
    expect(store.dispatch({ type: 'setRepeat', id: 'thanks', repeat })).toEqual({ ok: true });
    expect(store.getState().doc.nodes.thanks!.repeat).toEqual(repeat);
    expectUndoable(store, before);
    // the node itself reads the names (and the check of the whole app agrees)
    store.dispatch({ type: 'setProp', id: 'thanks', name: 'text', value: { $expr: 'i + person.name' } });
    expectValidApp(store);
  });

  it('refuses to repeat a page root, and names that are no identifiers, hide a standard name or repeat', () => {
    const store = fixtureStore();
    expect(store.dispatch({ type: 'setRepeat', id: 'home_root', repeat: { items: [1] } })).toEqual({
      ok: false,
      reason: 'the root of a page cannot repeat',
    });
    expect(store.dispatch({ type: 'setRepeat', id: 'title', repeat: { items: [1], item: '2x' } })).toEqual({
      ok: false,
      reason: '"2x" is not a valid variable name',
    });
    expect(
      store.dispatch({ type: 'setRepeat', id: 'title', repeat: { items: [1], index: 'state' } }),
    ).toEqual({
      ok: false,
      reason: '"state" would hide the standard name state; choose another',
    });
    expect(store.dispatch({ type: 'setRepeat', id: 'title', repeat: { items: [1], item: 'index' } })).toEqual(
      {
        ok: false,
        reason: 'item and index must have different names (both "index")',
      },
    );
    expect(store.getState().canUndo).toBe(false);
  });
});
