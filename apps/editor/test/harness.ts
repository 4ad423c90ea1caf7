import { ensureEditorBuilt } from '@tessera/editor/build';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../../../packages/compiler/test/browser';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../../server/test/harness';

export { ADMIN_EMAIL, ADMIN_PASSWORD };

export interface EditorHarness {
  server: TestServer;
  browser: Browser;
  /** A fresh browser context (own cookies and localStorage), closed with the harness. */
  newPage(options?: { locale?: string; viewport?: { width: number; height: number } }): Promise<Page>;
  /** Opens the editor and signs in through the sign-in form. */
  signIn(page: Page, email?: string, password?: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real server (embedded store, temp data dir) serving the built editor, and real Chromium.
 * The editor is built once (apps/editor/dist, rebuilt when its sources change).
 */
export async function startEditorHarness(
  /** Extra server configuration (e.g. `demoWorkspace: true` for the first-start demo workspace). */
  options: { config?: NonNullable<Parameters<typeof startTestServer>[0]>['config'] } = {},
): Promise<EditorHarness> {
  const editorDir = await ensureEditorBuilt();
  const server = await startTestServer({ config: { ...options.config, editorDir } });
  const browser = await launchBrowser();
  const contexts: BrowserContext[] = [];
  return {
    server,
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({
        locale: options.locale ?? 'en-US',
        viewport: options.viewport ?? { width: 1440, height: 900 },
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
      return page;
    },
    async signIn(page, email = ADMIN_EMAIL, password = ADMIN_PASSWORD) {
      await page.goto(server.url);
      await page.getByLabel(/^(Email|邮箱)$/).fill(email);
      await page.getByLabel(/^(Password|密码)$/).fill(password);
      await page.getByRole('button', { name: /^(Sign in|登录)$/ }).click();
      await page.getByRole('button', { name: /^(Sign out|退出登录)$/ }).waitFor();
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await server.close();
    },
  };
}
