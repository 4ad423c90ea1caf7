import { describe, expect, it } from 'vitest';
import { fixtureStore } from './fixtures';
import { generateLargeApp } from './generate';
import { createEditorStore } from './store';

describe('history', () => {
  it('merges rapid edits of the same prop into one undo step (typing)', () => {
    let clock = 1_000;
    const store = fixtureStore({ now: () => clock, coalesceMs: 500 });
    for (const text of ['S', 'Si', 'Sig', 'Sign']) {
      clock += 100;
      store.dispatch({ type: 'setProp', id: 'title', name: 'text', value: text });
    }
    expect(store.history().undo).toHaveLength(1);
    expect(store.history().undo[0]!.patches).toHaveLength(1);
    expect(store.getState().doc.nodes.title!.props!.text).toBe('Sign');
    store.dispatch({ type: 'undo' });
    expect(store.getState().doc.nodes.title!.props!.text).toBe('Sign up');
    store.dispatch({ type: 'redo' });
    expect(store.getState().doc.nodes.title!.props!.text).toBe('Sign');
  });

  it('starts a new step after a pause, for another prop, or another node', () => {
    let clock = 1_000;
    const store = fixtureStore({ now: () => clock, coalesceMs: 500 });
    store.dispatch({ type: 'setProp', id: 'title', name: 'text', value: 'A' });
    clock += 600;
    store.dispatch({ type: 'setProp', id: 'title', name: 'text', value: 'AB' });
    store.dispatch({ type: 'setProp', id: 'title', name: 'level', value: 2 });
    store.dispatch({ type: 'setProp', id: 'thanks', name: 'text', value: 'Bye' });
    expect(store.history().undo.map((e) => e.type)).toEqual(['setProp', 'setProp', 'setProp', 'setProp']);
    store.dispatch({ type: 'undo' });
    store.dispatch({ type: 'undo' });
    store.dispatch({ type: 'undo' });
    expect(store.getState().doc.nodes.title!.props).toEqual({ text: 'A' });
  });

  it('merges edits that first created the props object and then changed it', () => {
    let clock = 0;
    const store = fixtureStore({ now: () => ++clock });
    const before = store.getApp();
    store.dispatch({ type: 'setProp', id: 'list', name: 'gap', value: 1 });
    store.dispatch({ type: 'setProp', id: 'list', name: 'gap', value: 12 });
    expect(store.history().undo).toHaveLength(1);
    store.dispatch({ type: 'undo' });
    expect(store.getApp()).toEqual(before);
    store.dispatch({ type: 'redo' });
    expect(store.getState().doc.nodes.list!.props).toEqual({ gap: 12 });
  });

  it('a new change clears the redo stack; undo and redo say when there is nothing to do', () => {
    const store = fixtureStore();
    expect(store.dispatch({ type: 'undo' })).toEqual({ ok: false, reason: 'nothing to undo' });
    store.dispatch({ type: 'remove', ids: ['title'] });
    store.dispatch({ type: 'undo' });
    expect(store.getState().canRedo).toBe(true);
    store.dispatch({ type: 'remove', ids: ['thanks'] });
    expect(store.getState().canRedo).toBe(false);
    expect(store.dispatch({ type: 'redo' })).toEqual({ ok: false, reason: 'nothing to redo' });
  });

  it('restores the selection of the step', () => {
    const store = fixtureStore();
    store.dispatch({ type: 'select', ids: ['title', 'thanks'] });
    store.dispatch({ type: 'remove', ids: ['title', 'thanks'] });
    expect(store.getState().selection).toEqual([]);
    store.dispatch({ type: 'undo' });
    expect(store.getState().selection).toEqual(['title', 'thanks']);
  });

  it('undo of one prop edit on a 2,000-node page is one small patch touching only that node', () => {
    const store = createEditorStore(generateLargeApp(10));
    expect(Object.keys(store.getState().doc.nodes)).toHaveLength(2001);
    store.dispatch({ type: 'setProp', id: 's5_g4_t10', name: 'text', value: 'edited' });
    const [entry] = store.history().undo;
    expect(entry!.patches).toEqual([
      { op: 'replace', path: ['nodes', 's5_g4_t10', 'props', 'text'], value: 'edited' },
    ]);
    expect(entry!.inverse).toHaveLength(1);
    expect(JSON.stringify(entry).length).toBeLessThan(1_000);
    const edited = store.getState().doc;
    store.dispatch({ type: 'undo' });
    const undone = store.getState().doc;
    const changed = Object.keys(undone.nodes).filter((id) => undone.nodes[id] !== edited.nodes[id]);
    expect(changed).toEqual(['s5_g4_t10']);
    expect(undone.pages).toBe(edited.pages);
    expect(undone.nodes.s5_g4_t10!.props!.text).toEqual({ $expr: "'Row ' + 10 + ' ' + state.count" });
  });

  it('keeps at most historyLimit steps', () => {
    const store = fixtureStore({ historyLimit: 3 });
    // alternating nodes, so the steps do not merge as typing in one condition would
    for (let i = 0; i < 5; i++)
      store.dispatch({
        type: 'setIf',
        id: i % 2 === 0 ? 'title' : 'thanks',
        condition: { $expr: `${i} > 0` },
      });
    expect(store.history().undo).toHaveLength(3);
  });
});
