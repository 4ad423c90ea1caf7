import { describe, expect, it } from 'vitest';
import { expectUndoable, expectValidApp, fixtureStore } from '../fixtures';

describe('duplicate', () => {
  it('copies a subtree right after the original with new ids and rewritten references', () => {
    const store = fixtureStore();
    const before = store.getApp();
    expect(store.dispatch({ type: 'duplicate', ids: ['signup'] })).toEqual({ ok: true });
    const { doc, selection } = store.getState();
    expect(doc.nodes.home_root!.childIds).toEqual(['title', 'signup', 'form_1', 'list', 'thanks']);
    expect(selection).toEqual(['form_1']);
    const [input, button] = doc.nodes.form_1!.childIds;
    expect([input, button]).toEqual(['input_1', 'button_1']);
    expect(doc.nodes.input_1!.props).toEqual({ name: 'name', label: 'Name' });
    // the copy's button validates the copied form; its expression reads the copied form; the field name stays
    expect(doc.nodes.button_1!.events!.tap![0]).toMatchObject({ type: 'validateForm', form: 'form_1' });
    expect(doc.nodes.button_1!.props!.text).toEqual({
      $expr: "form.form_1.name ? 'Send ' + form.name : 'Send'",
    });
    // the original is untouched
    expect(doc.nodes.submit!.events!.tap![0]).toMatchObject({ form: 'signup' });
    expectValidApp(store);
    expectUndoable(store, before);
  });

  it('duplicates several nodes; expressions with repeat item names still get copied', () => {
    const store = fixtureStore();
    store.dispatch({ type: 'duplicate', ids: ['title', 'list', 'row_text'] });
    const { doc, selection } = store.getState();
    expect(selection).toEqual(['heading_1', 'container_1']);
    expect(doc.nodes.home_root!.childIds).toEqual([
      'title',
      'heading_1',
      'signup',
      'list',
      'container_1',
      'thanks',
    ]);
    expect(doc.nodes.container_1).toMatchObject({ repeat: { item: 'row' }, childIds: ['text_1'] });
    expect(doc.nodes.text_1!.props!.text).toEqual({ $expr: "'#' + row" });
    expectValidApp(store);
  });

  it('refuses a page root', () => {
    const store = fixtureStore();
    expect(store.dispatch({ type: 'duplicate', ids: ['about_root'] })).toMatchObject({ ok: false });
  });
});
