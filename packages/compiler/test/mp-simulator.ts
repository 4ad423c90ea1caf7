import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { qrDataUri } from '@tessera/components/qr';
import { createApp } from '../../../apps/server/test/app-data-helpers';
import { startTestServer, type TestServer } from '../../../apps/server/test/harness';
import { compile } from '../src/index';
import type { ConformanceScript, NodeRef, Step } from './conformance-script';
import { prepareServerApp } from './server-fixture';

const require = createRequire(import.meta.url);

interface SimNode {
  dom: Element;
  dispatchEvent(name: string, options?: { detail?: unknown }): void;
  querySelector(selector: string): SimNode | null;
  querySelectorAll(selector: string): SimNode[];
}

/** What the fake device recorded: the wx.* calls a page made. */
interface Device {
  toasts: string[];
  navigations: { page: string; params: Record<string, string> }[];
  modalAnswers: boolean[];
  titles: string[];
  /** wx storage (a test passes one to start a second run where the first left off). */
  storage: Map<string, unknown>;
  /** The page's title from its .json, shown until the page sets one. */
  pageTitle?: string;
  /** Tab bar texts: app.json's, as changed by wx.setTabBarItem. */
  tabBar: string[];
  /** What wx.getSystemInfoSync() reports as the phone's language (e.g. zh_CN). */
  language: string;
}

let activity: { running: number } = { running: 0 };

/** Waits until no handler or page load is running (network calls included), at most 10 s. */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const settle = async () => {
  const deadline = Date.now() + 10_000;
  for (;;) {
    for (let i = 0; i < 5; i++) await sleep(0);
    if (activity.running === 0 || Date.now() > deadline) return;
    await sleep(5);
  }
};

let server: TestServer | null = null;

/** A real Tessera server (one per process) with a fresh app for the fixture; returns its URL. */
async function serverFor(
  app: { id: string },
  setup: NonNullable<ConformanceScript['server']>,
  dir: string,
): Promise<string> {
  server ??= await startTestServer();
  const appId = await createApp(server);
  Object.assign(app, await prepareServerApp(server, appId, setup, dir, app), { id: appId });
  return server.url;
}

export async function stopServer(): Promise<void> {
  await server?.close();
  server = null;
}

/** Stands in for the WeChat client's `wx` object: records what the app asked the device to do. */
function fakeWx(device: Device, routes: Record<string, string>) {
  const storage = device.storage;
  const pageOf = (url: string) => {
    const [path = '', query = ''] = url.split('?');
    const page = Object.entries(routes).find(([, route]) => route === path)?.[0] ?? path;
    return { page, params: Object.fromEntries(new URLSearchParams(query)) };
  };
  type Options = { success?: (result: unknown) => void; [field: string]: unknown };
  const ok = (options: Options, result: unknown = {}) => options.success?.(result);
  return {
    showToast: (options: Options) => {
      device.toasts.push(String(options.title));
      ok(options);
    },
    showModal: (options: Options) => ok(options, { confirm: device.modalAnswers.shift() ?? true }),
    navigateTo: (options: Options) => {
      device.navigations.push(pageOf(String(options.url)));
      ok(options);
    },
    redirectTo: (options: Options) => {
      device.navigations.push(pageOf(String(options.url)));
      ok(options);
    },
    switchTab: (options: Options) => {
      device.navigations.push(pageOf(String(options.url)));
      ok(options);
    },
    navigateBack: (options: Options) => {
      device.navigations.push({ page: '<back>', params: { delta: String(options.delta) } });
      ok(options);
    },
    setClipboardData: (options: Options) => ok(options),
    // wx.request over fetch: the SDK's mini-program transport talks to the real test server.
    request: (options: Options) => {
      const headers = (options.header ?? {}) as Record<string, string>;
      fetch(String(options.url), {
        method: String(options.method ?? 'GET'),
        headers,
        ...(options.data === undefined
          ? {}
          : { body: typeof options.data === 'string' ? options.data : JSON.stringify(options.data) }),
      })
        .then(async (response) => ok(options, { statusCode: response.status, data: await response.text() }))
        .catch((error: Error) =>
          (options.fail as ((e: { errMsg: string }) => void) | undefined)?.({ errMsg: error.message }),
        );
    },
    getStorageSync: (key: string) => storage.get(key) ?? '',
    setStorageSync: (key: string, value: unknown) => storage.set(key, value),
    removeStorageSync: (key: string) => storage.delete(key),
    setNavigationBarTitle: (options: Options) => {
      device.titles.push(String(options.title));
      ok(options);
    },
    setTabBarItem: (options: Options) => {
      device.tabBar[Number(options.index)] = String(options.text);
      ok(options);
    },
    getSystemInfoSync: () => ({ language: device.language }),
  };
}

let dom: { window: Record<string, unknown> & { document: Document } } | null = null;

/**
 * A jsdom window as globals for miniprogram-simulate. Made by hand in a node environment, because
 * under vitest's jsdom environment esbuild refuses jsdom's TextEncoder; Node 20's own Event
 * classes break j-component's dispatch, so jsdom's replace them.
 */
function installDom(): void {
  if (!dom) {
    const { JSDOM } = require('jsdom');
    dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { pretendToBeVisual: true });
  }
  const win = (dom as NonNullable<typeof dom>).window;
  const globals: Record<string, unknown> = { window: win, document: win.document };
  for (const name of [
    'Event',
    'CustomEvent',
    'Node',
    'Element',
    'HTMLElement',
    'DocumentFragment',
    'MutationObserver',
    'getComputedStyle',
    'navigator',
    'Text',
    'Comment',
  ]) {
    globals[name] = win[name];
  }
  for (const [name, value] of Object.entries(globals)) {
    Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  }
}

export interface FixtureRun {
  /** Largest setData payload in bytes. */
  maxSetData: number;
  /** Navigation bar titles set while the script ran. */
  titles: string[];
}

/** Compiles a conformance fixture for mp, loads its page in miniprogram-simulate and plays the script. */
export async function runMpFixture(
  dir: string,
  options: { language?: string; storage?: Map<string, unknown> } = {},
): Promise<FixtureRun> {
  const app = JSON.parse(await readFile(join(dir, 'app.json'), 'utf8'));
  const script = JSON.parse(await readFile(join(dir, 'script.json'), 'utf8')) as ConformanceScript;
  const outDir = await mkdtemp(join(tmpdir(), 'tessera-mp-'));
  try {
    const serverUrl = script.server ? await serverFor(app, script.server, dir) : undefined;
    await compile(app, {
      target: 'mp',
      outDir,
      mode: 'development',
      ...(script.locale ? { locale: script.locale } : {}),
      ...(serverUrl ? { serverUrl } : {}),
    });
    installDom();
    const device: Device = {
      toasts: [],
      navigations: [],
      modalAnswers: [],
      titles: [],
      tabBar: [],
      storage: options.storage ?? new Map(),
      language: options.language ?? script.locale?.replace('-', '_') ?? 'en',
    };
    const appJson = JSON.parse(await readFile(join(outDir, 'app.json'), 'utf8'));
    device.tabBar = (appJson.tabBar?.list ?? []).map((item: { text: string }) => item.text);
    const common = require(join(outDir, 'common/runtime.js'));
    (globalThis as Record<string, unknown>).wx = fakeWx(device, common.app.routes.pages);
    common.resetApp();
    activity = common.activity;
    common.setDataStats.max = 0;
    const pageId = script.page ?? app.navigation.home;
    const route = (common.app.routes.pages[pageId] as string).slice(1);
    if (
      !appJson.pages.includes(route) &&
      !JSON.stringify(appJson.subPackages ?? []).includes(route.split('/').slice(1).join('/'))
    ) {
      throw new Error(`app.json does not list ${route}`);
    }
    device.pageTitle = JSON.parse(
      await readFile(join(outDir, `${route}.json`), 'utf8'),
    ).navigationBarTitleText;
    const simulate = require('miniprogram-simulate');
    const id = simulate.load(join(outDir, route), { rootPath: outDir, compiler: 'simulate' });
    // exparser catches errors thrown in lifecycles and handlers and only logs them: collect them.
    const pageErrors: string[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => {
      pageErrors.push(args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' '));
    };
    try {
      const comp = simulate.render(id);
      comp.attach((dom as NonNullable<typeof dom>).window.document.createElement('parent-wrapper'));
      await comp.instance.onLoad(script.params ?? {});
      await settle();
      for (const [index, step] of script.steps.entries()) {
        try {
          await play(step, comp, device);
        } catch (error) {
          throw new Error(`step ${index + 1} ${JSON.stringify(step)}: ${(error as Error).message}`);
        }
      }
    } finally {
      console.error = consoleError;
    }
    if (pageErrors.length > 0) throw new Error(`the page reported errors: ${pageErrors.join('; ')}`);
    return { maxSetData: common.setDataStats.max, titles: device.titles };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

function find(comp: SimNode, ref: NodeRef): SimNode {
  const id = typeof ref === 'string' ? ref : ref.id;
  const all = comp.querySelectorAll(`#${id}`);
  const node = all[typeof ref === 'string' ? 0 : ref.index];
  if (!node) throw new Error(`no rendered node ${JSON.stringify(ref)} (found ${all.length})`);
  return node;
}

/** The element of a component's part (input, switch, error text) inside the node; built-in elements have no shadow root, so select from the page. */
function inside(comp: SimNode, ref: NodeRef, selectors: string[]): SimNode {
  const id = typeof ref === 'string' ? ref : ref.id;
  const index = typeof ref === 'string' ? 0 : ref.index;
  for (const selector of selectors) {
    const found = comp.querySelectorAll(`#${id} ${selector}`)[index];
    if (found) return found;
  }
  throw new Error(`node ${JSON.stringify(ref)} has no ${selectors.join(' or ')}`);
}

interface VirtualNode {
  tagName?: string;
  attrs?: { name: string; value: unknown }[];
  children?: VirtualNode[];
}

/** The node itself when it is an <image>, else the first <image> inside it. */
function imageIn(node: VirtualNode): VirtualNode | undefined {
  if (node.tagName === 'image') return node;
  for (const child of node.children ?? []) {
    const found = imageIn(child);
    if (found) return found;
  }
  return undefined;
}

function text(node: SimNode): string {
  return (node.dom.textContent ?? '').replace(/\s+/g, ' ').trim();
}

async function play(
  step: Step,
  comp: SimNode & {
    instance: {
      $page: { store: { get(path: string[]): unknown }; app: { store: { get(path: string[]): unknown } } };
      data: Record<string, unknown>;
    };
  },
  device: Device,
) {
  const equal = (actual: unknown, expected: unknown, what: string) => {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    }
  };
  if ('tap' in step) {
    find(comp, step.tap).dispatchEvent('tap');
  } else if ('input' in step) {
    const control = inside(comp, step.input[0], ['.t-input', '.t-textarea']);
    control.dispatchEvent('input', { detail: { value: step.input[1] } });
  } else if ('toggle' in step) {
    inside(comp, step.toggle[0], ['.t-switch']).dispatchEvent('change', {
      detail: { value: step.toggle[1] },
    });
  } else if ('expectFieldError' in step) {
    equal(
      text(inside(comp, step.expectFieldError[0], ['.t-field__error'])),
      step.expectFieldError[1],
      'field error',
    );
  } else if ('expectText' in step) {
    equal(text(find(comp, step.expectText[0])), step.expectText[1], 'text');
  } else if ('expectQr' in step) {
    // The simulator does not reflect an <image>'s src into the DOM: look for the computed data
    // URI among the page's data keys (rows included) once the node is there.
    find(comp, step.expectQr[0]);
    const values = (data: unknown): unknown[] =>
      data !== null && typeof data === 'object' ? Object.values(data).flatMap(values) : [data];
    const wanted = qrDataUri(step.expectQr[1], 'M');
    equal(values(comp.instance.data).includes(wanted), true, `QR code of "${step.expectQr[1]}"`);
  } else if ('expectImage' in step) {
    // The simulator keeps an <image>'s attributes in its virtual tree, not the DOM: read them there.
    const [ref, expected] = step.expectImage;
    const shown = async () => {
      const image = imageIn(
        (find(comp, ref) as unknown as { _exparserNode: { _vt: VirtualNode } })._exparserNode._vt,
      );
      const attr = (name: string) => String(image?.attrs?.find((entry) => entry.name === name)?.value ?? '');
      if (attr('class').split(' ').includes('t-image--broken'))
        return attr('src') === '' ? 'broken' : 'broken with a src';
      const src = attr('src');
      if (!/^https?:\/\//.test(src)) return 'waiting';
      const response = await fetch(src);
      const bytes = (await response.arrayBuffer()).byteLength;
      const type = response.headers.get('content-type') ?? '';
      return response.ok && type.startsWith('image/') && bytes > 0
        ? 'loaded'
        : `${src} answers ${response.status} ${type}`;
    };
    const deadline = Date.now() + 5000;
    let last = await shown();
    while (last !== expected && Date.now() < deadline) {
      await sleep(25);
      last = await shown();
    }
    equal(last, expected, 'image');
  } else if ('imageFails' in step) {
    // The node's own <image> (an Image), else its first thumbnail (an Upload).
    const node = find(comp, step.imageFails);
    const own = (node as unknown as { _exparserNode: { _vt: VirtualNode } })._exparserNode._vt;
    const image = own.tagName === 'image' ? node : inside(comp, step.imageFails, ['.t-upload__thumb']);
    image.dispatchEvent('error', { detail: { errMsg: 'GET 404' } });
  } else if ('expectVisible' in step) {
    const id = typeof step.expectVisible[0] === 'string' ? step.expectVisible[0] : step.expectVisible[0].id;
    equal(comp.querySelectorAll(`#${id}`).length > 0, step.expectVisible[1], 'visible');
  } else if ('expectCount' in step) {
    equal(comp.querySelectorAll(`#${step.expectCount[0]}`).length, step.expectCount[1], 'count');
  } else if ('expectState' in step) {
    equal(
      comp.instance.$page.store.get(['state', ...step.expectState[0].split('.')]),
      step.expectState[1],
      'state',
    );
  } else if ('expectAppState' in step) {
    equal(
      comp.instance.$page.app.store.get(['app', ...step.expectAppState[0].split('.')]),
      step.expectAppState[1],
      'app state',
    );
  } else if ('expectTitle' in step) {
    equal(device.titles.at(-1) ?? device.pageTitle ?? '', step.expectTitle, 'title');
  } else if ('expectTabBar' in step) {
    equal(device.tabBar, step.expectTabBar, 'tab bar');
  } else if ('expectToasts' in step) {
    equal(device.toasts, step.expectToasts, 'toasts');
  } else if ('answerModal' in step) {
    device.modalAnswers.push(step.answerModal);
  } else if ('expectNavigations' in step) {
    equal(
      device.navigations,
      step.expectNavigations.map((entry) => ({ page: entry.page, params: entry.params ?? {} })),
      'navigations',
    );
  } else {
    throw new Error('unknown step');
  }
  await settle();
}
