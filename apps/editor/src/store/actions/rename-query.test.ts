import type { QuerySchema } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { expectUndoable, expectValidApp, fixtureStore } from '../fixtures';

const news: QuerySchema = { type: 'collection', collection: 'news', limit: 10 };

describe('renameQuery', () => {
  it('renames a page query, its queries.<name> reads and runQuery actions, as one step', () => {
    const store = fixtureStore();
    store.dispatch({ type: 'setQuery', pageId: 'home', name: 'news', query: news });
    store.dispatch({ type: 'setQuery', pageId: 'home', name: 'newsletter', query: news });
    store.dispatch({
      type: 'setProp',
      id: 'title',
      name: 'text',
      value: { $expr: "queries.news.loading ? '…' : queries.newsletter.data.length" },
    });
    store.dispatch({
      type: 'setEvents',
      id: 'submit',
      event: 'tap',
      actions: [{ type: 'runQuery', query: 'news' }],
    });
    const before = store.getApp();
    expect(store.dispatch({ type: 'renameQuery', pageId: 'home', from: 'news', to: 'articles' })).toEqual({
      ok: true,
    });
    const { nodes, pages } = store.getState().doc;
    expect(Object.keys(pages[0]!.queries!)).toEqual(['articles', 'newsletter']);
    expect(nodes.title!.props!.text).toEqual({
      $expr: "queries.articles.loading ? '…' : queries.newsletter.data.length",
    });
    expect(nodes.submit!.events).toEqual({ tap: [{ type: 'runQuery', query: 'articles' }] });
    expectValidApp(store);
    expectUndoable(store, before);
  });

  it('renames an app query on every page except one whose own query of that name hides it', () => {
    const store = fixtureStore();
    store.dispatch({ type: 'setQuery', name: 'feed', query: news });
    store.dispatch({
      type: 'setQuery',
      name: 'extra',
      query: { ...news, where: { tag: { $expr: "queries.feed.data ? 'a' : 'b'" } } } as QuerySchema,
    });
    store.dispatch({ type: 'setQuery', pageId: 'about', name: 'feed', query: news });
    store.dispatch({
      type: 'setProp',
      id: 'title',
      name: 'text',
      value: { $expr: 'queries.feed.data.length' },
    });
    store.dispatch({
      type: 'insert',
      parentId: 'about_root',
      node: { id: 'local', component: 'Text', props: { text: { $expr: 'queries.feed.data.length' } } },
    });
    const before = store.getApp();
    expect(store.dispatch({ type: 'renameQuery', from: 'feed', to: 'stream' })).toEqual({ ok: true });
    const { nodes, app } = store.getState().doc;
    expect(Object.keys(app.queries!)).toEqual(['stream', 'extra']);
    expect(app.queries!.extra).toMatchObject({
      where: { tag: { $expr: "queries.stream.data ? 'a' : 'b'" } },
    });
    expect(nodes.title!.props!.text).toEqual({ $expr: 'queries.stream.data.length' });
    expect(nodes.local!.props!.text).toEqual({ $expr: 'queries.feed.data.length' });
    expectUndoable(store, before);
  });

  it('refuses clashes between page and app queries, bad names and unknown queries', () => {
    const store = fixtureStore();
    store.dispatch({ type: 'setQuery', name: 'feed', query: news });
    store.dispatch({ type: 'setQuery', pageId: 'home', name: 'news', query: news });
    store.dispatch({ type: 'setQuery', pageId: 'about', name: 'local', query: news });
    expect(store.dispatch({ type: 'renameQuery', pageId: 'home', from: 'news', to: 'feed' })).toEqual({
      ok: false,
      reason: 'the app has a query "feed"; a page query of that name would hide it',
    });
    expect(store.dispatch({ type: 'renameQuery', from: 'feed', to: 'local' })).toEqual({
      ok: false,
      reason: 'page "about" has a query "local" that would hide the app query',
    });
    expect(store.dispatch({ type: 'renameQuery', from: 'feed', to: 'a-b' })).toEqual({
      ok: false,
      reason: '"a-b" is not a valid query name',
    });
    expect(store.dispatch({ type: 'renameQuery', pageId: 'about', from: 'news', to: 'x' })).toEqual({
      ok: false,
      reason: 'page "about" has no query "news"',
    });
  });
});
