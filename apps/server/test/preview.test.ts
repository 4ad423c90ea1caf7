import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, watchedPage } from '../../../packages/compiler/test/browser';
import { createApp } from './app-data-helpers';
import { type Client, type Json, startTestServer, type TestServer } from './harness';

// The compiler's test helper drives Chromium (playwright-core is its dependency, not the server's).
type Browser = Awaited<ReturnType<typeof launchBrowser>>;

let server: TestServer;
let browser: Browser;
let editor: Client;
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  editor = await server.login('admin@example.test', 'admin-password-1', { cookies: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The app's draft with a home page showing `text` (and, optionally, a code block). */
async function saveDraft(appId: string, text: string, codeBlocks?: Record<string, unknown>): Promise<number> {
  const current = await editor.get(`/api/apps/${appId}`);
  const schema = current.body.schema as Json;
  schema.pages = [
    {
      id: 'home',
      path: '/',
      title: 'Home',
      root: {
        id: 'home_root',
        component: 'Page',
        children: [
          { id: 'greeting', component: 'Text', props: { text } },
          { id: 'count', component: 'Text', props: { text: { $expr: "'Count ' + state.count" } } },
        ],
      },
      state: { count: { type: 'number', initial: 3 } },
    },
  ];
  schema.navigation = { home: 'home' };
  if (codeBlocks) schema.codeBlocks = codeBlocks;
  else delete schema.codeBlocks;
  const saved = await editor.put(`/api/apps/${appId}/draft`, schema, {
    headers: { 'if-match': `"${current.body.version}"` },
  });
  if (saved.status !== 200) throw new Error(`saving the draft failed: ${saved.status} ${saved.text}`);
  return saved.body.version as number;
}

/** Reads server-sent events until `until` accepts one (or the time runs out). */
async function readEvents(
  appId: string,
  until: (event: Json) => boolean,
  client: Client = editor,
): Promise<Json[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 20_000);
  const headers: Record<string, string> = {};
  if (client.auth.cookie) headers.cookie = client.auth.cookie;
  if (client.auth.token) headers.authorization = `Bearer ${client.auth.token}`;
  const events: Json[] = [];
  try {
    const response = await fetch(`${server.url}/api/apps/${appId}/preview/events`, {
      headers,
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block
          .split('\n')
          .filter((line) => line.startsWith('data: '))
          .map((line) => line.slice(6))
          .join('\n');
        if (data) {
          const event = JSON.parse(data);
          events.push(event);
          if (until(event)) return events;
        }
        end = buffer.indexOf('\n\n');
      }
    }
    return events;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

describe('live preview', () => {
  it('shows the draft and updates itself when a Text prop is saved, under the strict CSP', async () => {
    const appId = await createApp(server);
    const first = await saveDraft(appId, 'Hello preview');
    const { page, problems, close } = await watchedPage(browser);
    try {
      const [session] = (editor.auth.cookie ?? '').split('; ').map((pair) => pair.split('='));
      await page
        .context()
        .addCookies([{ name: session?.[0] ?? '', value: session?.[1] ?? '', url: server.url }]);
      const reply = await page.goto(`${server.url}/preview/${appId}/`);
      expect(reply?.headers()['content-security-policy']).toContain("script-src 'self'");
      await page.getByText('Hello preview').waitFor({ timeout: 15_000 });
      await page.getByText('Count 3').waitFor();
      const navigations: string[] = [];
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) navigations.push(frame.url());
      });

      const started = Date.now();
      const rebuilt = readEvents(appId, (event) => event.type === 'rebuilt' && event.version === first + 1);
      const second = await saveDraft(appId, 'Changed through the draft API');
      expect(second).toBe(first + 1);
      await page.getByText('Changed through the draft API').waitFor({ timeout: 5_000 });
      const seconds = (Date.now() - started) / 1000;
      expect(seconds).toBeLessThan(5);
      // Incremental: the home page's data file, the entry and index.html; never the shared runtime.
      const event = (await rebuilt).at(-1);
      expect(event.changed.filter((file: string) => file.startsWith('assets/tessera-data-'))).toEqual([
        expect.stringMatching(/^assets\/tessera-data-home-\w+\.js$/),
      ]);
      expect(event.changed.some((file: string) => file.startsWith('assets/shared-'))).toBe(false);
      // The page reloaded itself (no test code navigated), and stayed under the preview base.
      expect(navigations).toEqual([`${server.url}/preview/${appId}/`]);
      expect(problems).toEqual({ errors: [], csp: [] });
    } finally {
      await close();
    }
  });

  it('sends the error event with pointers for a draft that cannot be built, then recovers', async () => {
    const appId = await createApp(server);
    const good = await saveDraft(appId, 'Good');
    const initial = await readEvents(appId, (event) => event.type === 'rebuilt');
    expect(initial.at(-1)).toMatchObject({ type: 'rebuilt', version: good });

    const { page, problems, close } = await watchedPage(browser);
    try {
      const [session] = (editor.auth.cookie ?? '').split('; ').map((pair) => pair.split('='));
      await page
        .context()
        .addCookies([{ name: session?.[0] ?? '', value: session?.[1] ?? '', url: server.url }]);
      await page.goto(`${server.url}/preview/${appId}/`);
      await page.getByText('Good').waitFor({ timeout: 15_000 });

      // Valid as a schema (the draft API accepts it), but its code block does not compile.
      const errorSeen = readEvents(appId, (event) => event.type === 'error');
      const broken = await saveDraft(appId, 'Broken', {
        util: { language: 'ts', source: 'export const answer = ;', exports: ['answer'] },
      });
      const events = await errorSeen;
      const error = events.find((event) => event.type === 'error');
      expect(error).toMatchObject({ type: 'error', version: broken });
      expect(error.details[0].pointer).toBe('/codeBlocks/util/source');
      expect(error.details[0].message).toMatch(/bundling failed/);
      // The open page keeps the last good build and shows the problem over it.
      const panel = page.getByRole('alert', { name: 'Preview build errors' });
      await expect(panel.textContent({ timeout: 5_000 })).resolves.toContain('/codeBlocks/util/source');
      expect(await page.getByText('Good', { exact: true }).count()).toBe(1);

      const fixed = await saveDraft(appId, 'Fixed again');
      await page.getByText('Fixed again').waitFor({ timeout: 5_000 });
      expect(await panel.count()).toBe(0);
      const latest = await readEvents(appId, () => true);
      expect(latest[0]).toMatchObject({ type: 'rebuilt', version: fixed });
      expect(problems.csp).toEqual([]);
    } finally {
      await close();
    }
  });

  it('needs a builder session with access to the app', async () => {
    const appId = await createApp(server);
    await saveDraft(appId, 'Private');
    expect((await server.anonymous.get(`/preview/${appId}/`)).status).toBe(401);
    expect((await server.anonymous.get(`/api/apps/${appId}/preview/events`)).status).toBe(401);
    const { owner } = await server.newWorkspace('Elsewhere');
    expect((await owner.get(`/preview/${appId}/`)).status).toBe(404);
    expect((await owner.get(`/api/apps/${appId}/preview/events`)).status).toBe(404);
    const viaToken = await server.admin.get(`/preview/${appId}/`);
    expect(viaToken.status).toBe(200);
    expect(viaToken.text).toContain(`/preview/${appId}/assets/`);
    expect(viaToken.headers.get('cache-control')).toBe('no-store');
    // Hashed files are cached for good, so a reload after a rebuild fetches only what changed.
    const entry = /src="(\/preview\/[^"]+\/assets\/app-\w+\.js)"/.exec(viaToken.text)?.[1] as string;
    const asset = await server.admin.get(entry);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await server.admin.get(`/preview/${appId}/assets/nope.js`)).status).toBe(404);
    expect((await server.admin.get(`/preview/not-an-app/`)).status).toBe(404);
  });
});
