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

  it('renaming the item or index renames their uses below, not where an inner repeat binds the name again', () => {
    const store = fixtureStore();
    store.dispatch({
      type: 'insert',
      parentId: 'list',
      node: {
        id: 'inner',
        component: 'Container',
        repeat: { items: { $expr: '[row, row + 1]' }, item: 'row' },
        children: [{ id: 'inner_text', component: 'Text', props: { text: { $expr: "'in ' + row" } } }],
      },
    });
    store.dispatch({
      type: 'setProp',
      id: 'row_text',
      name: 'text',
      value: { $expr: "'#' + row + index + ' ' + [1].map(row => row).length + 'row'" },
    });
    const before = store.getApp();
    expect(
      store.dispatch({
        type: 'setRepeat',
        id: 'list',
        repeat: { items: [1, 2, 3], item: 'line', index: 'n' },
      }),
    ).toEqual({ ok: true });
    const { nodes } = store.getState().doc;
    expect(nodes.row_text!.props!.text).toEqual({
      $expr: "'#' + line + n + ' ' + [1].map(row => row).length + 'row'",
    });
    // the inner repeat's list reads the outer item; inside it, row is its own item
    expect(nodes.inner!.repeat!.items).toEqual({ $expr: '[line, line + 1]' });
    expect(nodes.inner_text!.props!.text).toEqual({ $expr: "'in ' + row" });
    expectValidApp(store);
    expectUndoable(store, before);
  });

  it('typing an item name is one undo step', () => {
    let time = 0;
    const store = fixtureStore({ now: () => time });
    const before = store.getApp();
    for (const item of ['f', 'fr', 'fruit']) {
      store.dispatch({ type: 'setRepeat', id: 'list', repeat: { items: [1, 2, 3], item } });
      time += 100;
    }
    expect(store.getState().doc.nodes.row_text!.props!.text).toEqual({ $expr: "'#' + fruit" });
    expect(store.history().undo).toHaveLength(1);
    store.dispatch({ type: 'undo' });
    expect(store.getApp()).toEqual(before);
  });
});
