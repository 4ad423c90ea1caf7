import { describe, expect, it } from 'vitest';
import { expectUndoable, expectValidApp, fixtureStore } from '../fixtures';

describe('setProp', () => {
  it('sets a literal, an expression and clears a prop', () => {
    const store = fixtureStore();
    const before = store.getApp();
    store.dispatch({ type: 'setProp', id: 'title', name: 'text', value: 'Join us' });
    expect(store.getState().doc.nodes.title!.props).toEqual({ text: 'Join us' });
    expectUndoable(store, before);
    store.dispatch({ type: 'setProp', id: 'title', name: 'level', value: 2 });
    store.dispatch({
      type: 'setProp',
      id: 'thanks',
      name: 'text',
      value: { $expr: "'Thanks ' + app.user.name" },
    });
    expectValidApp(store);
    store.dispatch({ type: 'setProp', id: 'title', name: 'level', value: undefined });
    expect(store.getState().doc.nodes.title!.props).toEqual({ text: 'Join us' });
  });

  it('creates the props object of a node that had none', () => {
    const store = fixtureStore();
    const before = store.getApp();
    store.dispatch({ type: 'setProp', id: 'list', name: 'direction', value: 'row' });
    expect(store.getState().doc.nodes.list!.props).toEqual({ direction: 'row' });
    expectUndoable(store, before);
  });

  it('refuses an unknown node', () => {
    const store = fixtureStore();
    expect(store.dispatch({ type: 'setProp', id: 'ghost', name: 'text', value: 'x' })).toEqual({
      ok: false,
      reason: 'there is no node "ghost"',
    });
  });

  it('clearing a prop that is not set changes nothing and adds no undo step', () => {
    const store = fixtureStore();
    const before = store.getState().doc;
    store.dispatch({ type: 'setProp', id: 'title', name: 'missing', value: undefined });
    expect(store.getState().doc).toBe(before);
    expect(store.getState().canUndo).toBe(false);
  });
});
