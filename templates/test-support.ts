// What the templates' end-to-end tests share: a real server with an app created from a template
// folder, the app's web build served beside it and a Chromium to open it in, and end-user accounts
// made over the app API the way the app's own sign-in pages make them.
import { Client, startTestServer, type TestServer } from '../apps/server/test/harness';
import { compile } from '../packages/compiler/src/index';
import { launchBrowser, serveFiles, type watchedPage } from '../packages/compiler/test/browser';

export type Browser = Awaited<ReturnType<typeof launchBrowser>>;
export type Page = Awaited<ReturnType<typeof watchedPage>>['page'];

export interface TemplateApp {
  server: TestServer;
  appId: string;
  /** The app's web build, served with `/app-api` proxied to the server. */
  site: { url: string; close(): Promise<void> };
  browser: Browser;
  /** Opens a page of the app and waits until it has rendered. */
  open(page: Page, path: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a server, creates an app from `templates/<template>` and serves its web build.
 * `functionWorkers` sets how many function sandboxes run at once (the tests that race for the last
 * place need as many as they send at the same moment).
 */
export async function startTemplateApp(options: {
  template: string;
  name: string;
  functionWorkers: number;
}): Promise<TemplateApp> {
  process.env.TESSERA_FUNCTION_WORKERS = String(options.functionWorkers);
  const server = await startTestServer();
  let site: TemplateApp['site'] | undefined;
  try {
    const created = await server.admin.post(`/api/workspaces/${server.workspaceId}/apps`, {
      name: options.name,
      template: options.template,
    });
    if (created.status !== 201) throw new Error(`create from template: ${created.status} ${created.text}`);
    const appId: string = created.body.id;
    const output = await compile(created.body.schema, { target: 'web', serverUrl: '/' });
    if (!('files' in output) || !output.files) throw new Error('the web build gave no files');
    site = await serveFiles(output.files as Record<string, string>, { proxy: server.url });
    const browser = await launchBrowser();
    return templateApp(server, appId, site, browser);
  } catch (error) {
    await site?.close();
    await server.close();
    throw error;
  }
}

function templateApp(
  server: TestServer,
  appId: string,
  site: TemplateApp['site'],
  browser: Browser,
): TemplateApp {
  return {
    server,
    appId,
    site,
    browser,
    async open(page, path) {
      await page.goto(`${site.url}${path}`);
      await page.waitForFunction(() => document.querySelector('main.t-main') !== null);
    },
    async close() {
      await browser.close();
      await site.close();
      await server.close();
    },
  };
}

/** A fresh anonymous end user of the app, signed in over the API. */
export async function anonymousUser(app: TemplateApp): Promise<Client & { uid: string }> {
  const reply = await new Client(app.server.url).post(`/app-api/${app.appId}/auth/anonymous`, {});
  if (reply.status !== 200) throw new Error(`anonymous sign-in failed: ${reply.status} ${reply.text}`);
  return Object.assign(new Client(app.server.url, { token: reply.body.accessToken }), {
    uid: reply.body.user.uid,
  });
}

let accounts = 0;

/**
 * A fresh username account of the app (`<prefix><pid>x<n>`). With `roles`, the builder sets them
 * and the account signs in again, so that its token carries them.
 */
export async function userAccount(
  app: TemplateApp,
  options: { prefix: string; roles?: string[] },
): Promise<{ username: string; password: string; client: Client }> {
  accounts += 1;
  const username = `${options.prefix}${process.pid}x${accounts}`;
  const password = 'password-123';
  const auth = `/app-api/${app.appId}/auth`;
  const signedUp = await new Client(app.server.url).post(`${auth}/sign-up`, { username, password });
  if (signedUp.status !== 200) throw new Error(`sign-up failed: ${signedUp.status} ${signedUp.text}`);
  let token: string = signedUp.body.accessToken;
  if (options.roles && options.roles.length > 0) {
    const set = await app.server.admin.put(
      `/api/apps/${app.appId}/auth/users/${signedUp.body.user.uid}/roles`,
      {
        roles: options.roles,
      },
    );
    if (set.status !== 200) throw new Error(`roles failed: ${set.status} ${set.text}`);
    const signedIn = await new Client(app.server.url).post(`${auth}/sign-in`, { username, password });
    if (signedIn.status !== 200) throw new Error(`sign-in failed: ${signedIn.status} ${signedIn.text}`);
    token = signedIn.body.accessToken;
  }
  return { username, password, client: new Client(app.server.url, { token }) };
}
