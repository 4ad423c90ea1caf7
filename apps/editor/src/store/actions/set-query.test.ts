import { describe, expect, it } from 'vitest';
import { expectUndoable, expectValidApp, fixtureStore } from '../fixtures';

describe('setQuery', () => {
  it('adds, changes and deletes page and app queries; a binding to the query validates', () => {
    const store = fixtureStore();
    const before = store.getApp();
    store.dispatch({
      type: 'setQuery',
      pageId: 'about',
      name: 'news',
      query: { type: 'collection', collection: 'news', filter: { status: 'open' }, limit: 10 },
    });
    expect(store.getState().doc.pages[1]!.queries).toEqual({
      news: { type: 'collection', collection: 'news', filter: { status: 'open' }, limit: 10 },
    });
    expectUndoable(store, before);
    store.dispatch({
      type: 'insert',
      parentId: 'about_root',
      node: { component: 'Text', props: { text: { $expr: "queries.news.data.length + ' items'" } } },
    });
    expectValidApp(store);
    store.dispatch({
      type: 'setQuery',
      name: 'weather',
      query: { type: 'http', url: 'https://api.example.com/w' },
    });
    expect(Object.keys(store.getState().doc.app.queries!)).toEqual(['weather']);
    store.dispatch({ type: 'setQuery', name: 'weather', query: undefined });
    expect(store.getState().doc.app.queries).toBeUndefined();
  });

  it('refuses bad names and unknown pages', () => {
    const store = fixtureStore();
    expect(store.dispatch({ type: 'setQuery', name: '1x', query: { type: 'cms', model: 'm' } })).toEqual({
      ok: false,
      reason: '"1x" is not a valid query name',
    });
    expect(
      store.dispatch({ type: 'setQuery', pageId: 'nope', name: 'a', query: { type: 'cms', model: 'm' } }),
    ).toMatchObject({ ok: false });
  });

  it('typing in one query field is one undo step', () => {
    let now = 0;
    const store = fixtureStore({ now: () => now });
    for (const limit of [1, 12, 123]) {
      now += 100;
      store.dispatch({ type: 'setQuery', name: 'q', query: { type: 'collection', collection: 'c', limit } });
    }
    expect(store.history().undo).toHaveLength(1);
    store.dispatch({ type: 'undo' });
    expect(store.getState().doc.app.queries).toBeUndefined();
  });
});
