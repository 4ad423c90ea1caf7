// Shared steps of the page-editor browser tests.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { EditorHarness } from './harness';

export type Node = {
  id: string;
  component: string;
  props?: Record<string, unknown>;
  children?: Node[];
  events?: unknown;
};

export async function createApp(harness: EditorHarness, name: string): Promise<string> {
  const reply = await harness.server.admin.post(`/api/workspaces/${harness.server.workspaceId}/apps`, {
    name,
  });
  expect(reply.status).toBe(201);
  return reply.body.id as string;
}

let appCount = 0;
/**
 * Creates an app whose home page (path /, title Home) holds `home.children`, with the page's
 * `state` and `queries`, and `pages` after it; returns the app's id.
 */
export async function createHomeApp(
  harness: EditorHarness,
  name: string,
  home: { children: unknown[]; state?: unknown; queries?: unknown },
  pages: unknown[] = [],
): Promise<string> {
  const n = ++appCount;
  const id = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${process.pid}-${n}`;
  const { children, ...page } = home;
  const reply = await harness.server.admin.post(`/api/workspaces/${harness.server.workspaceId}/apps`, {
    name: `${name} ${n}`,
    schema: {
      schemaVersion: 2,
      id,
      name,
      locales: { default: 'en', supported: ['en', 'zh-CN'] },
      pages: [
        {
          id: 'home',
          path: '/',
          title: 'Home',
          ...page,
          root: { id: 'home_root', component: 'Page', children },
        },
        ...pages,
      ],
      navigation: { home: 'home' },
    },
  });
  expect(reply.status, reply.text).toBe(201);
  return reply.body.id as string;
}

export async function draft(harness: EditorHarness, appId: string): Promise<{ version: number; root: Node }> {
  const reply = await harness.server.admin.get(`/api/apps/${appId}`);
  return { version: reply.body.version, root: reply.body.schema.pages[0].root };
}

export async function openEditor(harness: EditorHarness, page: Page, appId: string): Promise<void> {
  await page.goto(`${harness.server.url}/apps/${appId}/edit`);
  await page.locator('.tsr-canvas .t-page').waitFor();
}

/** Drags with real pointer moves: press, move in steps, release. */
export async function dragTo(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 10, from.y + 10, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.waitForTimeout(50);
  await page.mouse.move(to.x, to.y + 1, { steps: 1 });
  await page.mouse.up();
}

export async function center(page: Page, selector: string) {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`no box for ${selector}`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2, box };
}

export async function saved(page: Page) {
  await page.locator('[data-save-status="saved"]').waitFor({ timeout: 10_000 });
}

const formApp = {
  schemaVersion: 2,
  id: 'form-app',
  name: 'Form app',
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
          { id: 'intro', component: 'Text', props: { text: 'Sign up below' } },
          {
            id: 'signup',
            component: 'Form',
            children: [
              { id: 'name_field', component: 'Input', props: { name: 'name', label: 'Name' } },
              {
                id: 'echo',
                component: 'Text',
                props: { text: { $expr: "'Hello ' + (form.signup ? 'x' : 'y')" } },
              },
              {
                id: 'send',
                component: 'Button',
                props: { text: 'Send', formType: 'button' },
                events: { tap: [{ type: 'submitForm', form: 'signup' }] },
              },
            ],
          },
          { id: 'footer', component: 'Text', props: { text: 'Footer' } },
        ],
      },
    },
  ],
  navigation: { home: 'home' },
};

export async function createFormApp(harness: EditorHarness): Promise<string> {
  const reply = await harness.server.admin.post(`/api/workspaces/${harness.server.workspaceId}/apps`, {
    name: 'Form app',
    schema: formApp,
  });
  expect(reply.status, reply.text).toBe(201);
  return reply.body.id as string;
}

/** What dnd-kit's live region says now; it updates after a render, so read it with `expect.poll`. */
export async function liveRegion(page: Page): Promise<string> {
  return (await page.locator('[id^="DndLiveRegion"]').textContent()) ?? '';
}
