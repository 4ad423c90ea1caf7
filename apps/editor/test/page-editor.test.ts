// The page editor as a new user meets it: open an app, drag components in with the mouse and the
// keyboard, undo / redo, copy and paste, multi-select and delete, reload and find it all saved.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EditorHarness, startEditorHarness } from './harness';

let harness: EditorHarness;
beforeAll(async () => {
  harness = await startEditorHarness();
}, 180_000);
afterAll(async () => harness?.close());

type Node = {
  id: string;
  component: string;
  props?: Record<string, unknown>;
  children?: Node[];
  events?: unknown;
};

async function createApp(name: string): Promise<string> {
  const reply = await harness.server.admin.post(`/api/workspaces/${harness.server.workspaceId}/apps`, {
    name,
  });
  expect(reply.status).toBe(201);
  return reply.body.id as string;
}

async function draft(appId: string): Promise<{ version: number; root: Node }> {
  const reply = await harness.server.admin.get(`/api/apps/${appId}`);
  return { version: reply.body.version, root: reply.body.schema.pages[0].root };
}

async function openEditor(page: Page, appId: string): Promise<void> {
  await page.goto(`${harness.server.url}/apps/${appId}/edit`);
  await page.locator('.tsr-canvas .t-page').waitFor();
}

/** Drags with real pointer moves: press, move in steps, release. */
async function dragTo(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 10, from.y + 10, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.waitForTimeout(50);
  await page.mouse.move(to.x, to.y + 1, { steps: 1 });
  await page.mouse.up();
}

async function center(page: Page, selector: string) {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`no box for ${selector}`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2, box };
}

async function saved(page: Page) {
  await page.locator('[data-save-status="saved"]').waitFor({ timeout: 10_000 });
}

describe('the page editor', () => {
  it('drags a Form (two Inputs and a Button) with the mouse and a Text with the keyboard, undoes and redoes, and keeps it after a reload', async () => {
    const appId = await createApp('Drag test');
    const page = await harness.newPage();
    await harness.signIn(page);
    await openEditor(page, appId);
    const welcome = await center(page, '#home_welcome');

    // mouse: the Form from the palette to below the welcome text
    const form = await center(page, '[data-component="Form"]');
    await dragTo(page, form, { x: welcome.x, y: welcome.box.y + welcome.box.height - 2 });
    await page.locator('.tsr-canvas form').waitFor();
    expect(await page.locator('.tsr-canvas form input').count()).toBe(2);
    expect(await page.locator('.tsr-canvas form button').count()).toBe(1);
    await saved(page);
    let { root } = await draft(appId);
    expect(root.children?.map((c) => c.component)).toEqual(['Text', 'Form']);
    expect(root.children?.[1]?.children?.map((c) => c.component)).toEqual(['Input', 'Input', 'Button']);

    // keyboard only: focus the Heading in the palette, Space, arrows, Space
    await page.locator('[data-component="Heading"]').focus();
    await page.keyboard.press('Space');
    await page.locator('.drag-chip').waitFor();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Space');
    await page.locator('.drag-chip').waitFor({ state: 'detached' });
    await page.locator('.tsr-canvas .t-heading').waitFor();
    const live = await page.locator('[id^="DndLiveRegion"]').textContent();
    expect(live).toMatch(/Dropped/);
    await saved(page);
    ({ root } = await draft(appId));
    const components = () => root.children?.map((c) => c.component);
    expect(components()).toContain('Heading');
    const afterKeyboard = components();

    // undo both, redo both
    await page.locator('body').press('Control+z');
    await page.locator('.tsr-canvas .t-heading').waitFor({ state: 'detached' });
    await page.locator('body').press('Control+z');
    await page.locator('.tsr-canvas form').waitFor({ state: 'detached' });
    await page.locator('body').press('Control+Shift+z');
    await page.locator('.tsr-canvas form').waitFor();
    await page.getByRole('button', { name: 'Redo' }).click();
    await page.locator('.tsr-canvas .t-heading').waitFor();
    await saved(page);

    await page.reload();
    await page.locator('.tsr-canvas .t-heading').waitFor();
    expect(await page.locator('.tsr-canvas form input').count()).toBe(2);
    ({ root } = await draft(appId));
    expect(components()).toEqual(afterKeyboard);
  }, 90_000);
});
