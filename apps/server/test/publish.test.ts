import http from 'node:http';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, watchedPage } from '../../../packages/compiler/test/browser';
import { SITE_CSP } from '../src/plugins/publish/hosting';
import { type Json, startTestServer, type TestServer } from './harness';
import { readPublishEvents, waitForPublish } from './publish-helpers';

/** GET with the path exactly as written (no URL normalisation). */
function rawStatus(base: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${base}/`, { path }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
  });
}

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

const STEPS = ['validate', 'compile-web', 'compile-mp', 'compile-app', 'package', 'activate'];

describe('publishing the showcase to web, mini-program and app', () => {
  let server: TestServer;
  let browser: Browser;
  let appId: string;
  let events: Json[];
  let publish: Json;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const created = await server.admin.post(`/api/workspaces/${server.workspaceId}/apps`, {
      name: 'Showcase',
      template: 'showcase',
    });
    expect(created.status).toBe(201);
    appId = created.body.id;
    // Something for the home page's news query to show, readable by anyone.
    expect(
      (await server.admin.put(`/api/apps/${appId}/db/rules/news`, { preset: 'public-read' })).status,
    ).toBe(200);
    const doc = {
      title: 'Published over SSE',
      summary: 'hello',
      status: 'published',
      tags: [],
      publishedAt: 1,
    };
    expect((await server.admin.post(`/api/apps/${appId}/db/data/news/docs`, { data: doc })).status).toBe(200);

    const started = await server.admin.post(`/api/apps/${appId}/publish`, {
      targets: ['app', 'web', 'mp'],
      note: 'first',
    });
    expect(started.status).toBe(202);
    expect(started.body.publish).toMatchObject({
      status: 'running',
      targets: ['web', 'mp', 'app'],
      note: 'first',
    });
    events = await readPublishEvents(server.admin, appId, started.body.publish.id);
    publish = (await server.admin.get(`/api/apps/${appId}/publishes/${started.body.publish.id}`)).body
      .publish;
  }, 150_000); // about 20 s on an idle machine; generous for a loaded CI box

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('streams progress in step order and ends with the succeeded publish', () => {
    expect(events.length).toBeGreaterThanOrEqual(STEPS.length * 2);
    expect(events.at(-1)).toMatchObject({ status: 'succeeded', active: true });
    expect(events.slice(0, -1).every((e) => e.status === 'running')).toBe(true);
    // The furthest step that has started never goes backwards, and each step ends before the next starts.
    let furthest = -1;
    for (const event of events) {
      const started = event.steps.filter((s: Json) => s.status !== 'pending').map((s: Json) => s.name);
      const index = Math.max(...started.map((name: string) => STEPS.indexOf(name)), -1);
      expect(index).toBeGreaterThanOrEqual(furthest);
      furthest = index;
      expect(event.steps.filter((s: Json) => s.status === 'running').length).toBeLessThanOrEqual(1);
      const running = event.steps.findIndex((s: Json) => s.status === 'running');
      if (running >= 0)
        expect(event.steps.slice(0, running).every((s: Json) => s.status === 'succeeded')).toBe(true);
    }
    // The stream starts with the state at connection; every step still pending then is seen
    // running, then succeeded, and no step's state ever goes back.
    const rank = { pending: 0, running: 1, succeeded: 2 } as Record<string, number>;
    const pendingAtStart = events[0].steps
      .filter((s: Json) => s.status === 'pending')
      .map((s: Json) => s.name);
    expect(pendingAtStart).toContain('compile-app');
    for (const name of STEPS) {
      const states: string[] = events.map((e) => e.steps.find((s: Json) => s.name === name).status);
      const ranks = states.map((state) => rank[state] as number);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      if (pendingAtStart.includes(name)) expect(states).toContain('running');
    }
    expect(events.at(-1)).toEqual(publish);
  });

  it('reports the hosted URL, the downloads and the sizes', () => {
    expect(publish.steps.map((s: Json) => [s.name, s.status, s.progress])).toEqual(
      STEPS.map((name) => [name, 'succeeded', 1]),
    );
    for (const step of publish.steps) expect(step.ms).toBeGreaterThanOrEqual(0);
    expect(publish.result.webUrl).toBe(`${server.url}/sites/${appId}/`);
    expect(publish.result.downloads).toEqual({
      mp: `/api/apps/${appId}/publishes/${publish.id}/mp.zip`,
      app: `/api/apps/${appId}/publishes/${publish.id}/app.zip`,
    });
    const { sizes } = publish.result;
    for (const target of ['web', 'mp', 'app']) {
      expect(sizes[target].files).toBeGreaterThan(3);
      expect(sizes[target].bytes).toBeGreaterThan(10_000);
    }
    const main = sizes.mp.packages.find((p: Json) => p.name === 'main');
    expect(main).toMatchObject({ budget: 2 * 1024 * 1024, over: false });
    expect(main.bytes).toBeGreaterThan(1000);
    expect(sizes.zips.mp).toBeGreaterThan(1000);
    expect(sizes.zips.mp).toBeLessThan(sizes.mp.bytes);
    expect(sizes.zips.app).toBeGreaterThan(1000);
    expect(publish.appVersion).toBe(1);
    expect(publish.error).toBeNull();
  });

  it('gives the mini-program zip as a project with app.json, and the app zip as a Capacitor project', async () => {
    const mp = await server.admin.bytes(publish.result.downloads.mp);
    expect(mp.status).toBe(200);
    expect(mp.headers.get('content-type')).toBe('application/zip');
    expect(mp.headers.get('content-disposition')).toMatch(/^attachment; filename=".+-mp-v1\.zip"$/);
    expect(mp.bytes.byteLength).toBe(publish.result.sizes.zips.mp);
    const files = unzipSync(mp.bytes);
    const appJson = JSON.parse(strFromU8(files['app.json'] as Uint8Array));
    expect(appJson.pages).toContain('pages/home/index');
    expect(appJson.pages.length).toBeGreaterThanOrEqual(5);
    expect(files['project.config.json']).toBeDefined();
    // The mini-program talks to this server, by its absolute address.
    const runtime = Object.entries(files).find(
      ([name]) => name.endsWith('.js') && strFromU8(files[name] as Uint8Array).includes(server.url),
    );
    expect(runtime).toBeDefined();

    const shell = unzipSync((await server.admin.bytes(publish.result.downloads.app)).bytes);
    expect(JSON.parse(strFromU8(shell['capacitor.config.json'] as Uint8Array))).toMatchObject({
      webDir: 'www',
    });
    expect(strFromU8(shell['www/index.html'] as Uint8Array)).toContain('<div id="app">');
  });

  it('serves the web build at /sites/:appId/ with the strict CSP and cache headers', async () => {
    const index = await server.anonymous.get(`/sites/${appId}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(SITE_CSP);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const policy = SITE_CSP.split('; ');
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(SITE_CSP).not.toMatch(/unsafe-(inline|eval)/);
    // Asset URLs are under the base path, and hashed assets are cached for good.
    const script = /<script type="module" src="([^"]+)">/.exec(index.text)?.[1] as string;
    expect(script).toMatch(new RegExp(`^/sites/${appId}/assets/app-[A-Z0-9]{8}\\.js$`));
    const asset = await server.anonymous.get(script);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const again = await server.anonymous.get(script, {
      headers: { 'if-none-match': asset.headers.get('etag') as string },
    });
    expect(again.status).toBe(304);
    const css = /<link rel="stylesheet" href="([^"]+)">/.exec(index.text)?.[1] as string;
    expect((await server.anonymous.get(css)).headers.get('content-type')).toBe('text/css; charset=utf-8');

    // Page routes fall back to index.html; missing files and escapes do not.
    const deep = await server.anonymous.get(`/sites/${appId}/news/123?x=1`);
    expect(deep.status).toBe(200);
    expect(deep.text).toBe(index.text);
    expect((await server.anonymous.get(`/sites/${appId}/assets/missing.js`)).status).toBe(404);
    // Sent as-is (fetch would resolve the dots before sending).
    for (const unsafe of [
      '../../../secrets.json',
      '%2e%2e/%2e%2e/%2e%2e/secrets.json',
      '..%2f..%2f..%2fsecrets.json',
    ])
      expect(await rawStatus(server.url, `/sites/${appId}/${unsafe}`), unsafe).toBe(404);
    const bare = await fetch(`${server.url}/sites/${appId}`, { redirect: 'manual' });
    expect(bare.status).toBe(302);
    expect(bare.headers.get('location')).toBe(`/sites/${appId}/`);
    expect((await server.anonymous.get('/sites/a0000000000000000000000f/')).status).toBe(404);
  });

  it('renders in Chromium under /sites/:appId/ and reads data through /app-api', async () => {
    const { page, problems, close } = await watchedPage(browser);
    try {
      const apiCalls: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/app-api/')) apiCalls.push(new URL(request.url()).pathname);
      });
      await page.goto(`${server.url}/sites/${appId}/`);
      await page
        .getByText('Published over SSE')
        .first()
        .waitFor({ timeout: 15_000 })
        .catch(async (error) => {
          throw new Error(
            `${error}\n${await page.textContent('body')}\n${apiCalls.join('\n')}\n${problems.errors.join('\n')}`,
          );
        });
      expect(apiCalls).toContain(`/app-api/${appId}/db/news/query`);
      // Links and navigation stay under the base path.
      const tab = page.locator('.t-tabbar__item').nth(1);
      expect(await tab.getAttribute('href')).toBe(`/sites/${appId}/feedback`);
      await tab.click();
      await page.waitForURL(`${server.url}/sites/${appId}/feedback`);
      // Tabs replace the history entry, so going home is another tab tap.
      await page.locator('.t-tabbar__item').first().click();
      await page.waitForURL(`${server.url}/sites/${appId}/`);
      await page.getByText('Published over SSE').first().waitFor();
      // A deep link opens the right page straight from the server.
      await page.goto(`${server.url}/sites/${appId}/search`);
      await page.locator('main').first().waitFor();
      expect(await page.textContent('body')).not.toContain('Page not found');
      expect(problems.csp).toEqual([]);
      expect(problems.errors.filter((e) => !/api\.example\.com|Failed to load resource/.test(e))).toEqual([]);
    } finally {
      await close();
    }
  }, 90_000);

  it('lists the publish in the history as the active one', async () => {
    const history = await server.admin.get(`/api/apps/${appId}/publishes`);
    expect(history.status).toBe(200);
    expect(history.body.activePublishId).toBe(publish.id);
    expect(history.body.publishes.map((p: Json) => [p.id, p.active])).toEqual([[publish.id, true]]);
  });

  it('refuses a second publish while one runs, and bad bodies with a 400', async () => {
    const first = await server.admin.post(`/api/apps/${appId}/publish`, { targets: ['mp'] });
    expect(first.status).toBe(202);
    const second = await server.admin.post(`/api/apps/${appId}/publish`, { targets: ['web'] });
    expect(second.status).toBe(409);
    expect(second.body.message).toContain('still running');
    await waitForPublish(server.admin, appId, first.body.publish.id);
    for (const body of [
      {},
      { targets: [] },
      { targets: ['ios'] },
      { targets: ['web', 'web'] },
      { targets: ['web'], extra: 1 },
    ]) {
      const reply = await server.admin.post(`/api/apps/${appId}/publish`, body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
    }
    const missing = await server.admin.get(`/api/apps/${appId}/publishes/0123456789abcdef01234567`);
    expect(missing.status).toBe(404);
    // The mp-only publish has no web build to serve and no app zip.
    const mpOnly = first.body.publish.id;
    expect((await server.admin.post(`/api/apps/${appId}/publishes/${mpOnly}/activate`)).status).toBe(409);
    expect((await server.admin.get(`/api/apps/${appId}/publishes/${mpOnly}/app.zip`)).status).toBe(404);
    expect((await server.admin.get(`/api/apps/${appId}/publishes`)).body.activePublishId).toBe(publish.id);
  }, 90_000);
});
