import { describe, expect, it } from 'vitest';
import { expr, openPage } from '../test/harness';

describe('data sources', () => {
  it('a collection query shows loading, then data; filters read state', async () => {
    const { page, backend } = openPage({
      state: { owner: { initial: 'ada' } },
      queries: {
        mine: {
          type: 'collection',
          collection: 'todos',
          filter: { owner: expr('state.owner') },
          sort: { title: 'asc' },
          limit: 10,
        },
      },
    });
    await backend.services.insert('todos', { title: 'b', owner: 'ada' });
    await backend.services.insert('todos', { title: 'a', owner: 'ada' });
    await backend.services.insert('todos', { title: 'c', owner: 'bob' });
    const seen: unknown[] = [];
    page.onChange(() => seen.push(structuredClone(page.store.get(['queries', 'mine']))));
    await page.load();
    expect(seen[0]).toEqual({ data: null, loading: true, error: null });
    expect(page.scope().queries).toMatchObject({
      mine: { loading: false, error: null, data: [{ title: 'a' }, { title: 'b' }] },
    });
  });

  it('a failing query keeps its error for the page and fails runQuery', async () => {
    const { page } = openPage({ queries: { f: { type: 'function', function: 'missing', auto: false } } });
    await page.load();
    expect(page.store.get(['queries', 'f'])).toEqual({ data: null, loading: false, error: null });
    const outcome = await page.run([{ type: 'runQuery', query: 'f', onError: [] }]);
    expect(outcome).toMatchObject({ ok: false, error: { message: 'function missing not found' } });
    expect(page.store.get(['queries', 'f', 'error'])).toEqual({
      message: 'function missing not found',
      code: '404',
    });
  });

  it('runQuery params are readable as params.<name>; cms and http queries go to their services', async () => {
    const { page } = openPage(
      {
        queries: {
          echo: {
            type: 'http',
            url: expr('"https://api.test/" + params.q'),
            query: { page: expr('params.page') },
            auto: false,
          },
          notices: { type: 'cms', model: 'notice', auto: false },
        },
      },
      {},
      { params: { page: '3' } },
    );
    const result = await page.run([{ type: 'runQuery', query: 'echo', params: { q: 'x' } }]);
    expect(result).toMatchObject({
      ok: true,
      result: { echo: { url: 'https://api.test/x', method: 'GET', query: { page: '3' } } },
    });
    expect(await page.runQuery('notices')).toEqual([]);
    await expect(page.runQuery('ghost')).rejects.toThrow(/no query named "ghost"/);
  });

  it('app-level auto queries start with the first page load, once', async () => {
    let calls = 0;
    const { page, app } = openPage(
      {},
      { queries: { config: { type: 'function', function: 'config' } } },
      { functions: { config: () => ({ n: ++calls }) } },
    );
    expect(page.scope().queries).toEqual({ config: { data: null, loading: false, error: null } });
    await page.load();
    expect(page.scope().queries).toMatchObject({ config: { data: { n: 1 } } });
    const { PageRuntime } = await import('./page');
    await new PageRuntime(app, { id: 'other', path: '/other' }).load();
    expect(calls).toBe(1);
  });

  it('app-level queries are readable from every page', async () => {
    const { page } = openPage(
      {},
      { queries: { config: { type: 'function', function: 'config' } } },
      { functions: { config: () => ({ theme: 'dark' }) } },
    );
    await page.runQuery('config');
    expect(page.scope().queries).toMatchObject({ config: { data: { theme: 'dark' } } });
  });
});
