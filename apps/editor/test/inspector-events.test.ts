// The events panel in Chromium: a tap action list with a nested onSuccess, reordered with the
// keyboard and saved; and the inspector in zh-CN.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EditorHarness, startEditorHarness } from './harness';
import { createPanelsApp, draftOf, inspector, open } from './panels-helpers';

let harness: EditorHarness;
beforeAll(async () => {
  harness = await startEditorHarness();
}, 180_000);
afterAll(async () => harness?.close());

describe('the events panel', () => {
  it('gives a Button a tap action list with a nested onSuccess, reorders it with the keyboard and saves it', async () => {
    const appId = await createPanelsApp(harness);
    const page = await harness.newPage();
    await open(harness, page, appId);
    await page.locator('#go').click();
    await inspector(page).getByRole('tab', { name: 'Events' }).click();

    // showToast, then navigate
    await inspector(page).getByRole('button', { name: 'Add action: Tap' }).click();
    await inspector(page).getByLabel('Message (1)', { exact: true }).fill('Saved');
    await inspector(page).getByLabel('Type of the new action in Tap').selectOption('navigate');
    await inspector(page).getByRole('button', { name: 'Add action: Tap' }).click();
    await inspector(page).getByLabel('Page (2)', { exact: true }).selectOption('detail');
    // in navigate's onSuccess: a toast
    await inspector(page).locator('li[data-index="1"] summary', { hasText: 'On success' }).click();
    await inspector(page).getByRole('button', { name: 'Add action: On success (2)' }).click();
    await inspector(page).getByLabel('Message (1)', { exact: true }).nth(1).fill('Opened');

    // keyboard: move navigate above the toast, then back with Alt+ArrowDown
    await inspector(page).getByRole('button', { name: 'Move action 2 up' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.events-panel [aria-live]').textContent()).toMatch(/position 1/);
    // the moved card keeps the focus on its other move button (its "up" is disabled at the top)
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Move action 1 down',
    );
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => page.locator('.events-panel [aria-live]').textContent()).toMatch(/position 2/);

    const expected = [
      { type: 'showToast', message: 'Saved' },
      { type: 'navigate', page: 'detail', onSuccess: [{ type: 'showToast', message: 'Opened' }] },
    ];
    await expect
      .poll(async () => (await draftOf(harness, appId)).pages[0].root.children[1].events, { timeout: 10_000 })
      .toEqual({ tap: expected });
  }, 120_000);

  it('speaks Chinese', async () => {
    const appId = await createPanelsApp(harness);
    const page = await harness.newPage({ locale: 'zh-CN' });
    await open(harness, page, appId);
    await page.locator('#go').click();
    const panel = inspector(page);
    await panel.getByRole('heading', { name: '按钮' }).waitFor();
    for (const tab of ['属性', '样式', '事件']) await panel.getByRole('tab', { name: tab }).waitFor();
    await panel.getByRole('textbox', { name: '按钮文字', exact: true }).waitFor();
    await panel.getByRole('button', { name: '将“按钮文字”绑定为表达式' }).waitFor();
    await panel.getByRole('tab', { name: '样式' }).click();
    await panel.getByRole('textbox', { name: '字号', exact: true }).waitFor();
    await panel.getByRole('tab', { name: '事件' }).click();
    await panel.getByRole('button', { name: '添加动作: 点击' }).click();
    await panel.getByRole('group', { name: '动作 1：显示提示' }).waitFor();
    await page.getByRole('tab', { name: '数据' }).click();
    await page.getByRole('heading', { name: '页面变量（Home）' }).waitFor();
  }, 120_000);
});
