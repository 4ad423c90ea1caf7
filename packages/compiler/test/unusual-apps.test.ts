// "The compiler never crashes on a valid but unusual schema": apps generated from the catalogue
// (every component as the palette inserts it; every bindable prop bound to odd values; deep
// nesting; markup and mustaches in texts) compile for both targets, pass WeChat's compilers, and
// open in Chromium (strict CSP) and miniprogram-simulate without an error.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogue, getComponent } from '@tessera/components';
import { everySnippet } from '@tessera/components/every-snippet-app';
import { validateApp } from '@tessera/schema';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../src/index';
import { launchBrowser } from './browser';
import { runMpFixture } from './mp-simulator';
import { runWebFixture } from './web-runner';
import { checkWithWechatCompilers } from './wechat-check';

/** Values an expression may give a prop of any type: the components must show something sane. */
const ODD_VALUES: Record<string, unknown> = {
  null: null,
  markup: '</view><script>window.__pwned=1</script>{{state.odd}}<img src=x onerror="window.__pwned=2">',
  huge: 1e21,
  negative: -7.5,
  object: { a: { b: [1, 2] } },
  list: [{ id: 1, title: 'one' }, null, 'three'],
  empty: '',
};

type Node = Record<string, unknown> & {
  component: string;
  children?: Node[];
  slots?: Record<string, Node[]>;
};

/** The node with every bindable prop of its component (and its descendants') bound to `expr`. */
function bound(node: Node, expr: string): Node {
  const meta = getComponent(node.component);
  const props: Record<string, unknown> = { ...(node.props as Record<string, unknown> | undefined) };
  for (const [name, prop] of Object.entries(meta?.props ?? {}))
    if (prop && prop.bindable !== false) props[name] = { $expr: expr };
  const out: Node = { ...node, props };
  if (node.children) out.children = node.children.map((child) => bound(child, expr));
  if (node.slots)
    out.slots = Object.fromEntries(
      Object.entries(node.slots).map(([slot, list]) => [slot, list.map((child) => bound(child, expr))]),
    );
  return out;
}

/** Containers inside containers, `depth` deep, a Text at the bottom. */
function deep(depth: number): Node {
  let node: Node = { id: 'deep_text', component: 'Text', props: { text: 'bottom' } };
  for (let i = depth; i > 0; i--) node = { id: `deep_${i}`, component: 'Container', children: [node] };
  return node;
}

const marker = (page: string): Node => ({ id: `${page}_ready`, component: 'Text', props: { text: 'ready' } });
/**
 * What Chromium may log: a failed lookup of the snippets' sample image hosts (no network here);
 * the markup string used as an image URL is a relative URL the test server answers 404; and the
 * refused handler in DOMPurify's inert copy (see below). Nothing else may fail.
 */
const expectedLog = [
  /net::ERR_NAME_NOT_RESOLVED/,
  /the server responded with a status of 404/,
  /^Executing inline event handler violates the following Content Security Policy/,
];

function unusualApp() {
  const pages = [
    {
      id: 'home',
      path: '/',
      title: '</title><script>alert(1)</script> 「办事」 {{x}}',
      root: {
        id: 'home_root',
        component: 'Page',
        children: [marker('home'), ...everySnippet('home_'), deep(40)],
      },
    },
    { id: 'empty', path: '/empty', title: 'Empty', root: { id: 'empty_ready', component: 'Page' } },
    ...Object.entries(ODD_VALUES).map(([kind, value]) => ({
      id: `odd_${kind}`,
      path: `/odd/${kind}`,
      title: { $expr: 'state.odd' },
      state: { odd: { type: 'any', initial: value } },
      root: {
        id: `odd_${kind}_root`,
        component: 'Page',
        children: [
          marker(`odd_${kind}`),
          ...(everySnippet(`odd_${kind}_`) as Node[]).map((n) => bound(n, 'state.odd')),
        ],
      },
    })),
  ];
  return {
    schemaVersion: 2,
    id: 'unusual',
    name: 'Unusual 异常',
    locales: { default: 'zh-CN', supported: ['zh-CN', 'en'] },
    pages,
    navigation: { home: 'home' },
  };
}

const app = unusualApp();
const pageIds = app.pages.map((page) => page.id);
const dirs: string[] = [];
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** A conformance fixture folder that opens `page` and finds its marker text. */
async function fixtureFor(page: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-unusual-'));
  dirs.push(dir);
  await writeFile(join(dir, 'app.json'), JSON.stringify(app));
  const steps: unknown[] = [
    page === 'empty' ? { expectVisible: ['empty_ready', true] } : { expectText: [`${page}_ready`, 'ready'] },
  ];
  if (page === 'home') steps.push({ expectText: ['deep_text', 'bottom'] });
  await writeFile(join(dir, 'script.json'), JSON.stringify({ description: page, page, steps }));
  return dir;
}

describe('unusual but valid apps', () => {
  it('are valid (so what follows tests the compiler, not the generator)', () => {
    expect(validateApp(app, { catalogue }).errors).toEqual([]);
  });

  it("compile for the mini-program, and WeChat's wcc / wcsc accept every file", async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'tessera-unusual-mp-'));
    dirs.push(outDir);
    await compile(app, { target: 'mp', outDir });
    expect(await checkWithWechatCompilers(outDir)).toEqual([]);
  });

  it.each(pageIds)('page %s opens in miniprogram-simulate', async (page) => {
    const run = await runMpFixture(await fixtureFor(page));
    expect(run.maxSetData).toBeLessThan(64 * 1024);
  });

  it.each(pageIds)('page %s opens in Chromium under the strict CSP, no errors', async (page) => {
    const problems = await runWebFixture(browser, await fixtureFor(page), async (opened) => {
      expect(await opened.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    });
    // Chromium reports the handler in DOMPurify's inert DOMParser copy as refused (cure53/DOMPurify#107,
    // #900): nothing ran (checked above), and no other kind of violation may appear.
    expect(problems.csp.filter((violation) => !violation.startsWith('script-src-attr'))).toEqual([]);
    expect(problems.errors.filter((text) => !expectedLog.some((known) => known.test(text)))).toEqual([]);
  });
});
