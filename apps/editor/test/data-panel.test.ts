// The data panel in Chromium: a TypeScript code block checked by monaco's TS worker against the
// declarations generated from the app's scope, under the server's CSP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EditorHarness, startEditorHarness } from './harness';
import { createPanelsApp, draftOf, open } from './panels-helpers';

let harness: EditorHarness;
beforeAll(async () => {
  harness = await startEditorHarness();
}, 180_000);
afterAll(async () => harness?.close());

describe('the data panel', () => {
  it('checks a code block against the types of the app scope in monaco’s TS worker', async () => {
    const appId = await createPanelsApp(harness);
    const page = await harness.newPage();
    const violations = await open(harness, page, appId);
    await page.getByRole('tab', { name: 'Data' }).click();
    await page.getByLabel('Name of the new variable (Page variables (Home))').fill('title');
    await page.getByRole('button', { name: 'Add variable' }).first().click();
    await page.getByLabel('Name of the new code block').fill('fmt');
    await page.getByRole('button', { name: 'Add code block' }).click();
    await page.getByRole('textbox', { name: 'Source of code block fmt' }).waitFor({ state: 'attached' });
    await page.locator('.code-editor[data-ready]').click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Backspace');
    // typed without the closing brace: monaco closes brackets itself
    await page.keyboard.type(
      'export function size(s: Tessera.PageState_home): number {\nreturn s.title.toFixed(1);',
    );
    await expect
      .poll(() => page.locator('.code-field .expr-errors').textContent(), { timeout: 20_000 })
      .toMatch(/toFixed.*does not exist on type 'string'/);
    await page.getByText('Exports: size').waitFor();
    await expect
      .poll(async () => (await draftOf(harness, appId)).codeBlocks?.fmt?.exports, { timeout: 10_000 })
      .toEqual(['size']);
    expect(violations).toEqual([]);
  }, 120_000);
});
