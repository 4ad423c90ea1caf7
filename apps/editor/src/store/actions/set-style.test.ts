import { describe, expect, it } from 'vitest';
import { expectValidApp, fixtureStore } from '../fixtures';

describe('setStyle', () => {
  it('sets and clears style properties; an empty style disappears', () => {
    const store = fixtureStore();
    const before = store.getApp();
    store.dispatch({ type: 'setStyle', id: 'title', name: 'marginTop', value: '12px' });
    store.dispatch({
      type: 'setStyle',
      id: 'title',
      name: 'color',
      value: { $expr: "state.sent ? 'green' : 'black'" },
    });
    expect(store.getState().doc.nodes.title!.style).toEqual({
      marginTop: '12px',
      color: { $expr: "state.sent ? 'green' : 'black'" },
    });
    expectValidApp(store);
    store.dispatch({ type: 'setStyle', id: 'title', name: 'marginTop', value: undefined });
    store.dispatch({ type: 'setStyle', id: 'title', name: 'color', value: undefined });
    expect(store.getState().doc.nodes.title!.style).toBeUndefined();
    expect(store.getApp()).toEqual(before);
    store.dispatch({ type: 'undo' });
    expect(store.getState().doc.nodes.title!.style).toEqual({
      color: { $expr: "state.sent ? 'green' : 'black'" },
    });
  });
});
