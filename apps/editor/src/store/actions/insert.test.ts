import { describe, expect, it } from 'vitest';
import { expectUndoable, expectValidApp, fixtureStore } from '../fixtures';

describe('insert', () => {
  it('inserts a catalogue snippet with fresh ids, selects it, and the app stays valid', () => {
    const store = fixtureStore();
    const before = store.getApp();
    expect(store.dispatch({ type: 'insert', component: 'Form', parentId: 'about_root' })).toEqual({
      ok: true,
    });
    const { doc, selection } = store.getState();
    const formId = doc.nodes.about_root!.childIds[0]!;
    expect(selection).toEqual([formId]);
    expect(doc.nodes[formId]).toMatchObject({ component: 'Form', parentId: 'about_root' });
    const kids = doc.nodes[formId]!.childIds.map((id) => doc.nodes[id]!.component);
    expect(kids).toEqual(['Input', 'Input', 'Button']);
    expect(new Set(doc.nodes[formId]!.childIds).size).toBe(3);
    expectValidApp(store);
    expectUndoable(store, before);
  });

  it('inserts at an index, and into a named slot', () => {
    const store = fixtureStore();
    store.dispatch({ type: 'insert', component: 'Divider', parentId: 'home_root', index: 1 });
    const ids = store.getState().doc.nodes.home_root!.childIds;
    expect(store.getState().doc.nodes[ids[1]!]!.component).toBe('Divider');
    expect(ids[0]).toBe('title');
    expect(ids[2]).toBe('signup');

    store.dispatch({ type: 'insert', component: 'Card', parentId: 'about_root' });
    const card = store.getState().selection[0]!;
    expect(store.dispatch({ type: 'insert', component: 'Button', parentId: card, slot: 'footer' })).toEqual({
      ok: true,
    });
    const button = store.getState().selection[0]!;
    expect(store.getState().doc.nodes[button]).toMatchObject({ parentId: card, slot: 'footer' });
    expect(store.getState().doc.nodes[card]!.slotIds?.footer).toContain(button);
    expectValidApp(store);
  });

  it('keeps the ids of a prepared node unless they are taken', () => {
    const store = fixtureStore();
    store.dispatch({
      type: 'insert',
      parentId: 'about_root',
      node: { id: 'hello', component: 'Text', props: { text: 'Hi' } },
    });
    expect(store.getState().doc.nodes.hello).toMatchObject({ parentId: 'about_root', props: { text: 'Hi' } });
    store.dispatch({ type: 'insert', parentId: 'about_root', node: { id: 'hello', component: 'Text' } });
    expect(store.getState().selection[0]).toBe('text_1');
    expectValidApp(store);
  });

  it('refuses with the reason canPlace gives, changing nothing', () => {
    const store = fixtureStore();
    const before = store.getState();
    expect(store.dispatch({ type: 'insert', component: 'Input', parentId: 'title' })).toEqual({
      ok: false,
      reason: 'Heading accepts no children',
    });
    expect(store.dispatch({ type: 'insert', component: 'TabPane', parentId: 'about_root' })).toMatchObject({
      ok: false,
      reason: 'TabPane can only be placed inside Tabs, not Page',
    });
    expect(store.dispatch({ type: 'insert', component: 'Nope', parentId: 'about_root' })).toEqual({
      ok: false,
      reason: 'unknown component "Nope"',
    });
    expect(store.dispatch({ type: 'insert', component: 'Text', parentId: 'ghost' })).toEqual({
      ok: false,
      reason: 'there is no node "ghost"',
    });
    expect(store.getState()).toBe(before);
    expect(store.getState().canUndo).toBe(false);
  });

  it('refuses a node tree whose inner nodes break the nesting rules', () => {
    const store = fixtureStore();
    const result = store.dispatch({
      type: 'insert',
      parentId: 'about_root',
      node: { component: 'Container', children: [{ component: 'Text', children: [{ component: 'Text' }] }] },
    });
    expect(result).toEqual({ ok: false, reason: 'Text accepts no children' });
  });
});

describe('insert from the palette', () => {
  it('every catalogue snippet either lands as a valid node tree or is refused with a reason', async () => {
    const { catalogue } = await import('@tessera/components');
    const inserted: string[] = [];
    for (const name of Object.keys(catalogue)) {
      const store = fixtureStore();
      const result = store.dispatch({ type: 'insert', component: name, parentId: 'about_root' });
      if (result.ok) {
        expect(store.getState().doc.nodes[store.getState().selection[0]!]!.component).toBe(name);
        expectValidApp(store);
        inserted.push(name);
      } else {
        expect(result.reason).toMatch(/can only be (the root of a page|placed inside)/);
      }
    }
    // only the page root and components bound to one parent (TabPane, SwiperItem, ...) are refused
    expect(inserted.length).toBeGreaterThan(Object.keys(catalogue).length - 6);
  });

  it('a prepared Form whose id is taken gets a new id, and its own references follow', () => {
    const store = fixtureStore();
    store.dispatch({
      type: 'insert',
      parentId: 'home_root',
      node: {
        id: 'signup',
        component: 'Form',
        children: [
          { id: 'go', component: 'Button', events: { tap: [{ type: 'validateForm', form: 'signup' }] } },
        ],
      },
    });
    const { doc } = store.getState();
    expect(doc.nodes.home_root!.childIds.at(-1)).toBe('form_1');
    expect(doc.nodes.go!.events!.tap).toEqual([{ type: 'validateForm', form: 'form_1' }]);
    expect(doc.nodes.submit!.events!.tap![0]).toMatchObject({ form: 'signup' });
    expectValidApp(store);
  });
});
