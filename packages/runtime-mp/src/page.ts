import {
  type AppDescriptor,
  AppRuntime,
  type AppServices,
  fileUrlsOf,
  type Locals,
  offlineServices,
  type PageDescriptor,
  PageRuntime,
  type RuntimeAction,
  type RuntimeValue,
  resolveValue,
  toText,
} from '@tessera/runtime-core';
import {
  computeView,
  FILE_URLS,
  imageFailed,
  type RepeatSpec,
  repeatLocals,
  updateView,
  type ViewData,
  type ViewSpec,
} from './view';
import { type Routes, type Wx, wxPlatform } from './wx-platform';

/** One generated event method: which repeats it sits in and what it does. */
export interface HandlerSpec {
  repeats: string[];
  form: string | null;
  actions: RuntimeAction[];
  /** A form field's change: store the value first. */
  field?: { form: string | null; name: string | null; kind: string };
  options?: unknown;
  upload?: { folder: string; maxSizeMB: number; accept: string };
  /** Set a node's UI state (active tab) from `data-value`. */
  setUi?: [string, string];
  submit?: string;
  reset?: string;
  /** itemTap of a List: event.detail gets the item and index of this repeat. */
  item?: string;
  /** An Image's error: its address (`data-src`) is shown as broken from now on. */
  image?: boolean;
}

export interface MpApp {
  descriptor: AppDescriptor;
  routes: Routes;
  /** Texts of the tab bar items, in order (app.json holds them in the build's locale). */
  tabTexts?: RuntimeValue[];
  /** The locale app.json's static texts were written in. */
  locale?: string;
  /** The app's name when it has texts per locale: the title of pages without one after a locale switch. */
  name?: RuntimeValue;
}

interface Host {
  setData(data: Record<string, unknown>): void;
  $page?: PageRuntime;
  $view?: ViewData;
  $stopFiles?: () => void;
}

declare const wx: Wx;
declare function Component(options: unknown): void;

let appRuntime: AppRuntime | null = null;
let servicesFactory: (() => AppServices) | null = null;

/** Handlers and page loads still running: tests wait for 0 before looking at the page. */
export const activity = { running: 0 };

async function tracked<T>(work: () => Promise<T>): Promise<T> {
  activity.running++;
  try {
    return await work();
  } finally {
    activity.running--;
  }
}

/** Largest setData payload (bytes of JSON) sent so far: the benchmark reads it. */
export const setDataStats = { max: 0, calls: 0 };

/** Lets the app (or a test) provide the cloud services; the default refuses every call. */
export function configureServices(factory: () => AppServices): void {
  servicesFactory = factory;
}

export function getAppRuntime(app: MpApp): AppRuntime {
  if (!appRuntime) {
    const locale = deviceLocale(app.descriptor.locales.supported);
    appRuntime = new AppRuntime(app.descriptor, {
      platform: wxPlatform(wx, app.routes),
      services: servicesFactory ? servicesFactory() : offlineServices(),
      ...(locale ? { locale } : {}),
    });
  }
  return appRuntime;
}

/** The WeChat language (zh_CN, en) as one of the app's locales, if it supports it. */
function deviceLocale(supported: readonly string[]): string | undefined {
  let language: unknown;
  try {
    language = (wx.getSystemInfoSync?.() as { language?: unknown } | undefined)?.language;
  } catch {
    return undefined;
  }
  if (typeof language !== 'string') return undefined;
  const wanted = language.replace('_', '-').toLowerCase();
  return (
    supported.find((locale) => locale.toLowerCase() === wanted) ??
    supported.find((locale) => locale.split('-')[0]?.toLowerCase() === wanted.split('-')[0])
  );
}

/** Keeps the navigation bar title in step with a bound page title. */
function syncTitle(
  runtime: PageRuntime,
  own: RuntimeValue | undefined,
  appName: RuntimeValue | undefined,
  shown: { title?: string },
): void {
  let title: string;
  try {
    // A page with an empty title shows the app's name (app.json has it in the build's locale only).
    title =
      (own === undefined ? '' : runtime.text(own)) || (appName === undefined ? '' : runtime.text(appName));
    if (!title) return;
  } catch {
    return; // a title that cannot be computed yet (data still loading) keeps the last one
  }
  if (title === shown.title) return;
  shown.title = title;
  wx.setNavigationBarTitle?.({ title });
}

/** Locale of the tab bar texts shown (app.json's until a setLocale). */
let tabLocale: string | undefined;

/**
 * Rewrites the tab bar texts in the shown locale. WeChat accepts wx.setTabBarItem only while a tab
 * page is shown, so this runs when a tab page shows or switches the locale itself.
 */
function syncTabBar(app: MpApp, runtime: PageRuntime): void {
  const texts = app.tabTexts ?? [];
  if (texts.length === 0 || !app.routes.tabs.includes(runtime.descriptor.id)) return;
  tabLocale ??= app.locale;
  if (runtime.locale === tabLocale) return;
  tabLocale = runtime.locale;
  texts.forEach((text, index) => {
    const shown = toText(resolveValue(text, runtime.scope(), runtime.locale, app.descriptor.locales.default));
    wx.setTabBarItem?.({ index, text: shown, fail: () => {} });
  });
}

/** Forgets the app runtime (tests start each app fresh). */
export function resetApp(): void {
  appRuntime = null;
  tabLocale = undefined;
}

function send(host: Host, patch: Record<string, unknown>): void {
  if (Object.keys(patch).length === 0) return;
  const size = JSON.stringify(patch).length;
  setDataStats.max = Math.max(setDataStats.max, size);
  setDataStats.calls++;
  host.setData(patch);
}

/**
 * Defines a compiled page with `Component()`: the runtime computes the view keys, sends only
 * changed paths with setData, and runs the generated event methods' action lists.
 */
export function definePage(
  app: MpApp,
  page: PageDescriptor,
  view: ViewSpec,
  handlers: Record<string, HandlerSpec>,
): void {
  const repeats = new Map<string, RepeatSpec>();
  const index = (list: RepeatSpec[]) => {
    for (const repeat of list) {
      repeats.set(repeat.key, repeat);
      index(repeat.repeats);
    }
  };
  index(view.repeats);

  const methods: Record<string, (this: Host, ...args: never[]) => unknown> = {
    onLoad(this: Host, query: Record<string, string> = {}) {
      const runtime = this.$page;
      if (!runtime) return;
      for (const [key, value] of Object.entries(query))
        runtime.store.set(['params', key], decodeURIComponent(value));
      runtime.commit();
      return runtime.load();
    },
    onShow(this: Host) {
      const runtime = this.$page;
      if (!runtime) return;
      // App changes made on other pages (app state, the locale) reach this page's view now.
      runtime.commit();
      syncTabBar(app, runtime);
      return runtime.show();
    },
    onHide(this: Host) {
      return this.$page?.hide();
    },
    onPullDownRefresh(this: Host) {
      return this.$page?.run(page.events?.pullDownRefresh);
    },
    onReachBottom(this: Host) {
      return this.$page?.run(page.events?.reachBottom);
    },
  };
  for (const [name, spec] of Object.entries(handlers)) {
    methods[name] = function (this: Host, event: never) {
      const runtime = this.$page;
      const src = (event as WxEvent)?.currentTarget?.dataset?.src;
      if (spec.image && runtime && this.$view && imageFailed(runtime, src))
        send(this, updateView(runtime, view, this.$view, [FILE_URLS]));
      return tracked(() => handle(this, spec, event, repeats));
    };
  }

  Component({
    data: {},
    lifetimes: {
      attached(this: Host) {
        const runtime = new PageRuntime(getAppRuntime(app), page, {});
        this.$page = runtime;
        this.$view = computeView(runtime, view);
        send(this, { ...this.$view });
        const shown: { title?: string } = {};
        syncTitle(runtime, page.title, app.name, shown);
        // app.json's tab texts are in the build's locale; a remembered choice may differ
        syncTabBar(app, runtime);
        // Images whose cloud file URLs were being looked up show once the answer is in.
        this.$stopFiles = fileUrlsOf(runtime.app.services).subscribe(() => {
          if (this.$view) send(this, updateView(runtime, view, this.$view, [FILE_URLS]));
        });
        runtime.onChange((changes) => {
          if (this.$view) send(this, updateView(runtime, view, this.$view, changes));
          syncTitle(runtime, page.title, app.name, shown);
          if (changes.some((path) => path[0] === 'locale')) syncTabBar(app, runtime);
        });
      },
      detached(this: Host) {
        this.$stopFiles?.();
        this.$page?.unload();
      },
    },
    methods,
  });
}

interface WxEvent {
  detail?: Record<string, unknown> & { value?: unknown };
  currentTarget?: { dataset?: Record<string, unknown> };
}

async function handle(host: Host, spec: HandlerSpec, event: WxEvent, repeats: Map<string, RepeatSpec>) {
  const page = host.$page;
  if (!page) return;
  const dataset = event?.currentTarget?.dataset ?? {};
  const chain = spec.repeats
    .map((key) => repeats.get(key))
    .filter((entry): entry is RepeatSpec => entry !== undefined);
  const indices = Array.isArray(dataset.ix) ? (dataset.ix as number[]) : [];
  const base: Locals = spec.form ? { form: spec.form } : {};
  const locals = repeatLocals(page, chain, indices, base);
  let detail: Record<string, unknown> = { ...(event?.detail ?? {}) };
  const itemRepeat = spec.item ? repeats.get(spec.item) : undefined;
  if (itemRepeat) detail = { ...detail, item: locals[itemRepeat.item], index: locals[itemRepeat.index] };
  if (spec.field) {
    const value = await fieldValue(page, spec, event, locals);
    if (value === SKIP) return;
    detail = { ...detail, value };
    if (spec.field.form && spec.field.name) await page.setField(spec.field.form, spec.field.name, value);
  }
  if (spec.setUi) {
    page.store.set(['ui', spec.setUi[0], spec.setUi[1]], dataset.value);
    page.commit();
    detail = { ...detail, value: dataset.value };
  }
  if (spec.reset) {
    page.resetForm(spec.reset);
    page.commit();
  }
  if (spec.submit) {
    const outcome = await page.run([{ type: 'submitForm', form: spec.submit }], locals);
    if (!outcome.ok) return;
  }
  if (spec.actions.length > 0) await page.run(spec.actions, { ...locals, event: { detail } });
}

const SKIP = Symbol('skip');

async function fieldValue(
  page: PageRuntime,
  spec: HandlerSpec,
  event: WxEvent,
  locals: Locals,
): Promise<unknown> {
  const raw = event?.detail?.value;
  switch (spec.field?.kind) {
    case 'number':
      return raw === '' || raw === undefined ? null : Number(raw);
    case 'switch':
      return raw === true;
    case 'select': {
      const options = page.evaluate(spec.options, locals);
      const chosen = Array.isArray(options) ? options[Number(raw)] : undefined;
      return (chosen as { value?: unknown } | undefined)?.value ?? null;
    }
    case 'checkbox':
      return Array.isArray(raw) ? raw : [];
    case 'upload': {
      const upload = spec.upload ?? { folder: 'uploads', maxSizeMB: 10, accept: 'image' };
      const outcome = await page.run(
        [{ type: 'uploadFile', accept: upload.accept, folder: upload.folder, maxSizeMB: upload.maxSizeMB }],
        locals,
      );
      if (!outcome.ok) return SKIP;
      const current =
        spec.field.form && spec.field.name ? page.formValues(spec.field.form)[spec.field.name] : [];
      return [...(Array.isArray(current) ? current : []), (outcome.result as { fileID: string }).fileID];
    }
    default:
      return raw ?? '';
  }
}
