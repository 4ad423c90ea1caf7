import { describe, expect, it } from 'vitest';
import { readClipboard } from '../clipboard';
import { expectUndoable, expectValidApp, fixtureStore } from '../fixtures';

describe('copy and paste', () => {
  it('copies a subtree as JSON and pastes it elsewhere with new ids and rewritten references', () => {
    const store = fixtureStore();
    expect(store.dispatch({ type: 'copy', ids: ['signup', 'name_input'] })).toEqual({ ok: true });
    const clipboard = store.getState().clipboard!;
    expect(readClipboard(clipboard)).toHaveLength(1); // the input is copied with its form
    expect(store.getState().canUndo).toBe(false); // copying changes no document
    const before = store.getApp();
    // onto the same page: the copied button sets the page's state
    expect(store.dispatch({ type: 'paste', parentId: 'home_root', index: 0 })).toEqual({ ok: true });
    const { doc, selection } = store.getState();
    expect(selection).toEqual(['form_1']);
    expect(doc.nodes.home_root!.childIds).toEqual(['form_1', 'title', 'signup', 'list', 'thanks']);
    expect(doc.nodes.button_1!.events!.tap![0]).toMatchObject({ type: 'validateForm', form: 'form_1' });
    expect(doc.nodes.button_1!.props!.text).toEqual({
      $expr: "form.form_1.name ? 'Send ' + form.name : 'Send'",
    });
    expectValidApp(store);
    expectUndoable(store, before);
    // pasting again makes yet other ids
    store.dispatch({ type: 'paste', parentId: 'home_root', index: 1 });
    expect(store.getState().doc.nodes.home_root!.childIds.slice(0, 2)).toEqual(['form_1', 'form_2']);
    expectValidApp(store);
  });

  it('pastes after the selected node, or inside it when it cannot go beside it', () => {
    const store = fixtureStore();
    store.dispatch({ type: 'copy', ids: ['thanks'] });
    store.dispatch({ type: 'select', ids: ['title'] });
    store.dispatch({ type: 'paste' });
    expect(store.getState().doc.nodes.home_root!.childIds).toEqual([
      'title',
      'text_1',
      'signup',
      'list',
      'thanks',
    ]);
    store.dispatch({ type: 'select', ids: ['about_root'] });
    store.dispatch({ type: 'paste' });
    expect(store.getState().doc.nodes.about_root!.childIds).toEqual(['text_2']);
  });

  it('cut removes and pastes back as one step each', () => {
    const store = fixtureStore();
    const before = store.getApp();
    expect(store.dispatch({ type: 'cut', ids: ['signup'] })).toEqual({ ok: true });
    expect(store.getState().doc.nodes.signup).toBeUndefined();
    expect(store.getState().clipboard).toContain('"validateForm"');
    expectUndoable(store, before);
    store.dispatch({ type: 'paste', parentId: 'list' });
    expect(store.getState().doc.nodes.list!.childIds).toEqual(['row_text', 'form_1']);
    expectValidApp(store);
  });

  it('refuses an empty or foreign clipboard and a forbidden place', () => {
    const store = fixtureStore();
    expect(store.dispatch({ type: 'paste', parentId: 'about_root' })).toEqual({
      ok: false,
      reason: 'the clipboard is empty',
    });
    expect(store.dispatch({ type: 'paste', parentId: 'about_root', clipboard: 'hello' })).toEqual({
      ok: false,
      reason: 'the clipboard does not hold Tessera nodes (not JSON)',
    });
    expect(
      store.dispatch({
        type: 'paste',
        parentId: 'about_root',
        clipboard: '{"kind":"tessera/nodes","nodes":[{"x":1}]}',
      }),
    ).toEqual({ ok: false, reason: "the clipboard's node 1 is not a valid node tree" });
    store.dispatch({ type: 'copy', ids: ['thanks'] });
    expect(store.dispatch({ type: 'paste', parentId: 'name_input' })).toEqual({
      ok: false,
      reason: 'Input accepts no children',
    });
    expect(store.dispatch({ type: 'paste' })).toEqual({ ok: false, reason: 'select where to paste' });
    expect(store.dispatch({ type: 'copy', ids: ['ghost'] })).toEqual({
      ok: false,
      reason: 'nothing to copy',
    });
  });
});
