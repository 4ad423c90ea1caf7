import { describe, expect, it } from 'vitest';
import { expectUndoable, expectValidApp, fixtureStore } from '../fixtures';
import { createSelectedNodesSelector } from '../selectors';

describe('setMany', () => {
  it('sets one style property of several nodes as one undo step', () => {
    const store = fixtureStore();
    const before = store.getApp();
    const untouched = store.getState().doc.nodes.submit;
    expect(
      store.dispatch({
        type: 'setMany',
        ids: ['title', 'thanks'],
        field: 'style',
        name: 'color',
        value: '#ff0000',
      }),
    ).toEqual({ ok: true });
    const { nodes } = store.getState().doc;
    expect(nodes.title!.style).toEqual({ color: '#ff0000' });
    expect(nodes.thanks!.style).toEqual({ color: '#ff0000' });
    expect(nodes.submit).toBe(untouched);
    expect(store.history().undo.map((entry) => entry.type)).toEqual(['setMany']);
    expectValidApp(store);
    expectUndoable(store, before);
    store.dispatch({ type: 'undo' });
    expect(store.getState().doc.nodes.title!.style).toBeUndefined();
    expect(store.getState().doc.nodes.thanks!.style).toBeUndefined();
  });

  it('sets and clears a prop; nodes already holding the value stay the same objects', () => {
    const store = fixtureStore();
    store.dispatch({ type: 'setProp', id: 'thanks', name: 'text', value: 'Hello' });
    const thanks = store.getState().doc.nodes.thanks;
    store.dispatch({
      type: 'setMany',
      ids: ['title', 'thanks'],
      field: 'props',
      name: 'text',
      value: 'Hello',
    });
    expect(store.getState().doc.nodes.title!.props).toEqual({ text: 'Hello' });
    expect(store.getState().doc.nodes.thanks).toBe(thanks);
    store.dispatch({
      type: 'setMany',
      ids: ['title', 'thanks'],
      field: 'props',
      name: 'text',
      value: undefined,
    });
    expect(store.getState().doc.nodes.title!.props).toEqual({});
    expect(store.getState().doc.nodes.thanks!.props).toEqual({});
  });

  it('merges typing into one step per field and set of nodes', () => {
    let now = 0;
    const store = fixtureStore({ now: () => now });
    for (const value of ['1', '12', '12p', '12px']) {
      now += 100;
      store.dispatch({ type: 'setMany', ids: ['title', 'thanks'], field: 'style', name: 'marginTop', value });
    }
    now += 100;
    // the same nodes in another order are the same field
    store.dispatch({
      type: 'setMany',
      ids: ['thanks', 'title'],
      field: 'style',
      name: 'marginTop',
      value: '16px',
    });
    expect(store.history().undo).toHaveLength(1);
    now += 100;
    store.dispatch({ type: 'setMany', ids: ['title', 'thanks'], field: 'props', name: 'text', value: 'x' });
    expect(store.history().undo).toHaveLength(2);
    store.dispatch({ type: 'undo' });
    store.dispatch({ type: 'undo' });
    expect(store.getState().doc.nodes.title!.style).toBeUndefined();
  });

  it('refuses an unknown node without changing any other, and a wrong field', () => {
    const store = fixtureStore();
    const doc = store.getState().doc;
    expect(
      store.dispatch({
        type: 'setMany',
        ids: ['title', 'ghost'],
        field: 'style',
        name: 'color',
        value: 'red',
      }),
    ).toEqual({ ok: false, reason: 'there is no node "ghost"' });
    expect(store.dispatch({ type: 'setMany', ids: [], field: 'style', name: 'color', value: 'red' })).toEqual(
      { ok: false, reason: 'setMany needs at least one node id' },
    );
    expect(
      store.dispatch({
        type: 'setMany',
        ids: ['title'],
        field: 'events' as 'props',
        name: 'tap',
        value: [],
      }),
    ).toEqual({ ok: false, reason: 'setMany sets "props" or "style", not "events"' });
    expect(store.getState().doc).toBe(doc);
  });
});

describe('createSelectedNodesSelector', () => {
  it('returns the same array until a selected node changes', () => {
    const store = fixtureStore();
    const select = createSelectedNodesSelector();
    store.dispatch({ type: 'select', ids: ['title', 'thanks'] });
    const first = select(store.getState());
    expect(first.map((node) => node.id)).toEqual(['title', 'thanks']);
    store.dispatch({ type: 'setProp', id: 'submit', name: 'text', value: 'Go' });
    expect(select(store.getState())).toBe(first);
    store.dispatch({ type: 'setProp', id: 'thanks', name: 'text', value: 'Bye' });
    const second = select(store.getState());
    expect(second).not.toBe(first);
    expect(second[1]!.props).toEqual({ text: 'Bye' });
  });
});
