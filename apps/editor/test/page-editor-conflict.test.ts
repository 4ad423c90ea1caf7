// The page editor with two tabs on one app (a save conflict, resolved without losing work) and in zh-CN.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EditorHarness, startEditorHarness } from './harness';
import { createFormApp, draft, openEditor, saved } from './page-editor-helpers';

let harness: EditorHarness;
beforeAll(async () => {
  harness = await startEditorHarness();
}, 180_000);
afterAll(async () => harness?.close());

describe('the page editor', () => {
  it('a save conflict between two tabs opens the choice dialog, keeps the work, and overwrites or reloads on request', async () => {
    const appId = await createFormApp(harness);
    const first = await harness.newPage();
    await harness.signIn(first);
    await openEditor(harness, first, appId);
    const second = await first.context().newPage();
    await openEditor(harness, second, appId);

    await first.locator('#intro').click();
    await first.keyboard.press('Delete');
    await saved(first);

    await second.locator('#footer').click();
    await second.locator('[data-component="Heading"]').dblclick();
    await second.getByRole('dialog', { name: 'Someone else saved this app' }).waitFor();
    // the work is still on the canvas, and nothing was saved over the other tab's version
    await second.locator('.tsr-canvas .t-heading').waitFor();
    const before = await draft(harness, appId);
    expect(before.root.children?.map((c) => c.id)).toEqual(['signup', 'footer']);
    const dialog = second.getByRole('dialog');
    expect(await dialog.getByRole('button').allTextContents()).toEqual(
      expect.arrayContaining(['Overwrite with mine', 'Save mine as a copy', 'Reload theirs (discard mine)']),
    );
    await dialog.getByRole('button', { name: 'Overwrite with mine' }).click();
    await saved(second);
    const overwritten = await draft(harness, appId);
    expect(overwritten.root.children?.map((c) => c.component)).toEqual(['Text', 'Form', 'Text', 'Heading']);
    expect(overwritten.version).toBe(before.version + 1);

    // the first tab now meets the conflict in turn and takes the other version
    await first.locator('#name_field').click();
    await first.keyboard.press('Delete');
    await first.getByRole('dialog', { name: 'Someone else saved this app' }).waitFor();
    await first.getByRole('button', { name: 'Reload theirs (discard mine)' }).click();
    await first.locator('.tsr-canvas .t-heading').waitFor();
    await first.locator('#name_field').waitFor();
    await saved(first);
    expect((await draft(harness, appId)).version).toBe(overwritten.version);
  }, 60_000);

  it('saves my version as a copy when asked, and opens the copy', async () => {
    const appId = await createFormApp(harness);
    const first = await harness.newPage();
    await harness.signIn(first);
    await openEditor(harness, first, appId);
    const second = await first.context().newPage();
    await openEditor(harness, second, appId);
    await first.locator('#intro').click();
    await first.keyboard.press('Delete');
    await saved(first);
    await second.locator('#footer').click();
    await second.keyboard.press('Delete');
    await second.getByRole('button', { name: 'Save mine as a copy' }).click();
    await second.waitForURL((url) => url.pathname.endsWith('/edit') && !url.pathname.includes(appId));
    await second.locator('#intro').waitFor();
    expect(await second.locator('#footer').count()).toBe(0);
    const copyId = new URL(second.url()).pathname.split('/')[2]!;
    expect(copyId).not.toBe(appId);
    expect((await draft(harness, copyId)).root.children?.map((c) => c.id)).toEqual(['intro', 'signup']);
    expect((await draft(harness, appId)).root.children?.map((c) => c.id)).toEqual(['signup', 'footer']);
  }, 60_000);

  it('shows the editor in zh-CN', async () => {
    const appId = await createFormApp(harness);
    const page = await harness.newPage({ locale: 'zh-CN' });
    await harness.signIn(page);
    await openEditor(harness, page, appId);
    await page.getByRole('tab', { name: '组件' }).waitFor();
    await page.getByRole('button', { name: '撤销' }).waitFor();
    await page.getByRole('button', { name: '快捷键' }).click();
    await page.getByRole('dialog', { name: '快捷键' }).getByText('删除所选').waitFor();
    await page.keyboard.press('Escape');
    expect(await page.locator('[data-component="Form"]').textContent()).toBe('表单');
    expect(await page.locator('[data-save-status]').textContent()).toBe('已保存');
    await page.getByRole('searchbox', { name: '搜索组件' }).fill('日期');
    await expect.poll(() => page.locator('.palette-item').first().textContent()).toBe('日期选择');
    // the inspector's newer parts too: the condition and repeat section, and a multi-selection's mixed value
    const inspector = page.getByRole('region', { name: '属性面板' });
    await page.locator('.tsr-canvas #intro').click();
    await inspector
      .getByRole('region', { name: '显示条件与循环' })
      .getByRole('button', { name: '循环渲染此组件' })
      .waitFor();
    await page.locator('.tsr-canvas #footer').click({ modifiers: ['Shift'] });
    await inspector.getByPlaceholder('多个值').first().waitFor();
  }, 60_000);
});
