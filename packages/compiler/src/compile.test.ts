import { describe, expect, it } from 'vitest';
import { CompileError, compile, PACKAGE_BUDGET } from './index';

const page = (id: string, children: unknown[], extra: Record<string, unknown> = {}) => ({
  id,
  path: id === 'home' ? '/' : `/${id}`,
  title: id,
  root: { id: `${id}_root`, component: 'Page', children },
  ...extra,
});

const app = (pages: unknown[], extra: Record<string, unknown> = {}) => ({
  schemaVersion: 2,
  id: 'test',
  name: 'Test',
  locales: { default: 'en', supported: ['en'] },
  pages,
  navigation: { home: 'home' },
  ...extra,
});

describe('compile', () => {
  it.each(['mp', 'web', 'app'] as const)('refuses an invalid app with JSON pointers (%s)', async (target) => {
    const bad = app([page('home', [{ id: 'x', component: 'Nope' }])]);
    const error = await compile(bad, { target }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CompileError);
    expect((error as CompileError).issues[0]?.pointer).toBe('/pages/0/root/children/0/component');
  });

  // The web build validates while esbuild already runs: a broken app must still fail with its
  // schema problems, never with whatever generation or bundling tripped over first.
  it.each([
    ['no pages at all', { pages: undefined }],
    ['pages that are not a list', { pages: 'home' }],
    ['a home page that does not exist', { navigation: { home: 'nowhere' } }],
  ])('web: %s is a schema error, not a crash', async (_, extra) => {
    const bad = app([page('home', [])], extra);
    const error = await compile(bad, { target: 'web' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CompileError);
    expect((error as CompileError).issues.length).toBeGreaterThan(0);
  });

  it('refuses an expression error with the pointer and position', async () => {
    const bad = app([
      page('home', [{ id: 't', component: 'Text', props: { text: { $expr: 'state.a +' } } }]),
    ]);
    const error = (await compile(bad, { target: 'mp' }).catch((e: unknown) => e)) as CompileError;
    expect(error).toBeInstanceOf(CompileError);
    expect(error.issues[0]?.pointer).toMatch(/^\/pages\/0\/root\/children\/0\/props\/text/);
  });

  it('names an unknown target', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: an invalid target on purpose
    await expect(compile(app([page('home', [])]), { target: 'tv' as any })).rejects.toThrow(
      /unknown target "tv"/,
    );
  });

  it('converts px to rpx in styles unless turned off', async () => {
    const input = app([
      page('home', [
        { id: 't', component: 'Text', props: { text: 'x' }, style: { padding: 10, margin: '4px 2px' } },
      ]),
    ]);
    const rpx = await compile(input, { target: 'mp' });
    expect(rpx.files['pages/home/index.wxml']).toContain('style="padding:20rpx;margin:8rpx 4rpx"');
    const px = await compile(input, { target: 'mp', rpx: false });
    expect(px.files['pages/home/index.wxml']).toContain('style="padding:10px;margin:4px 2px"');
  });

  it('never puts user text into WXML as markup', async () => {
    const input = app([
      page('home', [{ id: 't', component: 'Text', props: { text: '</text><view bindtap="x">{{evil}}' } }]),
    ]);
    const { files } = await compile(input, { target: 'mp' });
    expect(files['pages/home/index.wxml']).not.toContain('evil');
    expect(files['pages/home/index.js']).toContain('{{evil}}');
  });

  it('moves pages into subpackages when the main package would pass 2 MB', async () => {
    const big = 'x'.repeat(450 * 1024);
    const pages = [page('home', [])];
    for (let i = 1; i <= 6; i++)
      pages.push(page(`p${i}`, [{ id: `t${i}`, component: 'Text', props: { text: big } }]));
    const result = await compile(app(pages), { target: 'mp' });
    const appJson = JSON.parse(result.files['app.json'] as string);
    expect(appJson.pages).toEqual(['pages/home/index']);
    expect(appJson.subPackages.length).toBeGreaterThan(1);
    for (const size of result.sizes) expect(size.bytes).toBeLessThanOrEqual(PACKAGE_BUDGET);
    const sub = appJson.subPackages[0];
    expect(result.files[`${sub.root}/${sub.pages[0]}.js`]).toContain('require("../../../common/runtime.js")');
  });
});

describe('compile with a server', () => {
  it('wires the SDK over wx.request into the shared chunk only when a server is given', async () => {
    const input = app([page('home', [])]);
    const plain = await compile(input, { target: 'mp', mode: 'development' });
    expect(plain.files['common/runtime.js']).not.toContain('https://apps.example.test');
    const wired = await compile(input, {
      target: 'mp',
      mode: 'development',
      serverUrl: 'https://apps.example.test',
    });
    expect(wired.files['common/runtime.js']).toContain('"https://apps.example.test"');
    expect(wired.files['common/runtime.js']).toMatch(/configureServices\(\(\) => sdkServices\(init\(/);
  });
});
