import { describe, expect, it } from 'vitest';
import { expectUndoable, expectValidApp, fixtureStore } from '../fixtures';

describe('setCodeBlock', () => {
  it('adds, changes and deletes a code block; expressions may call its exports', () => {
    const store = fixtureStore();
    const before = store.getApp();
    const block = {
      language: 'ts' as const,
      source: 'export const twice = (n: number) => n * 2;',
      exports: ['twice'],
    };
    store.dispatch({ type: 'setCodeBlock', name: 'math', block });
    expect(store.getState().doc.app.codeBlocks).toEqual({ math: block });
    expectUndoable(store, before);
    store.dispatch({
      type: 'setProp',
      id: 'thanks',
      name: 'text',
      value: { $expr: "'x' + code.math.twice(2)" },
    });
    expectValidApp(store);
    store.dispatch({ type: 'setProp', id: 'thanks', name: 'text', value: 'Thanks' });
    store.dispatch({ type: 'setCodeBlock', name: 'math', block: undefined });
    expect(store.getState().doc.app.codeBlocks).toBeUndefined();
  });

  it('refuses a bad name', () => {
    expect(fixtureStore().dispatch({ type: 'setCodeBlock', name: 'a-b', block: undefined })).toEqual({
      ok: false,
      reason: '"a-b" is not a valid code block name',
    });
  });

  it('typing in a block is one undo step', () => {
    let now = 0;
    const store = fixtureStore({ now: () => now });
    for (const source of ['e', 'ex', 'export const a = 1;']) {
      now += 50;
      store.dispatch({ type: 'setCodeBlock', name: 'b', block: { source, exports: [] } });
    }
    expect(store.history().undo).toHaveLength(1);
    expect(store.getState().doc.app.codeBlocks?.b?.source).toBe('export const a = 1;');
  });
});
