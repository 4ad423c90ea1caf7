import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EditorHarness, startEditorHarness } from './harness';

let harness: EditorHarness;
let appId: string;
let page: Page;

beforeAll(async () => {
  harness = await startEditorHarness();
  const created = await harness.server.admin.post(`/api/workspaces/${harness.server.workspaceId}/apps`, {
    name: 'Data screen app',
  });
  appId = created.body.id;
  page = await harness.newPage();
  await harness.signIn(page);
}, 120_000);
afterAll(async () => harness?.close());

const docs = (filter: object = {}) =>
  harness.server.admin.post(`/api/apps/${appId}/db/data/notices/query`, { filter, limit: 100 });

describe('the Data screen', () => {
  it('creates a collection with its first document, edits it and deletes it', async () => {
    await page.goto(`${harness.server.url}/apps/${appId}/data`);
    await page.getByText('No collections yet').waitFor();
    await page.getByLabel('Collection name').fill('notices');
    await page.getByRole('button', { name: 'New collection' }).click();
    await page.getByText('No documents match').waitFor();

    await page.getByRole('button', { name: 'Add document' }).click();
    await page.getByLabel('Document (JSON)').fill('{ "title": "Water cut", "street": 3 ');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/Not valid JSON/).waitFor(); // the dialog stays open with what was typed
    await page.getByLabel('Document (JSON)').fill('{ "title": "Water cut", "street": 3 }');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('cell', { name: 'Water cut' }).waitFor();
    expect((await docs()).body.data).toMatchObject([{ title: 'Water cut', street: 3 }]);

    await page
      .getByRole('row', { name: /Water cut/ })
      .getByRole('button', { name: 'Edit' })
      .click();
    const text = await page.getByLabel('Document (JSON)').inputValue();
    await page.getByLabel('Document (JSON)').fill(text.replace('Water cut', 'Water cut (fixed)'));
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('cell', { name: 'Water cut (fixed)' }).waitFor();
    expect((await docs()).body.data[0].title).toBe('Water cut (fixed)');

    page.once('dialog', (dialog) => void dialog.accept());
    await page
      .getByRole('row', { name: /Water cut/ })
      .getByRole('button', { name: 'Delete' })
      .click();
    await page.getByText('No documents match').waitFor();
    expect((await docs()).body.data).toEqual([]);
  });

  it('imports CSV, filters and sorts, and exports what the filter shows', async () => {
    await page.getByTestId('data-import').setInputFiles({
      name: 'notices.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'title,street,tags\r\n"Road works, Main St",1,"[""roads""]"\r\nFair,2,[]\r\nConcert,3,[]\r\n',
      ),
    });
    await page.getByText('Imported 3 documents').waitFor();
    await page.getByText('3 documents', { exact: true }).waitFor();
    expect((await docs({ title: 'Road works, Main St' })).body.data[0]).toMatchObject({
      street: 1,
      tags: ['roads'],
    });

    await page.getByLabel('Filter (MongoDB style JSON)').fill('{ "street": { "$gte": 2 } }');
    await page.getByLabel('Sort by').fill('street');
    await page.getByLabel('Descending').check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('2 documents', { exact: true }).waitFor();
    const firstCells = await page.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(firstCells).toEqual(['Concert', 'Fair']);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export JSON' }).click();
    const file = await download;
    const exported = JSON.parse(await streamText(await file.createReadStream()));
    expect(exported.map((doc: { title: string }) => doc.title)).toEqual(['Concert', 'Fair']);

    await page.getByLabel('Filter (MongoDB style JSON)').fill('{ "street": ');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText(/The filter is not valid JSON/).waitFor();
  });

  it('sets rules from a preset and tries them as a user before saving custom ones', async () => {
    await page.getByRole('tab', { name: 'Security rules' }).click();
    await page.getByLabel('Preset').selectOption('public-read');
    await page.getByRole('button', { name: 'Save rules' }).click();
    await page.getByText('Rules saved').waitFor();
    const saved = await harness.server.admin.get(`/api/apps/${appId}/db/rules/notices`);
    expect(saved.body.preset).toBe('public-read');

    const tryPanel = page.getByRole('form', { name: 'Test these rules as a user' });
    await tryPanel.getByLabel('Operation').selectOption('update');
    await tryPanel.getByLabel('User id (empty: signed out)').fill('user-2');
    await tryPanel.getByRole('button', { name: 'Test' }).click();
    await tryPanel.getByText('Denied').waitFor();
    await tryPanel.getByLabel('User id (empty: signed out)').fill('user-1');
    await tryPanel.getByRole('button', { name: 'Test' }).click();
    await tryPanel.getByText('Allowed').waitFor();

    await page.getByLabel('Preset').selectOption('__custom');
    await page.getByLabel('create', { exact: true }).fill('auth != null &&');
    await page.getByRole('button', { name: 'Save rules' }).click();
    await page.getByRole('alert').filter({ hasText: 'create' }).first().waitFor();
    const unchanged = await harness.server.admin.get(`/api/apps/${appId}/db/rules/notices`);
    expect(unchanged.body.preset).toBe('public-read');
  });

  it('adds a two-field index, is told why a unique one cannot be made, and drops an index', async () => {
    const indexes = async () =>
      (await harness.server.admin.get(`/api/apps/${appId}/db/indexes/notices`)).body.indexes as {
        name: string;
        unique: boolean;
      }[];
    // a second collection named like "notices" but for case is refused before anything is stored
    await page.getByLabel('Collection name').fill('Notices');
    await page.getByText('There is already a collection "notices"').waitFor();
    expect(await page.getByRole('button', { name: 'New collection' }).isDisabled()).toBe(true);
    await page.getByLabel('Collection name').fill('');

    await page.getByRole('tab', { name: 'Indexes' }).click();
    const table = page.getByRole('table', { name: 'Indexes of notices' });
    await table.getByRole('cell', { name: '_id_ (built in)' }).waitFor();
    const form = page.getByRole('form', { name: 'New index' });
    const focused = (label: string) =>
      form.getByLabel(label, { exact: true }).evaluate((input) => input === document.activeElement);
    // an empty path is named beside its field, which gets the focus
    await form.getByRole('button', { name: 'Create index' }).click();
    await form.getByText('Enter a field path').waitFor();
    expect(await focused('Field 1')).toBe(true);
    await form.getByLabel('Field 1', { exact: true }).fill('street');
    await form.getByLabel('Order of field 1').selectOption('desc');
    await form.getByRole('button', { name: 'Add field' }).click();
    await expect.poll(() => focused('Field 2')).toBe(true);
    await form.getByLabel('Field 2', { exact: true }).fill('title');
    await form.getByRole('button', { name: 'Create index' }).click();
    await page.getByText('Index street_-1_title_1 created').waitFor();
    await table.getByRole('cell', { name: 'street ↓, title ↑' }).waitFor();
    expect((await indexes()).map((index) => index.name)).toEqual(['_id_', 'street_-1_title_1']);

    // two notices on street 2, so a unique index on street is refused with the reason
    await harness.server.admin.post(`/api/apps/${appId}/db/data/notices/docs`, {
      data: { title: 'Fair (moved)', street: 2 },
    });
    await form.getByLabel('Field 1', { exact: true }).fill('street');
    await form.getByLabel('Unique: no two documents may have the same values').check();
    await form.getByRole('button', { name: 'Create index' }).click();
    await form.getByText(/Cannot make a unique index: some documents share the same street/).waitFor();
    expect(await indexes()).toHaveLength(2);

    page.once('dialog', (dialog) => void dialog.accept());
    await table.getByRole('button', { name: 'Drop index street_-1_title_1' }).click();
    await page.getByText('Index street_-1_title_1 dropped').waitFor();
    await table.getByRole('cell', { name: 'street ↓, title ↑' }).waitFor({ state: 'detached' });
    expect((await indexes()).map((index) => index.name)).toEqual(['_id_']);
  });
});

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
