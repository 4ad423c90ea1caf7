import { describe, expect, it } from 'vitest';
import { expectUndoable, expectValidApp, fixtureStore } from '../fixtures';

describe('addPage', () => {
  it('adds a page with an empty Page root, its id made from the path', () => {
    const store = fixtureStore();
    const before = store.getApp();
    expect(store.dispatch({ type: 'addPage', path: '/orders/list', title: 'Orders' })).toEqual({ ok: true });
    const page = store.getState().doc.pages[2]!;
    expect(page).toEqual({
      id: 'orders_list',
      path: '/orders/list',
      title: 'Orders',
      root: 'orders_list_root',
    });
    expect(store.getState().doc.nodes[page.root]).toMatchObject({
      component: 'Page',
      parentId: null,
      childIds: [],
    });
    expect(store.getState().selection).toEqual([page.root]);
    expectValidApp(store);
    expectUndoable(store, before);
    store.dispatch({ type: 'addPage', path: '/orders_list', title: 'More orders' });
    expect(store.getState().doc.pages[3]!.id).toBe('orders_list_2');
  });

  it('takes a given id and index, and refuses used ids and paths', () => {
    const store = fixtureStore();
    store.dispatch({ type: 'addPage', id: 'contact', path: '/contact', title: 'Contact', index: 0 });
    expect(store.getState().doc.pages.map((p) => p.id)).toEqual(['contact', 'home', 'about']);
    expect(store.dispatch({ type: 'addPage', id: 'contact', path: '/c2', title: 'C' })).toEqual({
      ok: false,
      reason: 'there is already a page "contact"',
    });
    expect(store.dispatch({ type: 'addPage', path: '/contact', title: 'C' })).toMatchObject({ ok: false });
    expect(store.dispatch({ type: 'addPage', id: '1x', path: '/x', title: 'C' })).toEqual({
      ok: false,
      reason: '"1x" is not a valid page id',
    });
    expectValidApp(store);
  });
});
