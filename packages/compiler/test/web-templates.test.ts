import { readdirSync, readFileSync } from 'node:fs';
import type { AppSchema, NodeSchema } from '@tessera/schema';
import axe from 'axe-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../src/index';
import { launchBrowser, serveFiles, watchedPage } from './browser';

const templatesDir = new URL('../../../templates/', import.meta.url).pathname;
const templates = readdirSync(templatesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** Literal texts a page always shows: `text` props outside any `if` or repeat, in the default locale. */
function staticTexts(app: AppSchema, root: NodeSchema): string[] {
  const out: string[] = [];
  const visit = (node: NodeSchema) => {
    if (node.if !== undefined || node.repeat || node.component === 'Modal' || node.component === 'List')
      return;
    const text = node.props?.text as unknown;
    if (typeof text === 'string' && text.trim()) out.push(text.trim());
    const i18n = (text as { $i18n?: Record<string, string> } | undefined)?.$i18n?.[app.locales.default];
    if (i18n?.trim()) out.push(i18n.trim());
    for (const child of node.children ?? []) visit(child);
  };
  visit(root);
  return out;
}

const pathOf = (path: string) => path.replace(/:([A-Za-z_]\w*)/g, 'sample');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(templates)('template %s on the web', (name) => {
  const app = JSON.parse(readFileSync(`${templatesDir}${name}/app.json`, 'utf8')) as AppSchema;

  it('renders every page under script-src self with no console errors or CSP violations', async () => {
    const { files } = await compile(app, { target: 'web' });
    expect(files['index.html']).toContain(`lang="${app.locales.default}"`);
    expect(files['index.html']).toContain('name="viewport"');
    const server = await serveFiles(files);
    const { page, problems, close } = await watchedPage(browser);
    // Templates may show images from the internet, which this sandbox cannot reach.
    const offline = (text: string) =>
      /Failed to load resource: net::ERR_(NAME_NOT_RESOLVED|INTERNET_DISCONNECTED|CONNECTION_REFUSED)/.test(
        text,
      );
    try {
      for (const entry of app.pages) {
        await page.goto(`${server.url}${pathOf(entry.path)}`);
        await page.waitForSelector('main.t-main');
        const body = (await page.locator('main').textContent()) ?? '';
        for (const text of staticTexts(app, entry.root))
          expect(body, `${entry.id} shows "${text}"`).toContain(text);
      }
      expect(problems.csp).toEqual([]);
      expect(problems.errors.filter((text) => !offline(text))).toEqual([]);
    } finally {
      await close();
      await server.close();
    }
  }, 120_000);

  it('has no serious or critical axe-core violations on any page', async () => {
    const { files } = await compile(app, { target: 'web' });
    const server = await serveFiles(files);
    // axe is injected as an inline script, which the app's CSP rightly refuses: this context bypasses it.
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    try {
      for (const entry of app.pages) {
        await page.goto(`${server.url}${pathOf(entry.path)}`);
        await page.waitForSelector('main.t-main');
        await page.waitForTimeout(100);
        await page.addScriptTag({ content: axe.source });
        const violations = await page.evaluate(async () => {
          const result = await (globalThis as unknown as { axe: typeof axe }).axe.run(document);
          return result.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            nodes: v.nodes
              .map((n) => `${n.target.join(' ')} ${JSON.stringify(n.any[0]?.data ?? '')}`)
              .slice(0, 3),
          }));
        });
        const severe = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(severe, `${entry.id}: ${JSON.stringify(severe)}`).toEqual([]);
      }
    } finally {
      await context.close();
      await server.close();
    }
  }, 120_000);
});
