import { describe, expect, it } from 'vitest';
import { expectUndoable, expectValidApp, fixtureStore } from '../fixtures';

describe('setIf', () => {
  it('sets and clears the condition of a node', () => {
    const store = fixtureStore();
    const before = store.getApp();
    store.dispatch({ type: 'setIf', id: 'title', condition: { $expr: '!state.sent' } });
    expect(store.getState().doc.nodes.title!.if).toEqual({ $expr: '!state.sent' });
    expectValidApp(store);
    expectUndoable(store, before);
    store.dispatch({ type: 'setIf', id: 'title', condition: undefined });
    expect(store.getApp()).toEqual(before);
    store.dispatch({ type: 'setIf', id: 'thanks', condition: false });
    expect(store.getState().doc.nodes.thanks!.if).toBe(false);
  });
});
