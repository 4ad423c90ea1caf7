import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogue } from '@tessera/components';
import { qrShape } from '@tessera/components/qr';
import { type AppSchema, migrateApp, validateApp } from '@tessera/schema';
import type { Browser, Page } from 'playwright-core';
import { createApp } from '../../../apps/server/test/app-data-helpers';
import { startTestServer, type TestServer } from '../../../apps/server/test/harness';
import { CompileError } from '../src/errors';
import { compileWeb } from '../src/web/index';
import { serveFiles, watchedPage } from './browser';
import type { ConformanceScript, NodeRef, Step } from './conformance-script';
import { prepareServerApp } from './server-fixture';

/**
 * Builds a conformance fixture for the web (an inspect build: navigations and opened URLs are
 * recorded, like the mini-program runner's fake device), opens it in Chromium under the strict
 * CSP and plays the same script.
 */
export async function runWebFixture(
  browser: Browser,
  dir: string,
  /** Extra checks on the page after the script (web-only tests). */
  after?: (page: Page) => Promise<void>,
): Promise<{ errors: string[]; csp: string[] }> {
  const input = JSON.parse(await readFile(join(dir, 'app.json'), 'utf8'));
  const script = JSON.parse(await readFile(join(dir, 'script.json'), 'utf8')) as ConformanceScript;
  const { app: migrated } = migrateApp(input);
  const validation = validateApp(migrated, { catalogue });
  if (!validation.valid) throw new CompileError(validation.errors);
  const app = migrated as AppSchema;
  const tessera = script.server ? await tesseraServer(app, script.server, dir) : undefined;
  const output = await compileWeb(app, {
    mode: 'production',
    inspect: true,
    ...(script.locale ? { locale: script.locale } : {}),
    ...(tessera ? { serverUrl: '/' } : {}),
  });
  const server = await serveFiles(output.files, tessera ? { proxy: tessera } : {});
  const { page, problems, close } = await watchedPage(browser);
  try {
    const pageId = script.page ?? app.navigation.home;
    const route = app.pages.find((entry) => entry.id === pageId);
    if (!route) throw new Error(`the script opens "${pageId}", which the app does not have`);
    const params = script.params ?? {};
    const path = route.path.replace(/:([A-Za-z_]\w*)/g, (_, name: string) =>
      encodeURIComponent(params[name] ?? ''),
    );
    const query = new URLSearchParams(
      Object.entries(params).filter(([name]) => !route.path.includes(`:${name}`)),
    ).toString();
    await page.goto(`${server.url}${path}${query ? `?${query}` : ''}`);
    await page.waitForFunction(
      () => document.querySelector('main.t-main') !== null && '__tessera' in globalThis,
    );
    await settle(page);
    const answers: boolean[] = [];
    for (const [index, step] of script.steps.entries()) {
      try {
        await play(page, step, answers);
      } catch (error) {
        const toasts = await inspect(page, 'toasts').catch(() => null);
        throw new Error(
          `step ${index + 1} ${JSON.stringify(step)}: ${(error as Error).message} (toasts: ${JSON.stringify(toasts)})`,
        );
      }
    }
    await after?.(page);
    return problems;
  } finally {
    await close();
    await server.close();
  }
}

let running: TestServer | null = null;

/** A real Tessera server (one per test file) with a fresh app for the fixture and its rule presets; returns its URL. */
async function tesseraServer(
  app: AppSchema,
  setup: NonNullable<ConformanceScript['server']>,
  dir: string,
): Promise<string> {
  running ??= await startTestServer();
  const appId = await createApp(running);
  Object.assign(app, await prepareServerApp(running, appId, setup, dir, app), { id: appId });
  return running.url;
}

export async function stopTesseraServer(): Promise<void> {
  await running?.close();
  running = null;
}

/** Lets pending actions, renders and effects finish. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let rounds = 0;
        const tick = () => (++rounds >= 4 ? resolve() : setTimeout(() => requestAnimationFrame(tick), 0));
        tick();
      }),
  );
}

/** Elements rendered for a node: its id, or its copies inside repeats (`id--0`, `id--0-1` …). */
function selector(ref: NodeRef): { css: string; index: number } {
  const id = typeof ref === 'string' ? ref : ref.id;
  const escaped = id.replace(/["\\]/g, '\\$&');
  return { css: `[id="${escaped}"], [id^="${escaped}--"]`, index: typeof ref === 'string' ? 0 : ref.index };
}

async function element(page: Page, ref: NodeRef, part?: string) {
  const { css, index } = selector(ref);
  const all = page.locator(css);
  const count = await all.count();
  if (count <= index) throw new Error(`no rendered node ${JSON.stringify(ref)} (found ${count})`);
  const node = all.nth(index);
  return part ? node.locator(part).first() : node;
}

const text = (value: string | null) => (value ?? '').replace(/\s+/g, ' ').trim();

/** Re-reads `actual` until it equals `expected` (actions finish asynchronously) or 2 s pass. */
async function eventually(what: string, actual: () => Promise<unknown>, expected: unknown): Promise<void> {
  const deadline = Date.now() + 2000;
  let last: unknown;
  for (;;) {
    last = await actual();
    if (JSON.stringify(last) === JSON.stringify(expected)) return;
    if (Date.now() > deadline)
      throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const inspect = (
  page: Page,
  what: 'toasts' | 'navigations' | 'pageState' | 'appState',
  path: string[] = [],
) =>
  page.evaluate(
    ([what, path]) => {
      const inspector = (globalThis as unknown as { __tessera: Record<string, unknown> }).__tessera;
      const source = inspector[what as string];
      let value = typeof source === 'function' ? (source as () => unknown)() : source;
      for (const segment of path as string[]) value = (value as Record<string, unknown> | null)?.[segment];
      return value === undefined ? null : value;
    },
    [what, path] as const,
  );

/** Answers every dialog the runtime opened (showModal) with the queued answers, confirm by default. */
async function answerDialogs(page: Page, answers: boolean[]): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const dialog = page.locator('[role="alertdialog"]');
    if ((await dialog.count()) === 0) return;
    const confirm = answers.shift() ?? true;
    await dialog
      .locator('button')
      .nth(confirm ? -1 : 0)
      .click();
    await settle(page);
  }
}

async function play(page: Page, step: Step, answers: boolean[]): Promise<void> {
  if ('tap' in step) {
    await (await element(page, step.tap)).click();
    await settle(page);
    await answerDialogs(page, answers);
  } else if ('input' in step) {
    await (await element(page, step.input[0], 'input, textarea')).fill(step.input[1]);
  } else if ('toggle' in step) {
    await (await element(page, step.toggle[0], 'input[type=checkbox]')).setChecked(step.toggle[1]);
  } else if ('expectText' in step) {
    const [ref, expected] = step.expectText;
    await eventually('text', async () => text(await (await element(page, ref)).textContent()), expected);
  } else if ('expectFieldError' in step) {
    const [ref, expected] = step.expectFieldError;
    await eventually(
      'field error',
      async () => text(await (await element(page, ref, '.t-field__error')).textContent()),
      expected,
    );
  } else if ('expectQr' in step) {
    const [ref, value] = step.expectQr;
    const drawn = async () => (await (await element(page, ref, 'path')).getAttribute('d')) ?? '';
    await eventually('QR code', drawn, qrShape(value, 'M')?.path ?? '');
  } else if ('expectImage' in step) {
    const [ref, expected] = step.expectImage;
    const node = await element(page, ref);
    const shown = async () =>
      node.evaluate((element) => {
        const img = element instanceof HTMLImageElement ? element : element.querySelector('img');
        // an Image's box, or the first file of an Upload, in the broken state
        if (element.matches('.t-image--broken') || element.querySelector('.t-image--broken')) return 'broken';
        return img?.complete && img.naturalWidth > 0 ? 'loaded' : 'waiting';
      });
    await eventually('image', shown, expected);
  } else if ('imageFails' in step) {
    // Chromium loads the address itself and fails; expectImage waits for what follows.
  } else if ('expectVisible' in step) {
    const { css } = selector(step.expectVisible[0]);
    await eventually('visible', async () => (await page.locator(css).count()) > 0, step.expectVisible[1]);
  } else if ('expectCount' in step) {
    const { css } = selector(step.expectCount[0]);
    await eventually('count', () => page.locator(css).count(), step.expectCount[1]);
  } else if ('expectState' in step) {
    await eventually(
      'state',
      () => inspect(page, 'pageState', step.expectState[0].split('.')),
      step.expectState[1],
    );
  } else if ('expectAppState' in step) {
    await eventually(
      'app state',
      () => inspect(page, 'appState', step.expectAppState[0].split('.')),
      step.expectAppState[1],
    );
  } else if ('expectTitle' in step) {
    await eventually('title', () => page.title(), step.expectTitle);
  } else if ('expectTabBar' in step) {
    const texts = async () =>
      (await page.locator('.t-app-tabbar .t-tabbar__item').allTextContents()).map(text);
    await eventually('tab bar', texts, step.expectTabBar);
  } else if ('expectToasts' in step) {
    await eventually('toasts', () => inspect(page, 'toasts'), step.expectToasts);
  } else if ('answerModal' in step) {
    answers.push(step.answerModal);
  } else if ('expectNavigations' in step) {
    const expected = step.expectNavigations.map((entry) => ({
      page: entry.page,
      params: entry.params ?? {},
    }));
    await eventually('navigations', () => inspect(page, 'navigations'), expected);
  } else {
    throw new Error(`unknown step ${JSON.stringify(step)}`);
  }
  await settle(page);
}
