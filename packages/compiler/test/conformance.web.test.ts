import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';
import { runWebFixture, stopTesseraServer } from './web-runner';

const root = new URL('../fixtures/conformance/', import.meta.url).pathname;
const serverRoot = new URL('../fixtures/conformance-server/', import.meta.url).pathname;
const folders = async (dir: string) =>
  (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${dir}${entry.name}`);
// Server fixtures run against a real Tessera server (started once for the file).
const fixtures = [...(await folders(root)), ...(await folders(serverRoot))].map((dir) => [
  dir.split('/').at(-1) as string,
  dir,
]);

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stopTesseraServer();
});

describe('conformance on the web target (Chromium, strict CSP)', () => {
  it.each(fixtures)('%s', async (_name, dir) => {
    const problems = await runWebFixture(browser, dir as string);
    expect(problems.csp).toEqual([]);
    // A refused server call (403 …) is logged by Chromium; the fixture expects and handles it.
    const refused = /Failed to load resource: the server responded with a status of 4\d\d/;
    expect(problems.errors.filter((text) => !refused.test(text))).toEqual([]);
  });
});

describe('the web runner', () => {
  it('fails a script whose expectation the page does not meet', async () => {
    const dir = await mkdtemp(`${tmpdir()}/tessera-fixture-`);
    try {
      await cp(`${root}counter`, dir, { recursive: true });
      const script = JSON.parse(await readFile(`${dir}/script.json`, 'utf8'));
      script.steps = [{ tap: 'inc' }, { expectText: ['label', 'Count: 5'] }];
      await writeFile(`${dir}/script.json`, JSON.stringify(script));
      await expect(runWebFixture(browser, dir)).rejects.toThrow(
        /step 2 .*expected "Count: 5", got "Count: 1"/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('text and URLs from users on the web', () => {
  it('sanitises rich text, renders other text as text, and drops script URLs from links and images', async () => {
    const dir = await mkdtemp(`${tmpdir()}/tessera-fixture-`);
    // Literal script URLs are refused by validateApp; these arrive through expressions, as user data would.
    const hostile =
      '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><a id="rt-link" href="javascript:window.__pwned=3">go</a><b>bold</b>';
    const app = {
      schemaVersion: 2,
      id: 'hostile',
      name: 'hostile',
      locales: { default: 'en', supported: ['en'] },
      navigation: { home: 'home' },
      pages: [
        {
          id: 'home',
          path: '/',
          title: 'home',
          root: {
            id: 'root',
            component: 'Page',
            children: [
              { id: 'rich', component: 'RichText', props: { content: hostile } },
              { id: 'plain', component: 'Text', props: { text: hostile } },
              {
                id: 'link',
                component: 'Link',
                props: { text: 'open', url: { $expr: "' JaVaScRiPt:window.__pwned=4'" } },
              },
              {
                id: 'image',
                component: 'Image',
                props: { src: { $expr: "'javascript:window.__pwned=5'" }, alt: 'x' },
              },
            ],
          },
        },
      ],
    };
    try {
      await writeFile(`${dir}/app.json`, JSON.stringify(app));
      const steps = [
        { expectText: ['rich', 'gobold'] },
        { expectText: ['plain', hostile] },
        { tap: 'link' },
        { expectToasts: [] },
      ];
      await writeFile(`${dir}/script.json`, JSON.stringify({ description: 'hostile text', steps }));
      const problems = await runWebFixture(browser, dir, async (page) => {
        expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
        expect(await page.locator('#rich img[onerror], #rich script').count()).toBe(0);
        expect(await page.locator('#rt-link').getAttribute('href')).toBeNull();
        expect(await page.locator('#link').getAttribute('href')).toBeNull();
        expect(await page.locator('#image').getAttribute('src')).toBeNull();
      });
      // Chromium reports the handler in DOMPurify's inert DOMParser copy as refused (cure53/DOMPurify#107,
      // #900): nothing ran (checked above), and no other kind of violation may appear.
      expect(problems.csp.filter((violation) => !violation.startsWith('script-src-attr'))).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the locale on the web', () => {
  it('sets <html lang> on a switch and starts in the locale chosen last time', async () => {
    const dir = await mkdtemp(`${tmpdir()}/tessera-fixture-`);
    try {
      await cp(`${root}locale-switch`, dir, { recursive: true });
      const steps = [
        { expectText: ['greeting', '欢迎'] },
        { tap: 'english' },
        { expectText: ['greeting', 'Welcome'] },
      ];
      await writeFile(
        `${dir}/script.json`,
        JSON.stringify({ description: 'remembered', locale: 'zh-CN', steps }),
      );
      await runWebFixture(browser, dir, async (page) => {
        expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
        // index.html was built for zh-CN: after a reload the user's choice wins
        await page.reload();
        await page.locator('#greeting').waitFor();
        await expect.poll(() => page.locator('#greeting').textContent()).toBe('Welcome');
        await expect.poll(() => page.title()).toBe('Home');
        expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
        expect(await page.locator('.t-app-tabbar .t-tabbar__item').allTextContents()).toEqual(['Home', 'Me']);
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
