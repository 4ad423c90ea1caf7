// The inspector and the data panel as a builder uses them, in Chromium against a real server:
// bind a Text to a new state variable, give a Button an action list, see expression errors
// inline, undo / redo a prop edit, check a code block against the app's types, the zh-CN panel.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EditorHarness, startEditorHarness } from './harness';

let harness: EditorHarness;
beforeAll(async () => {
  harness = await startEditorHarness();
}, 180_000);
afterAll(async () => harness?.close());

const panelsApp = (id: string) => ({
  schemaVersion: 2,
  id,
  name: 'Panels',
  locales: { default: 'en', supported: ['en', 'zh-CN'] },
  pages: [
    {
      id: 'home',
      path: '/',
      title: 'Home',
      root: {
        id: 'home_root',
        component: 'Page',
        children: [
          { id: 'greet', component: 'Text', props: { text: 'Hi' } },
          { id: 'go', component: 'Button', props: { text: 'Go' } },
        ],
      },
    },
    { id: 'detail', path: '/detail', title: 'Detail', root: { id: 'detail_root', component: 'Page' } },
  ],
  navigation: { home: 'home' },
});

let count = 0;
async function createPanelsApp(): Promise<string> {
  const reply = await harness.server.admin.post(`/api/workspaces/${harness.server.workspaceId}/apps`, {
    name: `Panels ${++count}`,
    schema: panelsApp(`panels-${count}`),
  });
  expect(reply.status, reply.text).toBe(201);
  return reply.body.id as string;
}

async function draftOf(appId: string) {
  const reply = await harness.server.admin.get(`/api/apps/${appId}`);
  return reply.body.schema;
}

async function open(page: Page, appId: string): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    // a CSP refusal, or monaco falling back to running a worker's code on the main thread
    if (/Content Security Policy|web worker/i.test(message.text())) violations.push(message.text());
  });
  await harness.signIn(page);
  await page.goto(`${harness.server.url}/apps/${appId}/edit`);
  await page.locator('.tsr-canvas .t-page').waitFor();
  return violations;
}

const inspector = (page: Page) => page.getByRole('region', { name: /^(Inspector|属性面板)$/ });

/** Switches a prop to an expression and types it into monaco (the field's text replaced). */
async function typeExpression(page: Page, label: string, text: string) {
  await inspector(page)
    .getByRole('button', { name: `Bind ${label} to an expression` })
    .click();
  const editor = inspector(page).getByRole('textbox', { name: `${label} (expression)` });
  await editor.waitFor({ state: 'attached' });
  await inspector(page).locator('.expr-editor[data-ready]').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text, { delay: 20 });
}

describe('the inspector and the data panel', () => {
  it('binds a Text to a new page variable (monaco completes it) and the canvas follows its initial value', async () => {
    const appId = await createPanelsApp();
    const page = await harness.newPage();
    const response = await page.request.get(`${harness.server.url}/apps/${appId}/edit`);
    expect(response.headers()['content-security-policy']).toContain("script-src 'self'");
    const violations = await open(page, appId);

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
          const app = await draftOf(appId);
          return [app.pages[0].state, app.pages[0].root.children[0].props];
        },
        { timeout: 10_000 },
      )
      .toEqual([{ x: { type: 'string', initial: 'world' } }, { text: { $expr: 'state.x' } }]);
    expect(violations).toEqual([]);
  }, 120_000);

  it('gives a Button a tap action list with a nested onSuccess, reorders it with the keyboard and saves it', async () => {
    const appId = await createPanelsApp();
    const page = await harness.newPage();
    await open(page, appId);
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
      .poll(async () => (await draftOf(appId)).pages[0].root.children[1].events, { timeout: 10_000 })
      .toEqual({ tap: expected });
  }, 120_000);

  it('shows a wrong expression inline (monaco marker and message) and keeps the last valid one', async () => {
    const appId = await createPanelsApp();
    const page = await harness.newPage();
    await open(page, appId);
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
    const appId = await createPanelsApp();
    const page = await harness.newPage();
    await open(page, appId);
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

  it('checks a code block against the types of the app scope in monaco’s TS worker', async () => {
    const appId = await createPanelsApp();
    const page = await harness.newPage();
    const violations = await open(page, appId);
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
      .poll(async () => (await draftOf(appId)).codeBlocks?.fmt?.exports, { timeout: 10_000 })
      .toEqual(['size']);
    expect(violations).toEqual([]);
  }, 120_000);

  it('speaks Chinese', async () => {
    const appId = await createPanelsApp();
    const page = await harness.newPage({ locale: 'zh-CN' });
    await open(page, appId);
    await page.locator('#go').click();
    const panel = inspector(page);
    await panel.getByRole('heading', { name: '按钮' }).waitFor();
    for (const tab of ['属性', '样式', '事件']) await panel.getByRole('tab', { name: tab }).waitFor();
    await panel.getByRole('textbox', { name: '按钮文字', exact: true }).waitFor();
    await panel.getByRole('button', { name: '将“按钮文字”绑定为表达式' }).waitFor();
    await panel.getByRole('tab', { name: '事件' }).click();
    await panel.getByRole('button', { name: '添加动作: 点击' }).click();
    await panel.getByRole('group', { name: '动作 1：显示提示' }).waitFor();
    await page.getByRole('tab', { name: '数据' }).click();
    await page.getByRole('heading', { name: '页面变量（Home）' }).waitFor();
  }, 120_000);
});
