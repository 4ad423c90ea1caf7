import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EditorHarness, startEditorHarness } from './harness';

let harness: EditorHarness;
beforeAll(async () => {
  harness = await startEditorHarness();
}, 120_000);
afterAll(async () => harness?.close());

describe('the editor shell', () => {
  it('serves the editor at any client route and JSON 404s for unknown API routes', async () => {
    const deep = await fetch(`${harness.server.url}/apps/unknown/data`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-type')).toContain('text/html');
    expect(await deep.text()).toContain('<div id="root">');
    const api = await fetch(`${harness.server.url}/app-api/no-such-thing`);
    expect(api.status).toBe(404);
    expect((await api.json()).message).toBe('No route GET /app-api/no-such-thing');
    const asset = await fetch(`${harness.server.url}/assets/no-such-file.js`);
    expect(asset.status).toBe(404);
  });

  it('refuses a wrong password with a message, then signs in and out', async () => {
    const page = await harness.newPage();
    await page.goto(harness.server.url);
    await page.getByLabel('Email').fill('admin@example.test');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/password/i);
    await harness.signIn(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Apps' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Tessera' }).waitFor();
  });

  it('switches to zh-CN and remembers it after a reload', async () => {
    const page = await harness.newPage({ locale: 'en-US' });
    await harness.signIn(page);
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  });
});
