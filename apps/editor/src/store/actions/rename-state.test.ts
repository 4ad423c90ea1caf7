import { describe, expect, it } from 'vitest';
import { expectUndoable, expectValidApp, fixtureStore } from '../fixtures';

describe('renameState', () => {
  it('renames a page variable and every reference on its page as one undoable step', () => {
    const store = fixtureStore();
    store.dispatch({ type: 'setState', pageId: 'home', name: 'sentX', variable: { type: 'boolean' } });
    store.dispatch({
      type: 'setProp',
      id: 'title',
      name: 'text',
      value: { $expr: "state.sent ? 'Done' : (state.sentX ? 'x' : 'Sign up')" },
    });
    store.dispatch({
      type: 'setRepeat',
      id: 'list',
      repeat: { items: { $expr: 'state.sent ? [1] : []' }, item: 'row' },
    });
    const before = store.getApp();
    const untouched = store.getState().doc.nodes.row_text;
    const steps = store.history().undo.length;
    expect(store.dispatch({ type: 'renameState', pageId: 'home', from: 'sent', to: 'submitted' })).toEqual({
      ok: true,
    });
    expect(store.history().undo.length).toBe(steps + 1);
    const { nodes, pages } = store.getState().doc;
    expect(Object.keys(pages[0]!.state!)).toEqual(['submitted', 'sentX']);
    expect(nodes.thanks!.if).toEqual({ $expr: 'state.submitted' });
    expect(nodes.title!.props!.text).toEqual({
      $expr: "state.submitted ? 'Done' : (state.sentX ? 'x' : 'Sign up')",
    });
    expect(nodes.list!.repeat!.items).toEqual({ $expr: 'state.submitted ? [1] : []' });
    expect(nodes.submit!.events!.tap![0]).toMatchObject({
      onSuccess: [{ type: 'setState', name: 'submitted', value: true }],
    });
    // untouched nodes keep their objects
    expect(nodes.row_text).toBe(untouched);
    expectValidApp(store);
    expectUndoable(store, before);
  });

  it('renames an app variable everywhere, leaving page state of the same name alone', () => {
    const store = fixtureStore();
    store.dispatch({ type: 'setState', pageId: 'about', name: 'user', variable: { type: 'string' } });
    store.dispatch({
      type: 'insert',
      parentId: 'about_root',
      node: {
        id: 'who',
        component: 'Text',
        props: { text: { $expr: "app.user.name + state.user + 'user'" } },
      },
    });
    const before = store.getApp();
    expect(store.dispatch({ type: 'renameState', from: 'user', to: 'member' })).toEqual({ ok: true });
    expect(store.getState().doc.app.state).toEqual({ member: { type: 'object', initial: {} } });
    expect(store.getState().doc.nodes.who!.props!.text).toEqual({
      $expr: "app.member.name + state.user + 'user'",
    });
    expectValidApp(store);
    expectUndoable(store, before);
  });

  it('refuses a clash, a bad name and an unknown variable with a clear reason', () => {
    const store = fixtureStore();
    store.dispatch({ type: 'setState', pageId: 'home', name: 'other', variable: { type: 'any' } });
    expect(store.dispatch({ type: 'renameState', pageId: 'home', from: 'sent', to: 'other' })).toEqual({
      ok: false,
      reason: 'page "home" already has a variable "other"',
    });
    expect(store.dispatch({ type: 'renameState', pageId: 'home', from: 'sent', to: '1st' })).toEqual({
      ok: false,
      reason: '"1st" is not a valid variable name',
    });
    expect(store.dispatch({ type: 'renameState', from: 'sent', to: 'x' })).toEqual({
      ok: false,
      reason: 'the app has no state variable "sent"',
    });
    const steps = store.history().undo.length;
    expect(store.dispatch({ type: 'renameState', pageId: 'home', from: 'sent', to: 'sent' })).toEqual({
      ok: true,
    });
    expect(store.history().undo.length).toBe(steps);
  });
});
