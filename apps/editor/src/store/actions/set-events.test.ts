import { describe, expect, it } from 'vitest';
import { expectUndoable, expectValidApp, fixtureStore } from '../fixtures';

describe('setEvents', () => {
  it('replaces an event action list, and removes it with an empty list', () => {
    const store = fixtureStore();
    const before = store.getApp();
    const actions = [
      { type: 'showToast' as const, message: 'Hi' },
      { type: 'navigate' as const, page: 'about' },
    ];
    store.dispatch({ type: 'setEvents', id: 'thanks', event: 'tap', actions });
    expect(store.getState().doc.nodes.thanks!.events).toEqual({ tap: actions });
    expectValidApp(store);
    expectUndoable(store, before);
    store.dispatch({ type: 'setEvents', id: 'thanks', event: 'tap', actions: [] });
    expect(store.getState().doc.nodes.thanks!.events).toBeUndefined();
    expect(store.getApp()).toEqual(before);
  });

  it('keeps other events of the node', () => {
    const store = fixtureStore();
    store.dispatch({
      type: 'setEvents',
      id: 'submit',
      event: 'longpress',
      actions: [{ type: 'navigateBack' }],
    });
    expect(Object.keys(store.getState().doc.nodes.submit!.events!)).toEqual(['tap', 'longpress']);
    store.dispatch({ type: 'setEvents', id: 'submit', event: 'longpress', actions: undefined });
    expect(Object.keys(store.getState().doc.nodes.submit!.events!)).toEqual(['tap']);
  });
});
