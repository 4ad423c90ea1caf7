// The page editor as a new user meets it: open an app, drag components in with the mouse and the
// keyboard, undo / redo, copy and paste, multi-select and delete, reload and find it all saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EditorHarness, startEditorHarness } from './harness';
import {
  center,
  createApp,
  createFormApp,
  draft,
  dragTo,
  liveRegion,
  openEditor,
  saved,
} from './page-editor-helpers';

let harness: EditorHarness;
beforeAll(async () => {
  harness = await startEditorHarness();
}, 180_000);
afterAll(async () => harness?.close());

describe('the page editor', () => {
  it('drags a Form (two Inputs and a Button) with the mouse, a Heading with the keyboard, and moves it on the canvas, undoes and redoes, and keeps it after a reload', async () => {
    const appId = await createApp(harness, 'Drag test');
    const page = await harness.newPage();
    await harness.signIn(page);
    await openEditor(harness, page, appId);
    const welcome = await center(page, '#home_welcome');

    // mouse: the Form from the palette to below the welcome text
    const form = await center(page, '[data-component="Form"]');
    await dragTo(page, form, { x: welcome.x, y: welcome.box.y + welcome.box.height - 2 });
    await page.locator('.tsr-canvas form').waitFor();
    expect(await page.locator('.tsr-canvas form input').count()).toBe(2);
    expect(await page.locator('.tsr-canvas form button').count()).toBe(1);
    await saved(page);
    let { root } = await draft(harness, appId);
    expect(root.children?.map((c) => c.component)).toEqual(['Text', 'Form']);
    expect(root.children?.[1]?.children?.map((c) => c.component)).toEqual(['Input', 'Input', 'Button']);

    // keyboard only: focus the Heading in the palette, Space, arrows, Space
    await page.locator('[data-component="Heading"]').focus();
    await page.keyboard.press('Space');
    await page.locator('.drag-chip').waitFor();
    // the Form just dropped is selected: the place offered first is after it; up goes into the Form
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => liveRegion(page)).toMatch(/Inside of Form “form_1” \(4 of 4\)/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await page.locator('.drag-chip').waitFor({ state: 'detached' });
    await page.locator('.tsr-canvas .t-heading').waitFor();
    await expect.poll(() => liveRegion(page)).toMatch(/Dropped/);
    await saved(page);
    ({ root } = await draft(harness, appId));
    const components = () => root.children?.map((c) => c.component);
    expect(components()).toEqual(['Text', 'Form', 'Heading']);
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
    ({ root } = await draft(harness, appId));
    expect(components()).toEqual(afterKeyboard);

    // mouse, within the canvas: the Heading to above the welcome text
    const heading = await center(page, '.tsr-canvas .t-heading');
    const text = await center(page, '#home_welcome');
    await dragTo(page, heading, { x: text.x, y: text.box.y + 3 });
    await page.waitForFunction(() =>
      document.querySelector('.t-page')?.firstElementChild?.classList.contains('t-heading'),
    );
    await saved(page);
    ({ root } = await draft(harness, appId));
    expect(components()).toEqual(['Heading', 'Text', 'Form']);
  }, 90_000);
});

describe('editing on the canvas', () => {
  it('copies a Form subtree and pastes it with fresh ids and rewritten references; multi-selects and deletes', async () => {
    const appId = await createFormApp(harness);
    const page = await harness.newPage();
    await harness.signIn(page);
    await openEditor(harness, page, appId);
    // a click selects and never runs the Button's submitForm
    await page.locator('#send').click();
    await page.locator('[data-overlay-for="send"]').waitFor();
    // a Form is filled by its fields: select it in the outline
    await page.getByRole('tab', { name: 'Outline' }).click();
    await page.locator('[data-row-id="signup"] > .outline-row').click();
    await page.locator('[data-overlay-for="signup"]').waitFor();
    await page.keyboard.press('Control+c');
    await page.locator('#footer').click();
    await page.keyboard.press('Control+v');
    await page.locator('.tsr-canvas form').nth(1).waitFor();
    await saved(page);
    let { root } = await draft(harness, appId);
    expect(root.children?.map((c) => c.id)).toEqual(['intro', 'signup', 'footer', expect.any(String)]);
    const copy = root.children![3]!;
    expect(copy.component).toBe('Form');
    expect(copy.id).not.toBe('signup');
    const [field, echo, send] = copy.children!;
    expect(field!.id).not.toBe('name_field');
    expect(echo!.props!.text).toEqual({ $expr: `'Hello ' + (form.${copy.id} ? 'x' : 'y')` });
    expect(send!.events).toEqual({ tap: [{ type: 'submitForm', form: copy.id }] });
    // the original still points at itself
    expect(root.children![1]!.children![2]!.events).toEqual({
      tap: [{ type: 'submitForm', form: 'signup' }],
    });

    // multi-select (shift+click) and delete
    await page.locator('#intro').click();
    await page.locator('#footer').click({ modifiers: ['Shift'] });
    await page.locator('[data-overlay-for="intro"]').waitFor();
    await page.locator('[data-overlay-for="footer"]').waitFor();
    await page.keyboard.press('Delete');
    await page.locator('#intro').waitFor({ state: 'detached' });
    await page.locator('#footer').waitFor({ state: 'detached' });
    await saved(page);
    ({ root } = await draft(harness, appId));
    expect(root.children?.map((c) => c.component)).toEqual(['Form', 'Form']);
    // undo brings both back
    await page.keyboard.press('Control+z');
    await page.locator('#intro').waitFor();
    await page.locator('#footer').waitFor();

    // the outline's arrows move the selection
    await page.locator('[data-row-id="intro"] > .outline-row').click();
    await page.keyboard.press('ArrowDown');
    await page.locator('[data-overlay-for="signup"]').waitFor();
    expect(await page.locator('[data-row-id="signup"]').getAttribute('aria-selected')).toBe('true');

    // keyboard re-parenting in the outline: Space picks the row up, arrows choose, Space drops
    await page.locator('[data-row-id="intro"] > .outline-row').click();
    await page.keyboard.press('Space');
    await page.locator('.drag-chip').waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => liveRegion(page)).toMatch(/Inside of Form “signup” \(1 of 4\)/);
    await page.keyboard.press('Space');
    await page.locator('.drag-chip').waitFor({ state: 'detached' });
    await saved(page);
    ({ root } = await draft(harness, appId));
    expect(root.children?.map((c) => c.id)).toEqual(['signup', 'footer', copy.id]);
    expect(root.children?.[0]?.children?.map((c) => c.id)).toEqual(['intro', 'name_field', 'echo', 'send']);
  }, 90_000);
});
