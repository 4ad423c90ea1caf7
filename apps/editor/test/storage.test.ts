import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EditorHarness, startEditorHarness } from './harness';

let harness: EditorHarness;
let appId: string;
let page: Page;

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

beforeAll(async () => {
  harness = await startEditorHarness();
  const created = await harness.server.admin.post(`/api/workspaces/${harness.server.workspaceId}/apps`, {
    name: 'Storage screen app',
  });
  appId = created.body.id;
  page = await harness.newPage();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await harness.signIn(page);
}, 120_000);
afterAll(async () => harness?.close());

describe('the Storage screen', () => {
  it('uploads into a folder, previews an image, copies a working temporary URL and deletes', async () => {
    await page.goto(`${harness.server.url}/apps/${appId}/storage`);
    await page.getByText('This folder is empty').waitFor();
    await page.getByLabel('Folder name').fill('notices');
    await page.getByRole('button', { name: 'Open folder' }).click();
    await page.getByTestId('storage-upload').setInputFiles([
      { name: 'cover.png', mimeType: 'image/png', buffer: PNG },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') },
    ]);
    await page.getByText('Uploaded 2 files').waitFor();
    await page.getByRole('cell', { name: 'cover.png', exact: true }).waitFor();
    const listed = await harness.server.admin.get(`/api/apps/${appId}/storage/files?prefix=notices/`);
    expect(listed.body.files.map((f: { path: string }) => f.path).sort()).toEqual([
      'notices/cover.png',
      'notices/notes.txt',
    ]);

    await page.getByRole('button', { name: 'Preview cover.png' }).click();
    const image = page.getByRole('img', { name: 'notices/cover.png' });
    await image.waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.storage-preview');
      return img?.complete && img.naturalWidth === 1;
    });
    await page.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Copy temporary URL notes.txt' }).click();
    await page.getByText(/Temporary URL copied/).waitFor();
    const url = await page.evaluate(() => navigator.clipboard.readText());
    expect(url).toContain(`/app-api/${appId}/storage/download?`);
    expect(await (await fetch(url)).text()).toBe('hello');

    await page.getByRole('button', { name: 'All files' }).click();
    await page.getByRole('button', { name: 'notices/' }).click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete notes.txt' }).click();
    await page.getByText('Deleted notices/notes.txt').waitFor();
    const after = await harness.server.admin.get(`/api/apps/${appId}/storage/files?prefix=notices/`);
    expect(after.body.files).toHaveLength(1);
  });

  it('uploads a dropped file', async () => {
    const drop = await page.evaluateHandle(() => {
      const data = new DataTransfer();
      data.items.add(new File(['dropped'], 'dropped.txt', { type: 'text/plain' }));
      return data;
    });
    await page.locator('.storage-browser').dispatchEvent('drop', { dataTransfer: drop });
    await page.getByRole('cell', { name: 'dropped.txt', exact: true }).waitFor();
  });

  it('saves storage rules and shows a broken one with its message', async () => {
    await page.getByRole('tab', { name: 'Storage rules' }).click();
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByLabel('Path prefix').last().fill('public/');
    await page.getByLabel('read', { exact: true }).last().fill('true');
    await page.getByLabel('write', { exact: true }).last().fill('auth != null &&');
    await page.getByRole('button', { name: 'Save rules' }).click();
    await page.getByRole('alert').first().waitFor();
    await page.getByLabel('write', { exact: true }).last().fill('auth != null');
    await page.getByRole('button', { name: 'Save rules' }).click();
    await page.getByText('Storage rules saved').waitFor();
    const rules = await harness.server.admin.get(`/api/apps/${appId}/storage/rules`);
    expect(rules.body.rules).toContainEqual({ prefix: 'public/', read: 'true', write: 'auth != null' });
  });
});
