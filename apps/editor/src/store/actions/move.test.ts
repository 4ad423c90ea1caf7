import { describe, expect, it } from 'vitest';
import { expectUndoable, expectValidApp, fixtureStore } from '../fixtures';

const childIds = (store: ReturnType<typeof fixtureStore>, id: string) =>
  store.getState().doc.nodes[id]!.childIds;

describe('move', () => {
  it('reorders within a list; the index is a position before the move', () => {
    const store = fixtureStore();
    const before = store.getApp();
    // drop "thanks" before "signup" (index 1)
    expect(store.dispatch({ type: 'move', ids: ['thanks'], parentId: 'home_root', index: 1 })).toEqual({
      ok: true,
    });
    expect(childIds(store, 'home_root')).toEqual(['title', 'thanks', 'signup', 'list']);
    // drop "title" at the end of its own list
    store.dispatch({ type: 'move', ids: ['title'], parentId: 'home_root' });
    expect(childIds(store, 'home_root')).toEqual(['thanks', 'signup', 'list', 'title']);
    // drop "thanks" before "list" (index 2): lands after signup
    store.dispatch({ type: 'move', ids: ['thanks'], parentId: 'home_root', index: 2 });
    expect(childIds(store, 'home_root')).toEqual(['signup', 'thanks', 'list', 'title']);
    expectValidApp(store);
    store.dispatch({ type: 'undo' });
    store.dispatch({ type: 'undo' });
    store.dispatch({ type: 'undo' });
    expect(store.getApp()).toEqual(before);
  });

  it('moves across parents and pages, updating parent ids', () => {
    const store = fixtureStore();
    const before = store.getApp();
    store.dispatch({ type: 'move', ids: ['name_input'], parentId: 'about_root', index: 0 });
    const { nodes } = store.getState().doc;
    expect(nodes.name_input!.parentId).toBe('about_root');
    expect(nodes.signup!.childIds).toEqual(['submit']);
    expect(nodes.about_root!.childIds).toEqual(['name_input']);
    expectUndoable(store, before);
  });

  it('moves several nodes together, keeping their order', () => {
    const store = fixtureStore();
    store.dispatch({ type: 'move', ids: ['thanks', 'title'], parentId: 'signup', index: 1 });
    expect(childIds(store, 'signup')).toEqual(['name_input', 'thanks', 'title', 'submit']);
    expect(store.getState().selection).toEqual(['thanks', 'title']);
  });

  it('moves into and out of a slot', () => {
    const store = fixtureStore();
    store.dispatch({ type: 'insert', component: 'Card', parentId: 'about_root' });
    const card = store.getState().selection[0]!;
    store.dispatch({ type: 'move', ids: ['submit'], parentId: card, slot: 'footer' });
    expect(store.getState().doc.nodes.submit).toMatchObject({ parentId: card, slot: 'footer' });
    store.dispatch({ type: 'move', ids: ['submit'], parentId: 'signup' });
    expect(store.getState().doc.nodes.submit!.slot).toBeUndefined();
    expect(store.getState().doc.nodes[card]!.slotIds?.footer).toEqual([]);
    expectValidApp(store);
  });

  it('refuses moving a node into itself or its descendants, page roots, and forbidden places', () => {
    const store = fixtureStore();
    const before = store.getState();
    expect(store.dispatch({ type: 'move', ids: ['signup'], parentId: 'signup' })).toEqual({
      ok: false,
      reason: 'cannot move "signup" into itself',
    });
    expect(store.dispatch({ type: 'move', ids: ['list'], parentId: 'list' })).toMatchObject({ ok: false });
    store.dispatch({ type: 'insert', component: 'Container', parentId: 'signup' });
    const inner = store.getState().selection[0]!;
    const mid = store.getState();
    expect(store.dispatch({ type: 'move', ids: ['signup'], parentId: inner })).toEqual({
      ok: false,
      reason: 'cannot move "signup" into itself',
    });
    expect(store.dispatch({ type: 'move', ids: ['home_root'], parentId: 'about_root' })).toEqual({
      ok: false,
      reason: '"home_root" is the root of a page and cannot be moved',
    });
    expect(store.dispatch({ type: 'move', ids: ['thanks'], parentId: 'title' })).toEqual({
      ok: false,
      reason: 'Heading accepts no children',
    });
    expect(store.getState()).toBe(mid);
    expect(before.doc).not.toBe(mid.doc);
  });
});
