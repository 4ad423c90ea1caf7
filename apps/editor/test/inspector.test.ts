// The property panel in Chromium against a real server: bind a Text to a new state variable and
// see the canvas follow it, expression errors inline (monaco marker and message), undo / redo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EditorHarness, startEditorHarness } from './harness';
import { createPanelsApp, draftOf, inspector, open, typeExpression } from './panels-helpers';

let harness: EditorHarness;
beforeAll(async () => {
  harness = await startEditorHarness();
}, 180_000);
afterAll(async () => harness?.close());

describe('the property panel', () => {
  it('binds a Text to a new page variable (monaco completes it) and the canvas follows its initial value', async () => {
    const appId = await createPanelsApp(harness);
    const page = await harness.newPage();
    const response = await page.request.get(`${harness.server.url}/apps/${appId}/edit`);
    expect(response.headers()['content-security-policy']).toContain("script-src 'self'");
    const violations = await open(harness, page, appId);

    // the variable, in the data panel
    await page.locator('#greet').click();
    await page.getByRole('tab', { name: 'Data' }).click();
    await page.getByLabel('Name of the new variable (Page variables (Home))').fill('x');
    await page.getByRole('button', { name: 'Add variable' }).first().click();
    await page.getByLabel('Initial value of x', { exact: true }).fill('hello');

    // the binding, with completion of the new name
    const marks = await page.evaluate(() => performance.getEntriesByName('inspector:rendered').length);
    await page.locator('#go').click();
    await page.locator('#greet').click();
    await inspector(page).getByRole('heading', { name: 'Text' }).waitFor();
    expect(
      await page.evaluate(() => performance.getEntriesByName('inspector:rendered').length),
    ).toBeGreaterThan(marks);
    await typeExpression(page, 'Text', 'state.');
    await page.locator('.suggest-widget .monaco-list-row', { hasText: /^x/ }).first().waitFor();
    await page.keyboard.type('x');
    await expect.poll(() => page.locator('.tsr-canvas #greet').textContent()).toBe('hello');
    expect(await page.locator('.monaco-editor').first().isVisible()).toBe(true);

    // a new initial value shows in the canvas at once
    await page.getByLabel('Initial value of x', { exact: true }).fill('world');
    await expect.poll(() => page.locator('.tsr-canvas #greet').textContent()).toBe('world');

    await expect
      .poll(
        async () => {
          const app = await draftOf(harness, appId);
          return [app.pages[0].state, app.pages[0].root.children[0].props];
        },
        { timeout: 10_000 },
      )
      .toEqual([{ x: { type: 'string', initial: 'world' } }, { text: { $expr: 'state.x' } }]);
    expect(violations).toEqual([]);
  }, 120_000);

  it('shows a wrong expression inline (monaco marker and message) and keeps the last valid one', async () => {
    const appId = await createPanelsApp(harness);
    const page = await harness.newPage();
    await open(harness, page, appId);
    await page.locator('#greet').click();
    await typeExpression(page, 'Text', "'a' + nope");
    const errors = inspector(page).locator('.expr-errors');
    await expect.poll(() => errors.textContent()).toMatch(/1:7 .*nope/);
    await page.locator('.monaco-editor .squiggly-error').first().waitFor();
    // the marker carries the same message (monaco's own model markers)
    const markers = await page.evaluate(() =>
      [...document.querySelectorAll('.monaco-editor .squiggly-error')].map((el) => el.className),
    );
    expect(markers.length).toBeGreaterThan(0);
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type("'b'");
    await expect.poll(() => page.locator('.tsr-canvas #greet').textContent()).toBe('ab');
    await expect.poll(() => errors.count()).toBe(0);
  }, 120_000);

  it('undoes and redoes a typed prop edit as one step', async () => {
    const appId = await createPanelsApp(harness);
    const page = await harness.newPage();
    await open(harness, page, appId);
    await page.locator('#greet').click();
    const field = inspector(page).getByRole('textbox', { name: 'Text', exact: true });
    await field.fill('');
    await field.pressSequentially('Hello there', { delay: 15 });
    await expect.poll(() => page.locator('.tsr-canvas #greet').textContent()).toBe('Hello there');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.locator('.tsr-canvas #greet').textContent()).toBe('Hi');
    expect(await field.inputValue()).toBe('Hi');
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => page.locator('.tsr-canvas #greet').textContent()).toBe('Hello there');
  }, 120_000);
});
