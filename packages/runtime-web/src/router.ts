/** A route pattern (`/news/:id`) matched against a pathname; params are decoded. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = segments(pattern);
  const have = segments(pathname);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const expected = want[i] as string;
    const actual = have[i] as string;
    if (expected.startsWith(':')) {
      try {
        params[expected.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (expected !== actual) return null;
  }
  return params;
}

const segments = (path: string) => path.split('/').filter((segment) => segment !== '');

export interface RouteMatch {
  page: string;
  /** Path params and query parameters together, as `params` in expressions. */
  params: Record<string, string>;
}

/** The page a location shows: the first route that matches, query parameters merged under path params. */
export function resolveRoute(
  routes: Record<string, { path: string }>,
  pathname: string,
  search: string,
): RouteMatch | null {
  for (const [page, { path }] of Object.entries(routes)) {
    const params = matchPath(path, pathname);
    if (params) return { page, params: { ...Object.fromEntries(new URLSearchParams(search)), ...params } };
  }
  return null;
}

/** The address of a page: path params filled (the runtime did that), the rest as the query. */
export function hrefOf(path: string, params: Record<string, string>, routePattern: string): string {
  const inPath = new Set(
    segments(routePattern)
      .filter((s) => s.startsWith(':'))
      .map((s) => s.slice(1)),
  );
  const query = new URLSearchParams(Object.entries(params).filter(([key]) => !inPath.has(key)));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** `'/sites/x/'` → `'/sites/x'`: the prefix before an app path; `''` when the app is served at the root. */
export function basePrefix(base: string | undefined): string {
  const trimmed = (base ?? '/').replace(/\/+$/, '');
  return trimmed === '' ? '' : trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** The address bar's pathname without the base the app is served under (`/sites/x/news/1` → `/news/1`). */
export function stripBase(prefix: string, pathname: string): string {
  if (prefix === '' || (pathname !== prefix && !pathname.startsWith(`${prefix}/`))) return pathname;
  return pathname.slice(prefix.length) || '/';
}

/** An app address as the browser sees it: under the base (`/news/1` → `/sites/x/news/1`). */
export function withBase(prefix: string, href: string): string {
  if (prefix === '' || !href.startsWith('/')) return href;
  return `${prefix}${href}`;
}

/** Browser history as a store React can subscribe to; locations and pushes are app paths (without the base). */
export interface HistoryRouter {
  location(): { pathname: string; search: string; key: number };
  push(href: string, replace: boolean): void;
  back(delta: number): void;
  subscribe(listener: () => void): () => void;
}

/** `base`: the URL path the app is served from (default '/'), e.g. '/sites/<appId>/'. */
export function browserRouter(base = '/'): HistoryRouter {
  const prefix = basePrefix(base);
  const listeners = new Set<() => void>();
  let current = { pathname: stripBase(prefix, location.pathname), search: location.search, key: 0 };
  const update = () => {
    current = {
      pathname: stripBase(prefix, location.pathname),
      search: location.search,
      key: current.key + 1,
    };
    for (const listener of listeners) listener();
  };
  addEventListener('popstate', update);
  return {
    location: () => current,
    push(href, replace) {
      if (replace) history.replaceState(null, '', withBase(prefix, href));
      else history.pushState(null, '', withBase(prefix, href));
      update();
    },
    back(delta) {
      history.go(-delta);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
