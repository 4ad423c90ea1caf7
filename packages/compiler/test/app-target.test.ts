import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/index';
import { launchBrowser, serveFiles } from './browser';

const app = JSON.parse(
  readFileSync(new URL('../../../templates/showcase/app.json', import.meta.url), 'utf8'),
);

describe('app target', () => {
  it('is a Capacitor 7 project whose www/ is the web build with a manifest and a service worker, and works offline', async () => {
    const { files } = await compile(app, { target: 'app' });
    const config = JSON.parse(files['capacitor.config.json'] ?? '{}');
    expect(config).toEqual({ appId: 'dev.tessera.showcase', appName: '功能展示', webDir: 'www' });
    const pkg = JSON.parse(files['package.json'] ?? '{}');
    expect(pkg.dependencies['@capacitor/core']).toMatch(/^\^7\./);
    expect(pkg.devDependencies['@capacitor/cli']).toMatch(/^\^7\./);
    const manifest = JSON.parse(files['www/manifest.webmanifest'] ?? '{}');
    expect(manifest).toMatchObject({ name: '功能展示', start_url: '/', display: 'standalone' });
    expect(files['www/index.html']).toContain('<link rel="manifest" href="/manifest.webmanifest">');
    const sw = files['www/sw.js'] ?? '';
    expect(sw).toContain('index.html');
    for (const asset of Object.keys(files).filter((path) => path.startsWith('www/assets/')))
      expect(sw).toContain(asset.slice(4));

    const www = Object.fromEntries(
      Object.entries(files)
        .filter(([path]) => path.startsWith('www/'))
        .map(([path, text]) => [path.slice(4), text]),
    );
    const server = await serveFiles(www);
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      await page.waitForSelector('main.t-main');
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      // The service worker must control a page before it can serve it without the network.
      await page.reload();
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await context.setOffline(true);
      const response = await page.goto(`${server.url}/feedback`);
      expect(response?.fromServiceWorker()).toBe(true);
      await page.waitForSelector('main.t-main');
      expect(await page.locator('main').textContent()).toContain('提交');
      await context.close();
    } finally {
      await browser.close();
      await server.close();
    }
    // Workbox and Chromium: ~10 s alone, several times that on a busy machine.
  }, 90_000);

  it('reports a schema problem with its pointer instead of building', async () => {
    await expect(compile({ ...app, pages: 'nope' }, { target: 'app' })).rejects.toThrow(/\/pages/);
  });
});
