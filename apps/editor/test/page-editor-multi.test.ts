// The page editor with several nodes selected (shared fields, "mixed" values, one undo step for
// an edit of all of them) and drops by mouse into empty containers and slots, in Chromium
// against a real server.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EditorHarness, startEditorHarness } from './harness';
import { center, createHomeApp, draft, dragTo, type Node, openEditor, saved } from './page-editor-helpers';
import { inspector } from './panels-helpers';

let harness: EditorHarness;
beforeAll(async () => {
  harness = await startEditorHarness();
}, 180_000);
afterAll(async () => harness?.close());

/** Two Texts (one, two), a Button (go) and empty containers: a Container (box), a Card and a closed Modal (dialog). */
const createMultiApp = () =>
  createHomeApp(harness, 'Multi', {
    children: [
      { id: 'one', component: 'Text', props: { text: 'One' } },
      { id: 'two', component: 'Text', props: { text: 'Two' } },
      { id: 'go', component: 'Button', props: { text: 'Go' } },
      { id: 'box', component: 'Container' },
      { id: 'card', component: 'Card' },
      { id: 'dialog', component: 'Modal', props: { visible: false, title: 'Notice' } },
    ],
  });

const colour = (page: Page, id: string) =>
  page.locator(`.tsr-canvas #${id}`).evaluate((element) => getComputedStyle(element).color);

const child = (root: Node, id: string) => root.children?.find((node) => node.id === id);

describe('the page editor with several nodes selected', () => {
  it('shows shared fields, "mixed" where values differ, and sets a colour on both Texts as one undo step', async () => {
    const appId = await createMultiApp();
    const page = await harness.newPage();
    await harness.signIn(page);
    await openEditor(harness, page, appId);
    await page.locator('.tsr-canvas #one').click();
    await inspector(page).getByRole('heading', { name: 'Text' }).waitFor();
    await page.locator('.tsr-canvas #two').click({ modifiers: ['Shift'] });
    await inspector(page).getByRole('heading', { name: '2 components selected' }).waitFor();

    // the Texts' own prop, with different values: empty, "Mixed"
    const text = inspector(page).getByRole('textbox', { name: 'Text', exact: true });
    await text.waitFor();
    expect(await text.inputValue()).toBe('');
    expect(await text.getAttribute('placeholder')).toBe('Mixed');
    expect(await inspector(page).locator('.vf-mixed').count()).toBeGreaterThan(0);

    // a colour set once applies to both
    const before = await colour(page, 'one');
    await inspector(page).getByRole('tab', { name: 'Style' }).click();
    // the colour's text box (beside it, the colour picker has the same label)
    const field = inspector(page).getByLabel('Text colour').and(page.locator('input[type="text"]'));
    await field.waitFor();
    await field.fill('#ff0000');
    await expect.poll(() => colour(page, 'one')).toBe('rgb(255, 0, 0)');
    await expect.poll(() => colour(page, 'two')).toBe('rgb(255, 0, 0)');
    expect(await colour(page, 'go')).not.toBe('rgb(255, 0, 0)');

    // one undo reverts both, one redo sets both again
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => colour(page, 'one')).toBe(before);
    await expect.poll(() => colour(page, 'two')).toBe(before);
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => colour(page, 'two')).toBe('rgb(255, 0, 0)');
    expect(await colour(page, 'one')).toBe('rgb(255, 0, 0)');
    expect(await field.inputValue()).toBe('#ff0000');

    // the mixed text typed once: both Texts take it and the field is no longer mixed
    await inspector(page).getByRole('tab', { name: 'Properties' }).click();
    await text.waitFor();
    await text.fill('Same');
    await expect.poll(() => page.locator('.tsr-canvas #one').textContent()).toBe('Same');
    await expect.poll(() => page.locator('.tsr-canvas #two').textContent()).toBe('Same');
    await expect.poll(() => inspector(page).locator('.vf-mixed input[type="text"]').count()).toBe(0);

    await saved(page);
    const { root } = await draft(harness, appId);
    for (const id of ['one', 'two'])
      expect(child(root, id)).toMatchObject({ props: { text: 'Same' }, style: { color: '#ff0000' } });
    expect(child(root, 'go')).toEqual({ id: 'go', component: 'Button', props: { text: 'Go' } });
  }, 120_000);

  it('a Text and a Button share their style; the inspector offers only the style and shared props', async () => {
    const appId = await createMultiApp();
    const page = await harness.newPage();
    await harness.signIn(page);
    await openEditor(harness, page, appId);
    await page.locator('.tsr-canvas #one').click();
    await inspector(page).getByRole('heading', { name: 'Text' }).waitFor();
    await page.locator('.tsr-canvas #go').click({ modifiers: ['Shift'] });
    await inspector(page).getByRole('heading', { name: '2 components selected' }).waitFor();
    expect(await inspector(page).getByRole('tab').allTextContents()).toEqual(['Properties', 'Style']);
    // both have a text prop: one field, mixed ("One" and "Go")
    const text = inspector(page).getByRole('textbox', { name: 'Text', exact: true });
    await text.waitFor();
    expect(await text.getAttribute('placeholder')).toBe('Mixed');
    await inspector(page).getByRole('tab', { name: 'Style' }).click();
    const margin = inspector(page).getByRole('textbox', { name: 'Margin top' });
    await margin.waitFor();
    await margin.fill('20px');
    await expect
      .poll(() => page.locator('.tsr-canvas #go').evaluate((element) => getComputedStyle(element).marginTop))
      .toBe('20px');
    expect(
      await page.locator('.tsr-canvas #one').evaluate((element) => getComputedStyle(element).marginTop),
    ).toBe('20px');
  }, 120_000);
});

describe('empty containers and slots on the canvas', () => {
  it('take a palette component dragged with the mouse: a Container, a Card and its footer, an open Modal', async () => {
    const appId = await createMultiApp();
    const page = await harness.newPage();
    await harness.signIn(page);
    await openEditor(harness, page, appId);
    const drop = async (component: string, zone: string) => {
      await page.locator(zone).waitFor();
      const from = await center(page, `[data-component="${component}"]`);
      const to = await center(page, zone);
      await dragTo(page, from, to);
      await page.locator('.drag-chip').waitFor({ state: 'detached' });
    };

    await drop('Text', '.tsr-canvas [data-drop-parent="box"]');
    await page.locator('.tsr-canvas #box > :not(.tsr-drop-slot)').first().waitFor();
    expect(await page.locator('.tsr-canvas [data-drop-parent="box"]').count()).toBe(0);
    await drop('Button', '.tsr-canvas [data-drop-parent="card"]:not([data-drop-slot])');
    await drop('Link', '.tsr-canvas [data-drop-parent="card"][data-drop-slot="footer"]');
    await page.locator('.tsr-canvas #card footer .t-link, .tsr-canvas #card footer a').first().waitFor();

    // a Modal shows on the canvas while it is selected (from the outline)
    await page.getByRole('tab', { name: 'Outline' }).click();
    await page.locator('[data-row-id="dialog"]').first().click();
    await inspector(page).getByRole('heading', { name: 'Modal' }).waitFor();
    await page.getByRole('tab', { name: 'Components' }).click();
    await drop('Text', '.tsr-canvas [data-drop-parent="dialog"]:not([data-drop-slot])');

    await saved(page);
    const { root } = await draft(harness, appId);
    expect(child(root, 'box')?.children?.map((node) => node.component)).toEqual(['Text']);
    const card = child(root, 'card') as Node & { slots?: Record<string, Node[]> };
    expect(card.children?.map((node) => node.component)).toEqual(['Button']);
    expect(card.slots?.footer?.map((node) => node.component)).toEqual(['Link']);
    expect(child(root, 'dialog')?.children?.map((node) => node.component)).toEqual(['Text']);
    expect(root.children?.map((node) => node.id)).toEqual(['one', 'two', 'go', 'box', 'card', 'dialog']);
  }, 120_000);
});

describe('expression fields in the inspector', () => {
  it('show a light view until focused, then monaco takes over with the same text; invalid text is never saved', async () => {
    const reply = await harness.server.admin.post(`/api/workspaces/${harness.server.workspaceId}/apps`, {
      name: 'Light expressions',
      schema: {
        schemaVersion: 2,
        id: `light-${process.pid}`,
        name: 'Light',
        locales: { default: 'en', supported: ['en', 'zh-CN'] },
        pages: [
          {
            id: 'home',
            path: '/',
            title: 'Home',
            state: { greeting: { type: 'string', initial: 'hello' } },
            root: {
              id: 'home_root',
              component: 'Page',
              children: [{ id: 'greet', component: 'Text', props: { text: { $expr: 'state.greeting' } } }],
            },
          },
        ],
        navigation: { home: 'home' },
      },
    });
    expect(reply.status, reply.text).toBe(201);
    const appId = reply.body.id as string;
    const page = await harness.newPage();
    await harness.signIn(page);
    await openEditor(harness, page, appId);
    await expect.poll(() => page.locator('.tsr-canvas #greet').textContent()).toBe('hello');
    await page.locator('.tsr-canvas #greet').click();
    await inspector(page).getByRole('heading', { name: 'Text' }).waitFor();

    // selected: the expression as coloured text, no monaco editor mounted
    const view = inspector(page).getByRole('textbox', { name: 'Text (expression)' });
    await view.waitFor();
    expect(await view.textContent()).toBe('state.greeting');
    expect(await view.locator('.expr-tok-identifier').allTextContents()).toEqual(['state', 'greeting']);
    expect(await view.getAttribute('aria-describedby')).toBeTruthy();
    expect(await inspector(page).locator('.monaco-editor').count()).toBe(0);

    // reached with the keyboard: monaco replaces it, focused, cursor at the end
    await view.focus();
    await inspector(page).locator('.expr-editor[data-ready] .monaco-editor').waitFor();
    await page.waitForFunction(() => document.activeElement?.closest('.monaco-editor') !== null);
    expect(await inspector(page).getByRole('textbox', { name: 'Text (expression)' }).count()).toBe(1);
    await page.keyboard.type(" + ' world'", { delay: 20 });
    await expect.poll(() => page.locator('.tsr-canvas #greet').textContent()).toBe('hello world');

    // an invalid text is shown inline and never saved; the canvas keeps the last valid value
    await page.keyboard.type(' + nope', { delay: 20 });
    await expect.poll(() => inspector(page).locator('.expr-errors').textContent()).toMatch(/nope/);
    expect(await page.locator('.tsr-canvas #greet').textContent()).toBe('hello world');
    for (let i = 0; i < ' + nope'.length; i++) await page.keyboard.press('Backspace');
    await expect.poll(() => inspector(page).locator('.expr-errors').count()).toBe(0);
    await saved(page);
    const { root } = await draft(harness, appId);
    expect(root.children?.[0]?.props).toEqual({ text: { $expr: "state.greeting + ' world'" } });
  }, 120_000);
});
