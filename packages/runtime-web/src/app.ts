/// <reference lib="dom" />

import { ImageSourcesContext } from '@tessera/components/web/image-source';
import {
  AppRuntime,
  type AppServices,
  fileUrlsOf,
  type KeyValueStorage,
  offlineServices,
  PageRuntime,
  type Platform,
  resolveValue,
  toText,
} from '@tessera/runtime-core';
import {
  createElement as h,
  type ReactNode,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { createRoot } from 'react-dom/client';
import { Feedback, webPlatform } from './platform';
import { NodeView, PageContext } from './render';
import { basePrefix, browserRouter, type HistoryRouter, hrefOf, resolveRoute, withBase } from './router';
import type { PageModule, WebAppEntry } from './types';

export interface StartOptions {
  /** Cloud services; by default every cloud call fails with a clear message. */
  services?: AppServices;
  storage?: KeyValueStorage;
  locale?: string;
  /** Called on every node render (tests count re-renders). */
  probe?: (nodeId: string) => void;
  /**
   * Test builds: like the mini-program simulator's fake device, record navigations, opened URLs
   * and toasts on `globalThis.__tessera` (navigations are recorded, not followed) and expose state.
   */
  inspect?: boolean;
  /** URL path the app is served from (default '/'), e.g. '/sites/<appId>/': routes and links live under it. */
  base?: string;
}

/** What an inspect build exposes to conformance tests. */
export interface Inspector {
  toasts: string[];
  navigations: { page: string; params: Record<string, string> }[];
  opened: string[];
  pageState(): unknown;
  appState(): unknown;
}

/** Mounts the app into `container`: routes by the address bar, one page runtime per shown page. */
export function startApp(
  entry: WebAppEntry,
  container: Element,
  options: StartOptions = {},
): { unmount(): void } {
  const router = browserRouter(options.base);
  const prefix = basePrefix(options.base);
  const feedback = new Feedback();
  let platform = webPlatform({
    router,
    routes: entry.pages,
    feedback,
    ...(options.storage ? { storage: options.storage } : {}),
  });
  const current: { page: PageRuntime | null } = { page: null };
  if (options.inspect) platform = inspecting(platform, current, () => runtime);
  const runtime = new AppRuntime(entry.app, {
    platform,
    services: options.services ?? offlineServices(),
    locale: options.locale ?? pageLocale(entry.app.locales) ?? entry.app.locales.default,
  });
  // <html lang> follows the shown locale (screen readers, hyphenation, fonts).
  document.documentElement.lang = runtime.locale;
  runtime.store.subscribe((changes) => {
    if (changes.some((path) => path[0] === 'locale')) document.documentElement.lang = runtime.locale;
  });
  const root = createRoot(container);
  root.render(
    // Images show cloud file ids and CMS media through the services' resolver (batched, cached).
    h(
      ImageSourcesContext.Provider,
      { value: fileUrlsOf(runtime.services) },
      h(AppView, { entry, runtime, router, feedback, probe: options.probe, current, prefix }),
    ),
  );
  return { unmount: () => root.unmount() };
}

/**
 * The locale the app was built for: `index.html` carries it as `<html lang>` (compile's `locale`
 * option), when it is one of the app's locales (exactly, or by language: zh for zh-CN).
 */
function pageLocale(locales: { default: string; supported: readonly string[] }): string | undefined {
  const lang = typeof document === 'undefined' ? '' : document.documentElement.lang.toLowerCase();
  if (!lang) return undefined;
  const supported = locales.supported.includes(locales.default)
    ? locales.supported
    : [locales.default, ...locales.supported];
  return (
    supported.find((locale) => locale.toLowerCase() === lang) ??
    supported.find((locale) => locale.split('-')[0]?.toLowerCase() === lang.split('-')[0])
  );
}

interface AppViewProps {
  entry: WebAppEntry;
  runtime: AppRuntime;
  router: HistoryRouter;
  feedback: Feedback;
  probe: ((nodeId: string) => void) | undefined;
  current: { page: PageRuntime | null };
  /** The base path prefix ('' at the root) that links carry. */
  prefix: string;
}

function inspecting(
  platform: Platform,
  current: { page: PageRuntime | null },
  runtime: () => AppRuntime,
): Platform {
  const inspector: Inspector = {
    toasts: [],
    navigations: [],
    opened: [],
    pageState: () => current.page?.store.get(['state']),
    appState: () => runtime().store.get(['app']),
  };
  (globalThis as { __tessera?: Inspector }).__tessera = inspector;
  return {
    ...platform,
    async navigate({ page, params }) {
      inspector.navigations.push({ page, params });
    },
    async navigateBack(delta) {
      inspector.navigations.push({ page: '<back>', params: { delta: String(delta) } });
    },
    async openUrl(url) {
      inspector.opened.push(url);
    },
    showToast(toast) {
      inspector.toasts.push(toast.message);
      return platform.showToast(toast);
    },
  };
}

/** The shown locale as React state: a setLocale re-renders what reads it. */
function useLocale(runtime: AppRuntime): string {
  const subscribe = useCallback((listener: () => void) => runtime.store.subscribe(listener), [runtime]);
  return useSyncExternalStore(subscribe, () => runtime.locale);
}

function AppView({ entry, runtime, router, feedback, probe, current, prefix }: AppViewProps): ReactNode {
  const location = useSyncExternalStore(router.subscribe, router.location);
  const locale = useLocale(runtime);
  const match = resolveRoute(entry.pages, location.pathname, location.search);
  const [loaded, setLoaded] = useState<
    { key: number; module: PageModule } | { key: number; error: string } | null
  >(null);
  const pageId = match?.page;
  useEffect(() => {
    if (!pageId) return;
    let live = true;
    entry.pages[pageId]
      ?.load()
      .then((module) => live && setLoaded({ key: location.key, module }))
      .catch((error: unknown) => live && setLoaded({ key: location.key, error: String(error) }));
    return () => {
      live = false;
    };
  }, [location.key, pageId, entry]);
  const zh = locale.startsWith('zh');
  let body: ReactNode = null;
  if (!match) {
    body = h(
      'main',
      { className: 't-page' },
      h('h1', null, zh ? '页面不存在' : 'Page not found'),
      h('a', { className: 't-link', href: withBase(prefix, '/') }, zh ? '返回首页' : 'Go to the home page'),
    );
  } else if (loaded && loaded.key === location.key) {
    body =
      'module' in loaded
        ? h(PageView, {
            key: location.key,
            runtime,
            module: loaded.module,
            appName: entry.name,
            params: match.params,
            probe,
            current,
            prefix,
          })
        : h('main', { className: 't-page', role: 'alert' }, loaded.error);
  }
  const tabs =
    entry.tabBar && match && entry.tabBar.items.some((item) => item.page === match.page)
      ? entry.tabBar
      : undefined;
  return h(
    'div',
    { className: tabs ? 't-app t-app--tabs' : 't-app' },
    body,
    tabs
      ? h(
          'nav',
          { className: 't-app-tabbar', 'aria-label': zh ? '主导航' : 'Main' },
          ...tabs.items.map((item) => {
            const route = entry.pages[item.page];
            const href = route ? hrefOf(route.path, {}, route.path) : '/';
            const current = item.page === match?.page;
            return h(
              'a',
              {
                key: item.page,
                href: withBase(prefix, href),
                className: current ? 't-tabbar__item t-tabbar__item--active' : 't-tabbar__item',
                'aria-current': current ? 'page' : undefined,
                onClick: (e: MouseEvent | { preventDefault(): void }) => {
                  e.preventDefault();
                  router.push(href, true);
                },
              },
              textOf(runtime, item.text),
            );
          }),
        )
      : null,
    h(FeedbackView, { feedback, zh }),
  );
}

function textOf(runtime: AppRuntime, value: unknown): string {
  return toText(resolveValue(value, runtime.scope(), runtime.locale, runtime.descriptor.locales.default));
}

/** One shown page: its runtime lives as long as the view; lifecycle events run around it. */
interface PageViewProps {
  runtime: AppRuntime;
  module: PageModule;
  /** The document title of a page without one. */
  appName: WebAppEntry['name'];
  params: Record<string, string>;
  probe: ((id: string) => void) | undefined;
  current: { page: PageRuntime | null };
  prefix: string;
}

function PageView({ runtime, module, appName, params, probe, current, prefix }: PageViewProps): ReactNode {
  const [page] = useState(() => new PageRuntime(runtime, module.descriptor, params));
  current.page = page;
  useEffect(() => {
    // The title may read query results: kept current as they arrive (and a locale switch). A page
    // without one shows the app's name, not the title of the page before it.
    const updateTitle = () => {
      try {
        const own = module.descriptor.title === undefined ? '' : page.text(module.descriptor.title);
        const title = own || page.text(appName);
        if (title) document.title = title;
      } catch {
        // data the title reads is not loaded yet
      }
    };
    updateTitle();
    const stop = page.onChange(updateTitle);
    void page.load().then(() => page.show());
    return () => {
      stop();
      void page.hide();
      page.unload();
    };
  }, [page, module, appName]);
  // A new context value on a locale switch re-renders every node once: default texts of components
  // and their built-in labels follow too, not only the bindings that read the locale.
  const locale = useLocale(runtime);
  const context = useMemo(() => ({ page, probe, prefix, locale }), [page, probe, prefix, locale]);
  return h(
    PageContext.Provider,
    { value: context },
    h('main', { className: 't-main' }, h(NodeView, { node: module.root, locals: {} })),
  );
}

function FeedbackView({ feedback, zh }: { feedback: Feedback; zh: boolean }): ReactNode {
  useSyncExternalStore(feedback.subscribe, feedback.snapshot);
  const confirm = useRef<HTMLButtonElement | null>(null);
  const modal = feedback.modal;
  useLayoutEffect(() => {
    if (modal) confirm.current?.focus();
  }, [modal]);
  return h(
    'div',
    null,
    h(
      'div',
      { className: feedback.toast ? 't-toast' : 't-sr-only', role: 'status', 'aria-live': 'polite' },
      feedback.toast?.message ?? '',
    ),
    modal
      ? h(
          'div',
          { className: 't-modal__mask' },
          h(
            'div',
            {
              className: 't-modal',
              role: 'alertdialog',
              'aria-modal': true,
              'aria-labelledby': 't-feedback-title',
              'aria-describedby': 't-feedback-content',
              onKeyDown: (e: KeyboardEvent | { key: string }) => e.key === 'Escape' && modal.answer(false),
            },
            h(
              'h2',
              { id: 't-feedback-title', className: 't-modal__title' },
              modal.title || (zh ? '提示' : 'Notice'),
            ),
            h('p', { id: 't-feedback-content' }, modal.content),
            h(
              'div',
              { className: 't-modal__foot' },
              modal.showCancel
                ? h(
                    'button',
                    { type: 'button', className: 't-button', onClick: () => modal.answer(false) },
                    modal.cancelText,
                  )
                : null,
              h(
                'button',
                {
                  type: 'button',
                  className: 't-button t-button--primary',
                  ref: confirm,
                  onClick: () => modal.answer(true),
                },
                modal.confirmText,
              ),
            ),
          ),
        )
      : null,
  );
}
