import {
  type AnchorHTMLAttributes,
  createElement,
  type MouseEvent,
  type ReactNode,
  useEffect,
  useSyncExternalStore,
} from 'react';

type Guard = () => string | undefined;
const listeners = new Set<() => void>();
const guards = new Set<Guard>();

function notify(): void {
  for (const listener of listeners) listener();
}

globalThis.addEventListener?.('popstate', notify);

/**
 * Goes to `to` inside the editor. A registered guard (unsaved changes) may ask first; `replace`
 * swaps the current history entry instead of adding one.
 */
export function navigate(to: string, options: { replace?: boolean; force?: boolean } = {}): void {
  if (!options.force) {
    for (const guard of guards) {
      const question = guard();
      if (question && !globalThis.confirm(question)) return;
    }
  }
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  notify();
}

/** Asks before leaving (in-app navigation and closing the tab) while `question()` returns text. */
export function useLeaveGuard(question: () => string | undefined): void {
  useEffect(() => {
    guards.add(question);
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (question()) event.preventDefault();
    };
    addEventListener('beforeunload', beforeUnload);
    return () => {
      guards.delete(question);
      removeEventListener('beforeunload', beforeUnload);
    };
  }, [question]);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current location's path and query, re-rendering on every navigation. */
export function useLocation(): { pathname: string; search: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, () => location.pathname + location.search);
  const url = new URL(href, 'http://x');
  return { pathname: url.pathname, search: url.searchParams };
}

/** Matches `/apps/:appId/data` style patterns; returns the params or null. */
export function matchRoute(pattern: string, pathname: string): Record<string, string> | null {
  const names: string[] = [];
  const source = pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const match = new RegExp(`^${source}/?$`).exec(pathname);
  if (!match) return null;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
}

/** An in-app link: a real `<a href>` (open in new tab works) that navigates without reloading. */
export function Link({
  to,
  children,
  ...rest
}: { to: string; children: ReactNode } & AnchorHTMLAttributes<HTMLAnchorElement>): ReactNode {
  return createElement(
    'a',
    {
      ...rest,
      href: to,
      onClick(event: MouseEvent<HTMLAnchorElement>) {
        rest.onClick?.(event);
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
          return;
        event.preventDefault();
        navigate(to);
      },
    },
    children,
  );
}
