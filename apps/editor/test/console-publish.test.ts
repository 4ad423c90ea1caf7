import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, type EditorHarness, startEditorHarness } from './harness';

// Settings (live theme preview, strings, platform ids, sign-in methods, 409), publishing with
// streamed progress, the hosted site in a fresh browser, the mini-program zip, rollback and the
// audit log, driven through the built editor in Chromium.

// fflate is a dependency of the server (it writes the zips); the test borrows it to unpack one.
const { unzipSync } = createRequire(new URL('../../server/package.json', import.meta.url))('fflate') as {
  unzipSync(data: Uint8Array): Record<string, Uint8Array>;
};

let harness: EditorHarness;
let page: Page;
let appId = '';
const main = () => page.locator('main');
const WELCOME = 'home › home_welcome › text';

beforeAll(async () => {
  harness = await startEditorHarness();
  page = await harness.newPage();
  await harness.signIn(page);
}, 120_000);
afterAll(async () => harness?.close());

/** What a visitor sees at the hosted URL, in a browser with nothing shared with the builder's. */
async function visit(url: string, text: string): Promise<void> {
  const visitor = await harness.newPage();
  await visitor.goto(url);
  await visitor.getByText(text, { exact: true }).waitFor({ timeout: 20_000 });
  await visitor.context().close();
}

async function setWelcome(text: string): Promise<void> {
  await page.goto(`${harness.server.url}/apps/${appId}/settings`);
  for (const locale of ['zh-CN', 'en']) await main().getByLabel(`${WELCOME} (${locale})`).fill(text);
  await main().getByRole('button', { name: 'Save settings' }).click();
  await page.getByText(/^Saved as version \d+$/).waitFor();
}

async function publish(targets: string[]): Promise<string> {
  await page.goto(`${harness.server.url}/apps/${appId}/publish`);
  for (const [name, label] of [
    ['web', 'Web (hosted on this server)'],
    ['mp', 'WeChat mini-program (project zip)'],
  ] as const)
    await main().getByLabel(label).setChecked(targets.includes(name));
  await main().getByRole('button', { name: 'Publish', exact: true }).click();
  // Progress arrives step by step while the build runs.
  await main().locator('.publish-step[data-status="running"]').first().waitFor();
  await main()
    .getByText(/^Published version \d+\.$/)
    .waitFor({ timeout: 60_000 });
  return (await main().getByTestId('published-url').getAttribute('href')) ?? '';
}

describe('console: settings', () => {
  it('creates an app and previews theme changes live before saving', async () => {
    await main().getByRole('button', { name: 'New app' }).click();
    await page.getByRole('dialog').getByLabel('App name').fill('Clinic');
    await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/apps\/[a-z0-9-]+\/edit$/);
    appId = new URL(page.url()).pathname.split('/')[2] as string;
    await page.goto(`${harness.server.url}/apps/${appId}/settings`);
    const button = main().getByTestId('theme-preview-button');
    await button.waitFor();
    const look = () =>
      button.evaluate((el) => {
        const style = getComputedStyle(el);
        return { background: style.backgroundColor, radius: style.borderRadius, size: style.fontSize };
      });
    expect(await look()).toEqual({ background: 'rgb(22, 119, 255)', radius: '8px', size: '14px' });
    await main().getByLabel('Primary colour', { exact: true }).fill('#ff0000');
    await main().getByLabel('Corner radius (px)').fill('20');
    await main().getByLabel('Font size (px)').fill('18');
    expect(await look()).toEqual({ background: 'rgb(255, 0, 0)', radius: '20px', size: '18px' });
  });

  it('checks the mini-program AppID, then saves the settings as a new draft version', async () => {
    await main().getByLabel('Mini-program AppID').fill('wx-not-valid');
    await main().getByText('An AppID is "wx" followed by 16 hexadecimal digits.').waitFor();
    await main().getByLabel('Mini-program AppID').fill('wx0123456789abcdef');
    await main().getByLabel('Mobile app id').fill('com.example.clinic');
    for (const locale of ['zh-CN', 'en']) await main().getByLabel(`${WELCOME} (${locale})`).fill('Version A');
    await main().getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved as version 2').waitFor();
    await main().getByText('Draft version 2').waitFor();
    const saved = await harness.server.admin.get(`/api/apps/${appId}`);
    expect(saved.body.schema.theme).toMatchObject({ primaryColor: '#ff0000', radius: 20, fontSize: 18 });
    expect(saved.body.schema.platforms).toEqual({
      miniProgram: { appId: 'wx0123456789abcdef' },
      mobile: { appId: 'com.example.clinic' },
    });
    expect(saved.body.schema.pages[0].root.children[0].props.text).toEqual({
      $i18n: { 'zh-CN': 'Version A', en: 'Version A' },
    });
  });

  it('tells the builder when someone else saved meanwhile (409) and reloads', async () => {
    const current = await harness.server.admin.get(`/api/apps/${appId}`);
    const other = await harness.server.admin.put(
      `/api/apps/${appId}/draft`,
      { ...current.body.schema, description: 'Saved by a colleague' },
      { headers: { 'if-match': `"${current.body.version}"` } },
    );
    expect(other.status).toBe(200);
    await main().getByLabel('Corner radius (px)').fill('4');
    await main().getByRole('button', { name: 'Save settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Someone else saved this app' });
    await dialog.getByText(/Version 3 was saved while you were editing/).waitFor();
    await dialog.getByRole('button', { name: 'Reload' }).click();
    await main().getByText('Draft version 3').waitFor();
    expect(await main().getByLabel('Description').inputValue()).toBe('Saved by a colleague');
    expect(await main().getByLabel('Corner radius (px)').inputValue()).toBe('20');
  });

  it('turns a sign-in method off for the app', async () => {
    await main().getByLabel('Phone number with a one-time code').uncheck();
    await main().getByRole('button', { name: 'Save sign-in methods' }).click();
    await page.getByText('Sign-in methods saved').waitFor();
    const settings = await harness.server.admin.get(`/api/apps/${appId}/auth/settings`);
    expect(settings.body.methods).toEqual({ anonymous: true, password: true, phone: false, wechat: true });
  });

  it('shows the settings in zh-CN', async () => {
    await page.locator('.topbar .locale-switch select').selectOption('zh-CN');
    await main().getByRole('heading', { name: '主题' }).waitFor();
    await main().getByRole('button', { name: '保存设置' }).waitFor();
    await page.locator('.topbar .locale-switch select').selectOption('en');
    await main().getByRole('heading', { name: 'Theme' }).waitFor();
  });
});

describe('console: publish, host, download, roll back, audit', () => {
  let firstUrl = '';

  it('publishes to web and mini-program with progress, a URL, downloads and a size report', async () => {
    firstUrl = await publish(['web', 'mp']);
    expect(firstUrl).toBe(`${harness.server.url}/sites/${appId}/`);
    const steps = main().locator('.publish-step');
    expect(
      await steps.evaluateAll((els) =>
        els.map((el) => [el.getAttribute('data-step'), el.getAttribute('data-status')]),
      ),
    ).toEqual([
      ['validate', 'succeeded'],
      ['compile-web', 'succeeded'],
      ['compile-mp', 'succeeded'],
      ['package', 'succeeded'],
      ['activate', 'succeeded'],
    ]);
    expect(
      await main()
        .locator('#publish-overall')
        .evaluate((el) => (el as HTMLProgressElement).value),
    ).toBe(1);
    const sizes = main().locator('.publish-sizes');
    await sizes.getByRole('rowheader', { name: 'Web (hosted on this server)' }).waitFor();
    await sizes.getByRole('rowheader', { name: 'WeChat mini-program (project zip)' }).waitFor();
    await sizes.getByRole('rowheader', { name: /^Package main/ }).waitFor();
  });

  it('serves the published app to a visitor in a fresh browser context', async () => {
    await visit(firstUrl, 'Version A');
  });

  it('downloads the mini-program zip, which unpacks to a project with app.json', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      main()
        .getByRole('link', { name: /^Mini-program zip/ })
        .click(),
    ]);
    const files = unzipSync(new Uint8Array(await readFile(await download.path())));
    expect(Object.keys(files)).toContain('app.json');
    const appJson = JSON.parse(new TextDecoder().decode(files['app.json']));
    expect(appJson.pages[0]).toBe('pages/home/index');
    const project = JSON.parse(new TextDecoder().decode(files['project.config.json']));
    expect(project.appid).toBe('wx0123456789abcdef');
  });

  it('publishes a newer version, then rolls the web back to the first one', async () => {
    await setWelcome('Version B');
    const url = await publish(['web']);
    await visit(url, 'Version B');
    const history = main().locator('.publish-history tbody tr');
    expect(await history.count()).toBe(2);
    await history.nth(0).getByText('Served on the web').waitFor();
    await history.nth(1).getByRole('button', { name: 'Serve this version 3' }).click();
    await page.getByText('The web now serves version 3').waitFor();
    await history.nth(1).getByText('Served on the web').waitFor();
    expect(await history.nth(0).getByText('Served on the web').count()).toBe(0);
    await visit(url, 'Version A');
  });

  it('lists the publishes and the rollback in the audit log, linking to the publish screen', async () => {
    const workspaceId = harness.server.workspaceId;
    await page.goto(`${harness.server.url}/w/${workspaceId}/audit`);
    await main().getByLabel('What').selectOption({ label: 'Publishing' });
    const rows = main().locator('.audit-table tbody tr');
    await rows.first().waitFor();
    expect(await rows.locator('td:nth-child(3)').allTextContents()).toEqual([
      'app.publish.activate',
      'app.publish.succeed',
      'app.publish.succeed',
    ]);
    await main().getByLabel('Who (email)').fill('nobody@example.test');
    await main().getByRole('button', { name: 'Filter' }).click();
    await main().getByText('Nothing was recorded for this filter.').waitFor();
    await main().getByLabel('Who (email)').fill(ADMIN_EMAIL);
    await main().getByRole('button', { name: 'Filter' }).click();
    await rows.nth(2).waitFor();
    await rows.first().getByRole('link').click();
    await page.waitForURL(`${harness.server.url}/apps/${appId}/publish`);
    await main().getByRole('heading', { name: 'Publish history' }).waitFor();
  });

  it('shows a failed build with its error and pointer', async () => {
    const current = await harness.server.admin.get(`/api/apps/${appId}`);
    const broken = {
      ...current.body.schema,
      codeBlocks: { broken: { language: 'ts', source: 'export function f( { return 1 }', exports: ['f'] } },
    };
    const saved = await harness.server.admin.put(`/api/apps/${appId}/draft`, broken, {
      headers: { 'if-match': `"${current.body.version}"` },
    });
    expect(saved.status, saved.text).toBe(200);
    await page.goto(`${harness.server.url}/apps/${appId}/publish`);
    await main().getByLabel('WeChat mini-program (project zip)').setChecked(false);
    await main().getByRole('button', { name: 'Publish', exact: true }).click();
    const failure = main().locator('.publish-failure');
    await failure.waitFor({ timeout: 60_000 });
    expect(await failure.locator('.state-title').textContent()).toMatch(
      /^Publishing failed \(Build the web app\): /,
    );
    expect(await failure.locator('code').first().textContent()).toMatch(/^\/codeBlocks\/broken/);
    await main().locator('.publish-step[data-status="failed"]').waitFor();
  });
});
