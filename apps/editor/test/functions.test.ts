import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EditorHarness, startEditorHarness } from './harness';

let harness: EditorHarness;
let appId: string;
let page: Page;

beforeAll(async () => {
  harness = await startEditorHarness();
  const created = await harness.server.admin.post(`/api/workspaces/${harness.server.workspaceId}/apps`, {
    name: 'Functions screen app',
  });
  appId = created.body.id;
  page = await harness.newPage();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await harness.signIn(page);
}, 120_000);
afterAll(async () => harness?.close());

/** Replaces the whole text of a monaco editor (pasted, so that auto-closing brackets stay out of it). */
async function typeCode(page: Page, label: string, code: string): Promise<void> {
  // monaco's own text input is an invisible element with the label; its view takes the clicks.
  await page.getByRole('textbox', { name: label }).waitFor({ state: 'attached' });
  await page.locator('.fn-editor .monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await page.keyboard.press('ControlOrMeta+V');
}

describe('the Functions screen', () => {
  it('writes, deploys with errors mapped to lines, tests, follows logs and rolls back', async () => {
    await page.goto(`${harness.server.url}/apps/${appId}/functions`);
    await page.getByText('No functions yet').waitFor();
    await page.getByRole('button', { name: 'New function' }).click();
    await page.getByLabel('Function name').fill('saveForm');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: 'saveForm' }).waitFor();
    await page.getByText('Changes not deployed').waitFor();

    // A syntax error: the deploy is refused and names file:line:column.
    await typeCode(
      page,
      'Source of index.ts',
      'export async function main(event) {\n  const x = ;\n  return x;\n}\n',
    );
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    await page.getByRole('button', { name: /^index\.ts:\d+:\d+: / }).waitFor();
    expect((await harness.server.admin.get(`/api/apps/${appId}/functions`)).body.functions).toEqual([]);

    await typeCode(
      page,
      'Source of index.ts',
      'export async function main(event) {\n  console.log("got", event.text);\n  return { echo: event.text, v: 1 };\n}\n',
    );
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    await page.getByText('Deployed version 1').waitFor();
    await page.getByText('Active version 1').waitFor();
    // Declared in the app schema, so that callFunction actions may name it.
    await expect
      .poll(async () => (await harness.server.admin.get(`/api/apps/${appId}`)).body.schema.functions)
      .toEqual({ saveForm: {} });

    await page.getByRole('tab', { name: 'Test' }).click();
    await page.getByLabel('Test event (JSON)').fill('{ "text": "你好" }');
    await page.getByRole('button', { name: 'Run' }).click();
    const result = page.getByRole('region', { name: 'Result' });
    await result.getByText(/Succeeded in \d+ ms/).waitFor();
    expect(await result.locator('pre').first().textContent()).toContain('"echo": "你好"');
    expect(await result.textContent()).toContain('[info]');

    await page.getByRole('tab', { name: 'Logs' }).click();
    await page.getByText('Following new invocations').waitFor();
    await page
      .getByText(/Succeeded in/)
      .first()
      .waitFor();
    const before = await page.locator('.fn-log-list > li').count();
    // A call from elsewhere shows up without reloading.
    await harness.server.admin.post(`/api/apps/${appId}/functions/saveForm/test`, {
      event: { text: 'later' },
    });
    await page.waitForFunction((n) => document.querySelectorAll('.fn-log-list > li').length > n, before, {
      timeout: 10_000,
    });

    // Version 2, then roll back to 1.
    await page.getByRole('tab', { name: 'Code' }).click();
    await typeCode(page, 'Source of index.ts', 'export async function main() {\n  return { v: 2 };\n}\n');
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    await page.getByText('Active version 2').waitFor();
    await page.getByRole('tab', { name: 'Versions' }).click();
    await page.getByRole('button', { name: 'Make active v1' }).click();
    await page.getByText('Active version 1').waitFor();
    const run = await harness.server.admin.post(`/api/apps/${appId}/functions/saveForm/test`, {
      event: { text: 'x' },
    });
    expect(run.body.value).toEqual({ echo: 'x', v: 1 });
  }, 90_000);

  it('edits settings (schedule, hosts, env) and refuses a malformed line', async () => {
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByLabel('Environment variables (NAME=value, one per line)').fill('REGION=gz\nbroken');
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    await page.getByText('Line 2: write NAME=value').waitFor();
    await page.getByLabel('Environment variables (NAME=value, one per line)').fill('REGION=gz');
    await page.getByLabel('Schedules (cron, one per line)').fill('0 8 * * *');
    await page.getByLabel('Allowed hosts for fetch (one per line)').fill('api.gov.test');
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    await page.getByText('Active version 3').waitFor();
    const fn = await harness.server.admin.get(`/api/apps/${appId}/functions/saveForm`);
    expect(fn.body.manifest).toMatchObject({
      env: { REGION: 'gz' },
      allowedHosts: ['api.gov.test'],
      triggers: [{ type: 'sdk' }, { type: 'schedule', cron: '0 8 * * *' }],
    });
  });

  it('sets a secret whose value is never shown again', async () => {
    await page.getByRole('button', { name: /Secrets/ }).click();
    await page.getByText('No secrets set').waitFor();
    await page.getByLabel('Secret name').fill('API_KEY');
    await page.getByLabel('Value').fill('s3cr3t-value');
    await page.getByRole('button', { name: 'Set secret' }).click();
    await page.getByText('Secret API_KEY saved').waitFor();
    await page.locator('.fn-secret-list code', { hasText: 'API_KEY' }).waitFor();
    expect(await page.content()).not.toContain('s3cr3t-value');
  });
});
