import { describe, expect, it } from 'vitest';
import { basePrefix, hrefOf, matchPath, resolveRoute, stripBase, withBase } from './router';

describe('router', () => {
  it('matches static and parameterised paths', () => {
    expect(matchPath('/', '/')).toEqual({});
    expect(matchPath('/news/:id', '/news/42')).toEqual({ id: '42' });
    expect(matchPath('/news/:id', '/news/a%20b/')).toEqual({ id: 'a b' });
    expect(matchPath('/news/:id', '/news')).toBeNull();
    expect(matchPath('/search', '/news/1')).toBeNull();
    expect(matchPath('/news/:id', '/news/%E0%A4%A')).toBeNull();
  });
  it('resolves the first matching page and merges the query under path params', () => {
    const routes = { home: { path: '/' }, detail: { path: '/news/:id' } };
    expect(resolveRoute(routes, '/news/7', '?id=9&tab=x')).toEqual({
      page: 'detail',
      params: { id: '7', tab: 'x' },
    });
    expect(resolveRoute(routes, '/nope', '')).toBeNull();
  });
  it('puts params that are not in the path into the query', () => {
    expect(hrefOf('/news/7', { id: '7', tab: 'a b' }, '/news/:id')).toBe('/news/7?tab=a+b');
    expect(hrefOf('/', {}, '/')).toBe('/');
  });
  it('maps app paths to and from a base path', () => {
    expect(basePrefix(undefined)).toBe('');
    expect(basePrefix('/')).toBe('');
    expect(basePrefix('/sites/a1/')).toBe('/sites/a1');
    expect(stripBase('/sites/a1', '/sites/a1/news/7')).toBe('/news/7');
    expect(stripBase('/sites/a1', '/sites/a1/')).toBe('/');
    expect(stripBase('/sites/a1', '/sites/a1')).toBe('/');
    expect(stripBase('/sites/a1', '/sites/a10/x')).toBe('/sites/a10/x');
    expect(stripBase('', '/news/7')).toBe('/news/7');
    expect(withBase('/sites/a1', '/news/7?x=1')).toBe('/sites/a1/news/7?x=1');
    expect(withBase('/sites/a1', '/')).toBe('/sites/a1/');
    expect(withBase('', '/news')).toBe('/news');
    expect(withBase('/sites/a1', '#')).toBe('#');
  });
});
