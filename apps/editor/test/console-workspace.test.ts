import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EditorHarness, startEditorHarness } from './harness';

// Home, members and the viewer role, driven through the built editor in Chromium like a new
// builder would; the API is asked directly only to check what the UI must not allow.

let harness: EditorHarness;
let page: Page;
let workspaceId = '';
let appId = '';
let viewerToken = '';

beforeAll(async () => {
  harness = await startEditorHarness();
  page = await harness.newPage();
  await harness.signIn(page);
}, 120_000);
afterAll(async () => harness?.close());

const main = () => page.locator('main');

describe('console: workspaces, apps and members', () => {
  it('creates a workspace and switches to it', async () => {
    await page.getByRole('button', { name: 'New workspace' }).click();
    await page.getByRole('dialog').getByLabel('Workspace name').fill('Partner Co');
    await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
    // The page already shows /w/<first workspace>: wait for the new one's heading, then read the URL.
    await main().getByRole('heading', { name: 'Partner Co' }).waitFor();
    await page.waitForURL(/\/w\/[a-z0-9]+$/);
    workspaceId = new URL(page.url()).pathname.split('/')[2] as string;
    const link = page
      .getByRole('navigation', { name: 'Workspaces' })
      .getByRole('link', { name: /Partner Co/ });
    expect(await link.getAttribute('aria-current')).toBe('page');
    await main().getByText('No apps yet.').waitFor();
  });

  it('invites a developer and shows the one-time invitation to hand over', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).click();
    await page.waitForURL(`${harness.server.url}/w/${workspaceId}/members`);
    await main().getByLabel('Email').fill('dev@example.test');
    await main().getByLabel('Role', { exact: true }).selectOption('developer');
    await main().getByRole('button', { name: 'Invite', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Hand over this invitation' });
    await dialog.waitFor();
    const token = (await dialog.getByTestId('invite-token').textContent()) ?? '';
    expect(token.length).toBeGreaterThan(20);
    expect(await dialog.getByText(/accept-invite\?token=/).textContent()).toContain(
      encodeURIComponent(token),
    );
    await dialog.getByRole('button', { name: 'Done' }).click();
    const row = main().getByRole('row', { name: /dev@example\.test/ });
    await row.getByText('Invited (not signed in yet)').waitFor();
    expect(await row.getByLabel('Role of dev@example.test').inputValue()).toBe('developer');
  });

  it('changes a role and removes a member', async () => {
    await main().getByLabel('Email').fill('temp@example.test');
    await main().getByLabel('Role', { exact: true }).selectOption('viewer');
    await main().getByRole('button', { name: 'Invite', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
    await main().getByLabel('Role of temp@example.test').selectOption('content-editor');
    await page.getByText('temp@example.test is now Content editor').waitFor();
    const members = await harness.server.admin.get(`/api/workspaces/${workspaceId}/members`);
    expect(members.body.members.find((m: { email: string }) => m.email === 'temp@example.test').role).toBe(
      'content-editor',
    );
    await main().getByRole('button', { name: 'Remove temp@example.test' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await page.getByText('Removed temp@example.test').waitFor();
    await main()
      .getByRole('row', { name: /temp@example\.test/ })
      .waitFor({ state: 'detached' });
  });

  it('creates an app from the blank template and finds it by search', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Apps' }).click();
    await main().getByRole('button', { name: 'New app' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an app' });
    await dialog.getByLabel('App name').fill('Clinic');
    const blank = dialog.getByRole('radio', { name: /Blank app/ });
    expect(await blank.isChecked()).toBe(true);
    await dialog.getByRole('radio', { name: /Blank app/ }).waitFor();
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/apps\/[a-z0-9-]+\/edit$/);
    appId = new URL(page.url()).pathname.split('/')[2] as string;
    await page.goto(`${harness.server.url}/w/${workspaceId}`);
    await main().getByRole('link', { name: 'Clinic', exact: true }).waitFor();
    await main().getByLabel('Search apps').fill('nothing-like-it');
    await main().getByText('No app matches "nothing-like-it".').waitFor();
    await main().getByLabel('Search apps').fill('clin');
    await main().getByRole('link', { name: 'Clinic', exact: true }).waitFor();
  });

  it('duplicates, exports and imports an app as a zip', async () => {
    await main().getByLabel('Search apps').fill('');
    await main().getByRole('button', { name: 'Duplicate Clinic' }).click();
    await main().getByRole('link', { name: 'Clinic (copy)', exact: true }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      main().getByRole('link', { name: 'Export zip Clinic', exact: true }).click(),
    ]);
    const file = await download.path();
    const zip = await readFile(file);
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    await main().getByTestId('import-input').setInputFiles(file);
    await page.getByText('Imported "Clinic"').waitFor();
    const list = await harness.server.admin.get(`/api/workspaces/${workspaceId}/apps`);
    expect(list.body.apps.map((a: { name: string }) => a.name).sort()).toEqual([
      'Clinic',
      'Clinic',
      'Clinic (copy)',
    ]);
  });

  it('moves an app to the bin and restores it', async () => {
    await main().getByRole('button', { name: 'Delete Clinic (copy)' }).click();
    await page.getByRole('dialog').getByText('Move "Clinic (copy)" to the bin?', { exact: false }).waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByText('Moved "Clinic (copy)" to the bin').waitFor();
    await main().getByRole('link', { name: 'Clinic (copy)', exact: true }).waitFor({ state: 'detached' });
    await main().getByLabel('Show').selectOption('only');
    await main().getByRole('button', { name: 'Restore Clinic (copy)' }).click();
    await page.getByText('Restored "Clinic (copy)"').waitFor();
    await main().getByText('The bin is empty.').waitFor();
    await main().getByLabel('Show').selectOption('exclude');
    await main().getByRole('link', { name: 'Clinic (copy)', exact: true }).waitFor();
  });

  it('shows the home screen in zh-CN', async () => {
    await page.getByLabel('Language').selectOption('zh-CN');
    await main().getByRole('button', { name: '新建应用' }).waitFor();
    await main().getByRole('columnheader', { name: '修改时间' }).waitFor();
    await page.getByLabel('语言').selectOption('en');
    await main().getByRole('button', { name: 'New app' }).waitFor();
  });

  it('works with the keyboard alone: a dialog opens, submits with Enter and closes with Escape', async () => {
    await main().getByRole('button', { name: 'New app' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Create an app' });
    await dialog.waitFor();
    // the name field gets the focus (once the dialog has opened); Escape closes without creating
    const focused = (field: ReturnType<Page['getByLabel']>) =>
      expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    await focused(dialog.getByLabel('App name'));
    await page.keyboard.type('Keyboard app');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'New workspace' }).focus();
    await page.keyboard.press('Enter');
    await focused(page.getByRole('dialog').getByLabel('Workspace name'));
    await page.keyboard.type('Keyboard Co');
    await page.keyboard.press('Enter');
    await main().getByRole('heading', { name: 'Keyboard Co' }).waitFor();
  });

  it('sends / to the first workspace', async () => {
    await page.goto(harness.server.url);
    await page.waitForURL(/\/w\/[a-z0-9]+$/);
  });
});

describe('console: a viewer cannot change anything', () => {
  let viewer: Page;

  beforeAll(async () => {
    await page.goto(`${harness.server.url}/w/${workspaceId}/members`);
    await main().getByLabel('Email').fill('viewer@example.test');
    await main().getByLabel('Role', { exact: true }).selectOption('viewer');
    await main().getByRole('button', { name: 'Invite', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Hand over this invitation' });
    viewerToken = (await dialog.getByTestId('invite-token').textContent()) ?? '';
    const link = (await dialog.getByText(/\/accept-invite\?token=/).textContent()) ?? '';
    await dialog.getByRole('button', { name: 'Done' }).click();
    // The invited person opens the link in their own browser and chooses a password.
    viewer = await harness.newPage();
    await viewer.goto(link);
    await viewer.getByRole('heading', { name: 'Join Tessera' }).waitFor();
    expect(await viewer.getByLabel('Invitation token').inputValue()).toBe(viewerToken);
    await viewer.getByLabel('Your name').fill('Vera Viewer');
    await viewer.getByLabel('New password').fill('viewer-password-1');
    await viewer.getByRole('button', { name: 'Accept and sign in' }).click();
    await viewer.getByRole('button', { name: 'Sign out' }).waitFor();
    await viewer.waitForURL(/\/w\/[a-z0-9]+$/);
  }, 60_000);

  it('sees the apps with every change disabled and a reason', async () => {
    await viewer.goto(`${harness.server.url}/w/${workspaceId}`);
    const screen = viewer.locator('main');
    await screen.getByRole('link', { name: 'Clinic (copy)', exact: true }).waitFor();
    await screen.getByText('Read only: viewers can look but not change anything.').waitFor();
    for (const name of ['New app', 'Import zip', 'Duplicate Clinic (copy)', 'Delete Clinic (copy)']) {
      const button = screen.getByRole('button', { name, exact: true });
      expect(await button.isDisabled(), name).toBe(true);
      expect(await button.getAttribute('title'), name).toBe('Needs the developer or owner role');
    }
  });

  it('cannot invite or change roles', async () => {
    await viewer.goto(`${harness.server.url}/w/${workspaceId}/members`);
    const screen = viewer.locator('main');
    await screen.getByText('Only owners can invite members and change roles.').waitFor();
    expect(await screen.getByLabel('Email').isDisabled()).toBe(true);
    expect(await screen.getByLabel('Role of dev@example.test').isDisabled()).toBe(true);
    expect(await screen.getByRole('button', { name: 'Remove dev@example.test' }).isDisabled()).toBe(true);
  });

  it('cannot save settings, publish or read the audit log', async () => {
    await viewer.goto(`${harness.server.url}/apps/${appId}/settings`);
    const screen = viewer.locator('main');
    await screen.getByLabel('Primary colour', { exact: true }).waitFor();
    expect(await screen.getByLabel('Primary colour', { exact: true }).isDisabled()).toBe(true);
    expect(await screen.getByRole('button', { name: 'Save settings' }).isDisabled()).toBe(true);
    expect(await screen.getByRole('button', { name: 'Save sign-in methods' }).isDisabled()).toBe(true);
    await viewer.goto(`${harness.server.url}/apps/${appId}/publish`);
    await screen.getByText('Nothing published yet.').waitFor();
    const publish = screen.getByRole('button', { name: 'Publish', exact: true });
    expect(await publish.isDisabled()).toBe(true);
    expect(await publish.getAttribute('title')).toBe('Needs the developer or owner role');
    await viewer.goto(`${harness.server.url}/w/${workspaceId}/audit`);
    await screen.getByText('Only developers and owners can read the audit log of this workspace.').waitFor();
  });

  it('is refused by the API too (403), with its session cookie', async () => {
    const refused = await viewer.evaluate(
      async ({ workspaceId, appId }) => {
        const csrf = decodeURIComponent(/tessera_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '');
        const call = async (
          method: string,
          url: string,
          body: unknown,
          headers: Record<string, string> = {},
        ) =>
          (
            await fetch(url, {
              method,
              headers: {
                'x-csrf-token': csrf,
                ...(body === undefined ? {} : { 'content-type': 'application/json' }),
                ...headers,
              },
              body: body === undefined ? null : JSON.stringify(body),
            })
          ).status;
        const app = await (await fetch(`/api/apps/${appId}`)).json();
        return {
          read: (await fetch(`/api/apps/${appId}`)).status,
          create: await call('POST', `/api/workspaces/${workspaceId}/apps`, { name: 'Nope' }),
          save: await call('PUT', `/api/apps/${appId}/draft`, app.schema, { 'if-match': `"${app.version}"` }),
          publish: await call('POST', `/api/apps/${appId}/publish`, { targets: ['web'] }),
          invite: await call('POST', `/api/workspaces/${workspaceId}/members`, {
            email: 'x@example.test',
            role: 'owner',
          }),
          signIn: await call('PUT', `/api/apps/${appId}/auth/settings`, { methods: { anonymous: false } }),
          del: await call('DELETE', `/api/apps/${appId}`, undefined),
        };
      },
      { workspaceId, appId },
    );
    expect(refused).toEqual({
      read: 200,
      create: 403,
      save: 403,
      publish: 403,
      invite: 403,
      signIn: 403,
      del: 403,
    });
  });
});
