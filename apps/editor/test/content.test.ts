import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EditorHarness, startEditorHarness } from './harness';

let harness: EditorHarness;
let appId: string;
let page: Page;

// A 1×1 PNG.
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

beforeAll(async () => {
  harness = await startEditorHarness();
  const created = await harness.server.admin.post(`/api/workspaces/${harness.server.workspaceId}/apps`, {
    name: 'Content screen app',
  });
  appId = created.body.id;
  page = await harness.newPage();
  await harness.signIn(page);
}, 120_000);
afterAll(async () => harness?.close());

const publicList = async (query = '', headers: Record<string, string> = {}) => {
  const response = await fetch(`${harness.server.url}/app-api/${appId}/cms/article${query}`, { headers });
  return { status: response.status, body: (await response.json()) as { data: Record<string, unknown>[] } };
};

const field = (n: number) => page.getByRole('group', { name: new RegExp(`^Field ${n}\\b`) });

describe('the Content screen', () => {
  it('designs a model with several field types through the field builder', async () => {
    await page.goto(`${harness.server.url}/apps/${appId}/content`);
    await page.getByRole('tab', { name: 'Models' }).click();
    await page.getByText('No content models yet').waitFor();
    await page.getByRole('button', { name: 'New model' }).click();
    await page.getByLabel('Model name (API id)').fill('article');
    await page.getByLabel('Title (English)').fill('Article');
    await page.getByLabel('Public read (no token needed for published entries)').check();
    // Field 1 starts as a required text "title".
    await field(1).getByLabel('Localised (one value per locale)').check();

    const add = async (n: number, name: string, type: string) => {
      await page.getByRole('button', { name: 'Add field' }).click();
      await field(n).getByLabel('Field name').fill(name);
      await field(n).getByLabel('Type', { exact: true }).selectOption(type);
    };
    await add(2, 'views', 'number');
    await field(2).getByLabel('Minimum (number or item count)').fill('0');
    await add(3, 'cover', 'image');
    await add(4, 'category', 'enum');
    await field(4).getByLabel('Options (one per line)').fill('news\nnotice');
    await add(5, 'body', 'richText');
    await add(6, 'slug', 'text');
    await field(6).getByLabel('Unique').check();
    await field(6).getByLabel('Pattern (regular expression)').fill('^[a-z0-9-]+$');

    await page.getByRole('button', { name: 'Save model' }).click();
    await page.getByText('Model article saved').waitFor();
    await page.getByRole('cell', { name: 'article public' }).waitFor();
    const model = await harness.server.admin.get(`/api/apps/${appId}/cms/models/article`);
    expect(model.status).toBe(200);
    expect(model.body).toMatchObject({
      name: 'article',
      publicRead: true,
      title: { en: 'Article' },
      fields: [
        { name: 'title', type: 'text', required: true, localised: true },
        { name: 'views', type: 'number', validation: { min: 0 } },
        { name: 'cover', type: 'image' },
        { name: 'category', type: 'enum', options: ['news', 'notice'] },
        { name: 'body', type: 'richText' },
        { name: 'slug', type: 'text', unique: true, validation: { pattern: '^[a-z0-9-]+$' } },
      ],
    });
  }, 60_000);

  it('uploads an image to the media library', async () => {
    await page.getByRole('tab', { name: 'Media library' }).click();
    await page.getByText('The media library is empty').waitFor();
    await page
      .getByTestId('cms-media-upload')
      .setInputFiles({ name: 'pixel.png', mimeType: 'image/png', buffer: PIXEL });
    await page.getByText('1 files uploaded').waitFor();
    await page.getByRole('img', { name: 'pixel.png' }).waitFor();
    await page.getByText('1×1').waitFor();
  });

  it('writes an entry: required error at the field, draft, media pick, publish, second locale, history restore', async () => {
    await page.getByRole('tab', { name: 'Entries' }).click();
    await page.getByText('No entries match').waitFor();
    await page.getByRole('button', { name: 'New entry' }).click();

    // Saving without the required title: the server's problem shows at the title field.
    await page.getByLabel('slug').fill('Not A Slug');
    await page.getByRole('button', { name: 'Save draft' }).click();
    const titleError = page.locator('[data-field="title"] .field-error');
    await titleError.waitFor();
    expect(await titleError.textContent()).toMatch(/required/);
    expect(await page.locator('[data-field="slug"] .field-error').textContent()).toMatch(/pattern/);

    await page.getByLabel('title (zh-CN)').fill('你好');
    await page.getByLabel('slug').fill('hello');
    await page.getByLabel('views').fill('3');
    await page.getByLabel('category').selectOption('news');
    await page.getByRole('button', { name: 'Choose from library: cover' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Choose pixel.png' }).click();
    await page.locator('[data-field="cover"]').getByText('pixel.png').waitFor();
    await page.getByRole('textbox', { name: 'body' }).click();
    await page.keyboard.type('Water supply notice');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved (version 1)').waitFor();
    expect((await publicList()).body.data).toEqual([]); // a draft is not public

    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Published', { exact: true }).first().waitFor();
    const media = await harness.server.admin.get(`/api/apps/${appId}/cms/media`);
    const published = await publicList();
    expect(published.status).toBe(200);
    expect(published.body.data).toHaveLength(1);
    expect(published.body.data[0]).toMatchObject({
      title: { 'zh-CN': '你好' },
      slug: 'hello',
      views: 3,
      category: 'news',
      cover: media.body.data[0].id,
    });
    expect(published.body.data[0]?.body).toContain('Water supply notice');

    // The English title, published; the public API answers it for ?locale=en.
    await page.getByRole('radio', { name: 'en' }).check();
    await page.getByLabel('title (en)').fill('Hello');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Version 3').waitFor();
    const english = await publicList('?locale=en');
    expect(english.body.data[0]?.title).toBe('Hello');
    expect((await publicList('?locale=zh-CN')).body.data[0]?.title).toBe('你好');

    // Version 1 (before the English title) restored as version 4.
    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Restore version 1' }).click();
    await page.getByText('Version 1 restored as a new version').waitFor();
    await page.getByText('Version 4').waitFor();
    const entries = await harness.server.admin.get(`/api/apps/${appId}/cms/models/article/entries`);
    expect(entries.body.data[0]).toMatchObject({
      _version: 4,
      _status: 'changed',
      title: { 'zh-CN': '你好' },
    });
    expect(entries.body.data[0].title.en).toBeUndefined();
  }, 60_000);

  it('creates an API token that is shown once and reads drafts with it', async () => {
    await page.getByRole('tab', { name: 'API tokens & webhooks' }).click();
    await page.getByText('No API tokens').waitFor();
    await page.getByLabel('Token name').fill('website');
    await page.getByLabel('Scope').selectOption('full');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = (await page.getByTestId('cms-new-token').textContent()) ?? '';
    expect(token).toMatch(/^tcms_/);
    await page.getByRole('cell', { name: 'website', exact: true }).waitFor();
    const drafts = await publicList('?status=draft', { 'x-cms-token': token });
    expect(drafts.status).toBe(200);
    expect(drafts.body.data[0]).toMatchObject({ _version: 4 });

    // Leaving the tab and coming back: the secret is gone for good.
    await page.getByRole('tab', { name: 'Entries' }).click();
    await page.getByRole('tab', { name: 'API tokens & webhooks' }).click();
    await page.getByRole('cell', { name: 'website', exact: true }).waitFor();
    expect(await page.content()).not.toContain(token);
  });

  it('adds a webhook to a URL and shows its deliveries', async () => {
    const received: string[] = [];
    const receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        received.push(body);
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    try {
      await page.getByLabel('URL', { exact: true }).fill(url);
      await page.getByRole('button', { name: 'Add webhook' }).click();
      await page.getByText(/Signing secret \(shown once\)/).waitFor();
      const entries = await harness.server.admin.get(`/api/apps/${appId}/cms/models/article/entries`);
      const id = entries.body.data[0]._id;
      expect(
        (await harness.server.admin.post(`/api/apps/${appId}/cms/models/article/entries/${id}/publish`))
          .status,
      ).toBe(200);
      await page.getByRole('button', { name: `Deliveries ${url}` }).click();
      const dialog = page.getByRole('dialog');
      for (let i = 0; i < 20 && !(await dialog.getByText('delivered').isVisible()); i++) {
        await page.waitForTimeout(250);
        await dialog.getByRole('button', { name: 'Reload' }).click();
      }
      await dialog.getByText('delivered').waitFor();
      expect(JSON.parse(received[0] ?? '{}')).toMatchObject({ event: 'publish', model: 'article' });
    } finally {
      receiver.close();
    }
  });
});
