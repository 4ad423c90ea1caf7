import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EditorHarness, startEditorHarness } from './harness';

let harness: EditorHarness;
let appId: string;
let entryId: string;

beforeAll(async () => {
  harness = await startEditorHarness();
  const { admin, workspaceId } = harness.server;
  const created = await admin.post(`/api/workspaces/${workspaceId}/apps`, { name: 'Content roles app' });
  appId = created.body.id;
  const model = await admin.post(`/api/apps/${appId}/cms/models`, {
    name: 'notice',
    publicRead: true,
    fields: [
      { name: 'title', type: 'text', required: true },
      { name: 'pinned', type: 'boolean' },
    ],
  });
  expect(model.status).toBe(201);
  const entry = await admin.post(`/api/apps/${appId}/cms/models/notice/entries`, {
    fields: { title: 'Road closed' },
  });
  entryId = entry.body._id;
}, 120_000);
afterAll(async () => harness?.close());

describe('the Content screen by role', () => {
  it('lets a content editor publish an entry but not change the model or tokens', async () => {
    const editor = await harness.server.member(harness.server.workspaceId, 'content-editor');
    const page = await harness.newPage();
    await harness.signIn(page, editor.account?.email, 'member-password-1');
    await page.goto(`${harness.server.url}/apps/${appId}/content`);
    await page.getByRole('button', { name: 'Road closed' }).click();
    await page.getByLabel('pinned').check();
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Version 2').waitFor();
    const published = await fetch(`${harness.server.url}/app-api/${appId}/cms/notice/${entryId}`);
    expect(await published.json()).toMatchObject({ title: 'Road closed', pinned: true });

    await page.getByRole('tab', { name: 'Models' }).click();
    const edit = page.getByRole('button', { name: 'Edit model notice' });
    expect(await edit.isDisabled()).toBe(true);
    expect(
      await page.getByRole('button', { name: 'New model' }).getAttribute('aria-describedby'),
    ).toBeTruthy();
    await page
      .getByText('Only owners and developers can change models, API tokens and webhooks.')
      .first()
      .waitFor();
    await page.getByRole('tab', { name: 'API tokens & webhooks' }).click();
    expect(await page.getByRole('button', { name: 'Create token' }).isDisabled()).toBe(true);
    // The API agrees with the disabled controls.
    const refused = await editor.put(`/api/apps/${appId}/cms/models/notice`, {
      model: { name: 'notice', fields: [{ name: 'title', type: 'text' }] },
    });
    expect(refused.status).toBe(403);
  }, 60_000);

  it('shows a viewer the entries read-only', async () => {
    const viewer = await harness.server.member(harness.server.workspaceId, 'viewer');
    const page = await harness.newPage();
    await harness.signIn(page, viewer.account?.email, 'member-password-1');
    await page.goto(`${harness.server.url}/apps/${appId}/content`);
    await page.getByText('Your role (viewer) can read content but not change it.').waitFor();
    expect(await page.getByRole('button', { name: 'New entry' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Road closed' }).click();
    expect(await page.getByLabel('title').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Save draft' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Publish', exact: true }).isDisabled()).toBe(true);
  }, 60_000);
});
