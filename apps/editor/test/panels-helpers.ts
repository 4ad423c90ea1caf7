// Shared steps of the inspector and data panel browser tests.
import type { Page } from 'playwright-core';
import type { EditorHarness } from './harness';
import { createHomeApp } from './page-editor-helpers';

/** An app with a Text (greet) and a Button (go) on its home page, and a second page. */
export const createPanelsApp = (harness: EditorHarness): Promise<string> =>
  createHomeApp(
    harness,
    'Panels',
    {
      children: [
        { id: 'greet', component: 'Text', props: { text: 'Hi' } },
        { id: 'go', component: 'Button', props: { text: 'Go' } },
      ],
    },
    [{ id: 'detail', path: '/detail', title: 'Detail', root: { id: 'detail_root', component: 'Page' } }],
  );

export async function draftOf(harness: EditorHarness, appId: string) {
  const reply = await harness.server.admin.get(`/api/apps/${appId}`);
  return reply.body.schema;
}

/** Signs in and opens the page editor; returns the CSP refusals and worker fallbacks seen. */
export async function open(harness: EditorHarness, page: Page, appId: string): Promise<string[]> {
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

export const inspector = (page: Page) => page.getByRole('region', { name: /^(Inspector|属性面板)$/ });

/** Switches a prop to an expression and types it into monaco (the field's text replaced). */
export async function typeExpression(page: Page, label: string, text: string) {
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
