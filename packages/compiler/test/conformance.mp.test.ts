import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runMpFixture, stopServer } from './mp-simulator';

afterAll(stopServer);

const root = new URL('../fixtures/conformance/', import.meta.url).pathname;
// Fixtures whose script has `server` play against a real Tessera server (the runner starts one).
const serverRoot = new URL('../fixtures/conformance-server/', import.meta.url).pathname;
const list = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => [entry.name, `${dir}${entry.name}`]);
const fixtures = [...list(root), ...list(serverRoot)];

describe('conformance on the mini-program target (miniprogram-simulate)', () => {
  it.each(fixtures)('%s', async (_name, dir) => {
    const run = await runMpFixture(dir as string);
    expect(run.maxSetData).toBeLessThan(64 * 1024);
  });
});

describe('every page of every template opens in the simulator', () => {
  const repo = new URL('../../../', import.meta.url).pathname;
  const templates = readdirSync(`${repo}templates`, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  it.each(templates)(
    '%s',
    async (name) => {
      const { cp, mkdtemp, readFile, rm, writeFile } = await import('node:fs/promises');
      const { tmpdir } = await import('node:os');
      const app = JSON.parse(await readFile(`${repo}templates/${name}/app.json`, 'utf8'));
      for (const page of app.pages as {
        id: string;
        root: { id: string };
        params?: Record<string, unknown>;
      }[]) {
        const dir = await mkdtemp(`${tmpdir()}/tessera-template-`);
        try {
          await cp(`${repo}templates/${name}/app.json`, `${dir}/app.json`);
          const params = Object.fromEntries(Object.keys(page.params ?? {}).map((key) => [key, '1']));
          const steps = [{ expectVisible: [page.root.id, true] }];
          await writeFile(
            `${dir}/script.json`,
            JSON.stringify({ description: page.id, page: page.id, params, steps }),
          );
          await runMpFixture(dir);
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }
    },
    120_000,
  );
});

describe('mini-program page chrome', () => {
  it('follows a bound page title and picks the phone language among the app locales', async () => {
    const { cp, mkdtemp, readFile, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(`${tmpdir()}/tessera-fixture-`);
    try {
      await cp(`${root}counter`, dir, { recursive: true });
      const app = JSON.parse(await readFile(`${dir}/app.json`, 'utf8'));
      app.locales = { default: 'en', supported: ['en', 'zh-CN'] };
      app.pages[0].title = { $expr: "'Count ' + state.count" };
      app.pages[0].root.children[1].props.text = { $i18n: { en: 'Add one', 'zh-CN': '加一' } };
      await writeFile(`${dir}/app.json`, JSON.stringify(app));
      await writeFile(
        `${dir}/script.json`,
        JSON.stringify({ description: 'title', steps: [{ expectText: ['inc', '加一'] }, { tap: 'inc' }] }),
      );
      const run = await runMpFixture(dir, { language: 'zh_CN' });
      expect(run.titles).toEqual(['Count 0', 'Count 1']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the mini-program runner', () => {
  it('fails a script whose expectation the page does not meet', async () => {
    const { cp, mkdtemp, readFile, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(`${tmpdir()}/tessera-fixture-`);
    try {
      await cp(`${root}counter`, dir, { recursive: true });
      const script = JSON.parse(await readFile(`${dir}/script.json`, 'utf8'));
      script.steps = [{ tap: 'inc' }, { expectText: ['label', 'Count: 5'] }];
      await writeFile(`${dir}/script.json`, JSON.stringify(script));
      await expect(runMpFixture(dir)).rejects.toThrow(/step 2 .*expected "Count: 5", got "Count: 1"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the locale on the mini-program', () => {
  it('starts in the locale chosen last time: texts, navigation bar title and tab bar', async () => {
    const { cp, mkdtemp, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(`${tmpdir()}/tessera-fixture-`);
    const storage = new Map<string, unknown>();
    const play = (steps: unknown[]) =>
      writeFile(`${dir}/script.json`, JSON.stringify({ description: 'remembered', locale: 'zh-CN', steps }));
    try {
      await cp(`${root}locale-switch`, dir, { recursive: true });
      await play([{ tap: 'english' }, { expectText: ['greeting', 'Welcome'] }]);
      await runMpFixture(dir, { storage });
      expect(storage.get('tessera.locale.locale-switch')).toBe('en');
      // the phone is still set to Chinese: the user's choice wins
      await play([
        { expectText: ['greeting', 'Welcome'] },
        { expectText: ['current', 'locale: en'] },
        { expectTitle: 'Home' },
        { expectTabBar: ['Home', 'Me'] },
      ]);
      await runMpFixture(dir, { storage });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
