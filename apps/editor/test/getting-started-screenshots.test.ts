// The screenshots of docs/getting-started.md, taken the way a new partner goes: sign in with the
// first-start admin, open the demo workspace with the templates, open an app in the page editor,
// edit a text, preview the draft, publish to the web and open the published site. Each step
// asserts the screen it photographs is there, so a changed screen fails here instead of leaving
// a stale picture in the docs. PNGs go to docs/images/ (1280x800).

import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EditorHarness, startEditorHarness } from './harness';
import { saved } from './page-editor-helpers';

const images = new URL('../../../docs/images/', import.meta.url).pathname;
const viewport = { width: 1280, height: 800 };
const DEMO = '演示工作区 / Demo workspace';

let harness: EditorHarness;
let page: Page;
let blankAppId = '';
const main = () => page.locator('main');
const shoot = (target: Page, name: string) => target.screenshot({ path: `${images}${name}.png` });

/** A row of the app list, found by its name or description. */
const appRow = (text: RegExp) => main().locator('table.home-apps tbody tr').filter({ hasText: text }).first();

/** Opens an app of the list in the page editor (by its edit address: the list shows its id). */
async function openApp(text: RegExp): Promise<string> {
  const id = ((await appRow(text).locator('.home-app-id code').textContent()) ?? '').trim();
  expect(id).not.toBe('');
  await page.goto(`${harness.server.url}/apps/${id}/edit`);
  return id;
}

beforeAll(async () => {
  await mkdir(images, { recursive: true });
  harness = await startEditorHarness({ config: { demoWorkspace: true } });
  page = await harness.newPage({ viewport });
}, 180_000);
afterAll(async () => harness?.close());

describe('getting started, photographed', () => {
  it('signs in with the admin account the first start printed', async () => {
    await page.goto(harness.server.url);
    await page.getByLabel(/^(Email|邮箱)$/).waitFor();
    await page.getByRole('button', { name: /^(Sign in|登录)$/ }).waitFor();
    await shoot(page, 'getting-started-1-sign-in');
    await harness.signIn(page);
  }, 60_000);

  it('opens the demo workspace with one app per template', async () => {
    await page.getByRole('link', { name: DEMO }).first().click();
    await main().getByRole('heading', { level: 1, name: DEMO }).waitFor();
    const apps = main().locator('table.home-apps tbody tr');
    await expect.poll(() => apps.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
    await appRow(/An empty app with one page/).waitFor();
    await appRow(/service hall|服务大厅/i).waitFor();
    await shoot(page, 'getting-started-2-demo-workspace');
  }, 60_000);

  it('opens the service hall in the page editor', async () => {
    await openApp(/service hall|服务大厅/i);
    await page.waitForURL(/\/apps\/[^/]+\/edit$/);
    await page.locator('.tsr-canvas .t-page').waitFor({ timeout: 30_000 });
    await page.getByRole('region', { name: 'Inspector' }).waitFor();
    await shoot(page, 'getting-started-3-page-editor');
  }, 90_000);

  it('edits a text on a page of the blank app', async () => {
    await page.goBack();
    blankAppId = await openApp(/An empty app with one page/);
    await page.waitForURL(/\/apps\/[^/]+\/edit$/);
    await page.locator('.tsr-canvas #home_welcome').waitFor({ timeout: 30_000 });
    await page.locator('.tsr-canvas #home_welcome').click();
    const inspector = page.getByRole('region', { name: 'Inspector' });
    const field = inspector.getByRole('textbox', { name: /^Text/ }).first();
    await field.fill('Welcome to the street office');
    await expect
      .poll(() => page.locator('.tsr-canvas #home_welcome').textContent())
      .toBe('Welcome to the street office');
    await saved(page);
    await shoot(page, 'getting-started-4-edit-text');
  }, 90_000);

  it('previews the draft', async () => {
    // The editor's Preview link opens the draft in a new tab of the same (signed-in) context.
    const [preview] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('link', { name: /^Preview/ }).click(),
    ]);
    expect(preview.url()).toContain(`/preview/${blankAppId}/`);
    await preview.getByText('Welcome to the street office', { exact: true }).waitFor({ timeout: 60_000 });
    await shoot(preview, 'getting-started-5-preview');
    await preview.close();
  }, 90_000);

  it('publishes to the web and opens the published site', async () => {
    await page.goto(`${harness.server.url}/apps/${blankAppId}/publish`);
    await main().getByLabel('Web (hosted on this server)').setChecked(true);
    await main().getByLabel('WeChat mini-program (project zip)').setChecked(false);
    await main().getByRole('button', { name: 'Publish', exact: true }).click();
    await main()
      .getByText(/^Published version \d+\.$/)
      .waitFor({ timeout: 120_000 });
    const siteUrl = (await main().getByTestId('published-url').getAttribute('href')) ?? '';
    expect(siteUrl).toBe(`${harness.server.url}/sites/${blankAppId}/`);
    await shoot(page, 'getting-started-6-published');
  }, 150_000);
});
