import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompileError, type WebWatcher, watch } from '../src/index';
import { launchBrowser, serveFiles, watchedPage } from './browser';

const page = (id: string, text: string) => ({
  id,
  path: id === 'home' ? '/' : `/${id}`,
  title: id,
  root: {
    id: `${id}_root`,
    component: 'Page',
    children: [
      { id: `${id}_text`, component: 'Text', props: { text } },
      { id: `${id}_count`, component: 'Text', props: { text: { $expr: "'Count ' + state.count" } } },
      {
        id: `${id}_add`,
        component: 'Button',
        props: { text: 'Add' },
        events: { tap: [{ type: 'setState', name: 'count', value: { $expr: 'state.count + 1' } }] },
      },
    ],
  },
  state: { count: { type: 'number', initial: 1 } },
});

const app = (texts: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  schemaVersion: 2,
  id: 'watched',
  name: 'Watched',
  locales: { default: 'en', supported: ['en'] },
  pages: Object.entries(texts).map(([id, text]) => page(id, text)),
  navigation: { home: 'home' },
  ...extra,
});

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('watch', () => {
  it('rebuilds only the changed page, and the new output runs under the strict CSP', async () => {
    const watcher = await watch(app({ home: 'Hello', about: 'About us' }), { target: 'web' });
    try {
      expect(watcher.first.pages.sort()).toEqual(['about', 'home']);
      const before = { ...watcher.files };
      const next = await watcher.update(app({ home: 'Hello again', about: 'About us' }));
      expect(next.pages).toEqual(['home']);
      // The new text is in the page's data file; the entry (which names it) is rebuilt, nothing else.
      const changedData = next.changed.filter((file) => file.includes('/tessera-data-'));
      expect(changedData).toEqual([expect.stringMatching(/^assets\/tessera-data-home-\w+\.js$/)]);
      expect(next.files[changedData[0] as string]).toContain('Hello again');
      const entry = next.changed.find((file) => /^assets\/app-\w+\.js$/.test(file)) as string;
      expect(next.files[entry]).toContain(changedData[0]?.slice('assets/'.length));
      expect(next.changed).toContain('index.html');
      expect(next.changed.filter((file) => file.includes('/shared-'))).toEqual([]);
      // The old home data is gone, the about page's file is untouched.
      expect(next.removed.some((file) => file.startsWith('assets/tessera-data-home-'))).toBe(true);
      const about = Object.keys(before).find((file) =>
        file.startsWith('assets/tessera-data-about-'),
      ) as string;
      expect(next.files[about]).toBe(before[about]);

      const server = await serveFiles(next.files);
      const { page: tab, problems, close } = await watchedPage(browser);
      try {
        await tab.goto(`${server.url}/`);
        await tab.getByText('Hello again').waitFor();
        await tab.getByRole('button', { name: 'Add' }).click();
        await tab.getByText('Count 2').waitFor();
        await tab.goto(`${server.url}/about`);
        await tab.getByText('About us').waitFor();
        expect(problems).toEqual({ errors: [], csp: [] });
      } finally {
        await close();
        await server.close();
      }
    } finally {
      await watcher.dispose();
    }
  });

  it('reports a broken update with pointers and keeps the last good output', async () => {
    const watcher: WebWatcher = await watch(app({ home: 'Hello' }), { target: 'web' });
    try {
      const good = watcher.files;
      const broken = app({ home: 'Hello' });
      (broken.pages[0]?.root.children[1] as { props: unknown }).props = { text: { $expr: 'state.count +' } };
      const error = await watcher.update(broken).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CompileError);
      expect((error as CompileError).issues[0]?.pointer).toMatch(
        /^\/pages\/0\/root\/children\/1\/props\/text/,
      );
      expect(watcher.files).toBe(good);

      const badCode = app(
        { home: 'Hello' },
        { codeBlocks: { util: { language: 'ts', source: 'export const x = ;', exports: ['x'] } } },
      );
      const bundling = (await watcher.update(badCode).catch((e: unknown) => e)) as CompileError;
      expect(bundling).toBeInstanceOf(CompileError);
      expect(bundling.issues[0]?.pointer).toBe('/codeBlocks/util/source');

      const fixed = await watcher.update(app({ home: 'Fixed' }));
      expect(fixed.pages).toEqual(['home']);
      const home = fixed.changed.find((file) => file.startsWith('assets/tessera-data-home-')) as string;
      expect(fixed.files[home]).toContain('Fixed');
    } finally {
      await watcher.dispose();
    }
  });

  it('drops the files of a removed page and refuses targets other than web', async () => {
    const watcher = await watch(app({ home: 'Hello', about: 'About' }), { target: 'web' });
    try {
      const next = await watcher.update(app({ home: 'Hello' }));
      expect(next.pages).toEqual([]);
      expect(next.removed.some((file) => file.startsWith('assets/tessera-data-about-'))).toBe(true);
      expect(Object.keys(next.files).some((file) => file.startsWith('assets/tessera-data-about-'))).toBe(
        false,
      );
    } finally {
      await watcher.dispose();
    }
    // biome-ignore lint/suspicious/noExplicitAny: an unsupported target on purpose
    const refused = await watch(app({ home: 'x' }), { target: 'mp' as any }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CompileError);
  });
});
