import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EditorHarness, startEditorHarness } from './harness';

let harness: EditorHarness;
let appId: string;
let page: Page;

const signUp = (username: string, password = 'password-123') =>
  fetch(`${harness.server.url}/app-api/${appId}/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
const signIn = (username: string, password: string) =>
  fetch(`${harness.server.url}/app-api/${appId}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

beforeAll(async () => {
  harness = await startEditorHarness();
  const created = await harness.server.admin.post(`/api/workspaces/${harness.server.workspaceId}/apps`, {
    name: 'Users screen app',
  });
  appId = created.body.id;
  for (const name of ['zhang_wei', 'zhao_li', 'wang_fang']) expect((await signUp(name)).status).toBe(200);
  page = await harness.newPage();
  await harness.signIn(page);
}, 120_000);
afterAll(async () => harness?.close());

describe('the app Users screen', () => {
  it('searches, assigns roles, disables and resets a password', async () => {
    await page.goto(`${harness.server.url}/apps/${appId}/users`);
    await page.getByText('3 users').waitFor();
    await page.getByLabel('Search by username, phone or id').fill('zha');
    await page.getByLabel('Search by username, phone or id').press('Enter');
    await page.getByText('2 users').waitFor();
    expect(await page.locator('tbody tr').count()).toBe(2);

    await page.getByLabel('Roles of zhang_wei (comma separated)').fill('staff, admin');
    await page.getByRole('button', { name: 'Save roles' }).click();
    await page.getByText('Roles of zhang_wei saved').waitFor();
    const users = await harness.server.admin.get(`/api/apps/${appId}/auth/users?search=zhang`);
    expect(users.body.users[0].roles).toEqual(['staff', 'admin']);

    await page.getByRole('button', { name: 'Disable zhao_li' }).click();
    await page.getByRole('button', { name: 'Enable zhao_li' }).waitFor();
    expect((await signIn('zhao_li', 'password-123')).status).toBe(403);
    await page.getByRole('button', { name: 'Enable zhao_li' }).click();
    await page.getByRole('button', { name: 'Disable zhao_li' }).waitFor();
    expect((await signIn('zhao_li', 'password-123')).status).toBe(200);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Reset password zhang_wei' }).click();
    const temporary = await page.getByTestId('temporary-password').textContent();
    expect(temporary?.length).toBeGreaterThanOrEqual(8);
    expect((await signIn('zhang_wei', 'password-123')).status).toBe(401);
    expect((await signIn('zhang_wei', temporary ?? '')).status).toBe(200);
  });

  it('shows a viewer the list without letting them change it', async () => {
    const viewer = await harness.server.member(harness.server.workspaceId, 'viewer');
    const viewerPage = await harness.newPage();
    await harness.signIn(viewerPage, viewer.account?.email, 'member-password-1');
    await viewerPage.goto(`${harness.server.url}/apps/${appId}/users`);
    await viewerPage.getByText('3 users').waitFor();
    expect(await viewerPage.getByRole('button', { name: 'Disable zhao_li' }).isDisabled()).toBe(true);
    const refused = await viewer.patch(`/api/apps/${appId}/auth/users/x/roles`, { roles: [] });
    expect(refused.status).toBeGreaterThanOrEqual(400);
  });
});
