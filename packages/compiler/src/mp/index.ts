import { fileURLToPath } from 'node:url';
import type { AppSchema, PageSchema } from '@tessera/schema';
import { BASE_ROOTS, compileValue, isI18n } from '../values';
import { appJson, appWxss, layoutPages, localText, type PageLayout, projectConfig } from './app-files';
import { bundleMp } from './bundle';
import { type GeneratedPage, generatePage } from './page';

export const PACKAGE_BUDGET = 2 * 1024 * 1024;

export interface MpOptions {
  mode: 'development' | 'production';
  rpx: boolean;
  locale?: string;
  /** Address of the Tessera server the app talks to (cloud functions, database, storage). */
  serverUrl?: string;
}

export interface PackageSize {
  name: string;
  bytes: number;
  budget: number;
  over: boolean;
}

export interface MpOutput {
  files: Record<string, string>;
  warnings: string[];
  sizes: PackageSize[];
}

const resolveDir = fileURLToPath(new URL('.', import.meta.url));

/** AppSchema → mini-program project files (paths relative to the output folder). */
export async function compileMp(app: AppSchema, options: MpOptions): Promise<MpOutput> {
  const locale = options.locale ?? app.locales.default;
  const generated = new Map<string, GeneratedPage>();
  app.pages.forEach((page, index) => {
    generated.set(page.id, generatePage(page, index, { rpx: options.rpx, locale }));
  });

  let layout = layoutPages(app);
  let output = await emit(app, generated, layout, options, locale);
  let sizes = measure(output, layout);
  if (sizes.some((size) => size.over) && app.pages.length > 1) {
    // Move pages out of the main package, filling subpackages up to the budget.
    const pageSizes: Record<string, number> = {};
    for (const page of app.pages) {
      const route = layout.routes[page.id]?.slice(1) ?? '';
      pageSizes[page.id] = Object.entries(output)
        .filter(([path]) => path.startsWith(`${route}.`))
        .reduce((sum, [, text]) => sum + Buffer.byteLength(text), 0);
    }
    layout = layoutPages(app, { sizes: pageSizes, budget: PACKAGE_BUDGET * 0.9 });
    output = await emit(app, generated, layout, options, locale);
    sizes = measure(output, layout);
  }
  const warnings = [...generated.values()].flatMap((page) => page.warnings);
  for (const size of sizes)
    if (size.over)
      warnings.push(`package "${size.name}" is ${size.bytes} bytes, over the ${size.budget}-byte budget`);
  output['size-report.json'] = `${JSON.stringify({ packages: sizes }, null, 2)}\n`;
  return { files: output, warnings, sizes };
}

async function emit(
  app: AppSchema,
  generated: Map<string, GeneratedPage>,
  layout: PageLayout,
  options: MpOptions,
  locale: string,
): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const used = new Set<string>();
  const pageModules: Record<string, string> = {};
  for (const [index, page] of app.pages.entries()) {
    const gen = generated.get(page.id) as GeneratedPage;
    for (const name of gen.components) used.add(name);
    const base = (layout.routes[page.id] ?? '').slice(1);
    files[`${base}.wxml`] = gen.wxml;
    files[`${base}.wxss`] = '';
    files[`${base}.json`] = `${JSON.stringify(pageJson(page, locale), null, 2)}\n`;
    pageModules[base] = pageModule(page, index, gen);
  }
  const bundled = await bundleMp({
    pages: pageModules,
    common: commonModule(app, layout, options.serverUrl, locale),
    codeBlocks: Object.fromEntries(
      Object.entries(app.codeBlocks ?? {}).map(([name, block]) => [
        name,
        { source: block?.source ?? '', language: block?.language ?? 'js' },
      ]),
    ),
    minify: options.mode === 'production',
    resolveDir,
  });
  Object.assign(files, bundled);
  files['app.js'] = "require('./common/runtime.js');\nApp({});\n";
  files['app.json'] = `${JSON.stringify(appJson(app, locale, layout), null, 2)}\n`;
  files['app.wxss'] = appWxss(app, used);
  files['project.config.json'] = `${JSON.stringify(projectConfig(app, locale), null, 2)}\n`;
  files['sitemap.json'] = `${JSON.stringify({ rules: [{ action: 'allow', page: '*' }] }, null, 2)}\n`;
  return files;
}

function pageJson(page: PageSchema, locale: string): Record<string, unknown> {
  const json: Record<string, unknown> = { usingComponents: {} };
  const title = localText(page.title, locale);
  if (title) json.navigationBarTitleText = title;
  if (page.root.props?.enablePullDownRefresh === true || page.events?.pullDownRefresh)
    json.enablePullDownRefresh = true;
  return json;
}

function pageModule(page: PageSchema, index: number, gen: GeneratedPage): string {
  const at = `/pages/${index}`;
  const state = compileValue(page.state ?? {}, BASE_ROOTS, `${at}/state`).code;
  const queries = compileValue(page.queries ?? {}, BASE_ROOTS, `${at}/queries`).code;
  const events = compileValue(page.events ?? {}, BASE_ROOTS, `${at}/events`).code;
  // A static title is in the page's .json; only a bound one is kept for the runtime.
  const title =
    typeof page.title === 'string' ? 'undefined' : compileValue(page.title, BASE_ROOTS, `${at}/title`).code;
  return [
    "import { app, definePage, rt } from 'tessera:common';",
    '',
    `const page = { id: ${JSON.stringify(page.id)}, path: ${JSON.stringify(page.path)}, state: ${state}, queries: ${queries}, events: ${events}, forms: ${gen.formsCode}, title: ${title} };`,
    `const view = ${gen.viewCode};`,
    `const handlers = ${gen.handlersCode};`,
    '',
    'definePage(app, page, view, handlers);',
    '',
  ].join('\n');
}

function commonModule(
  app: AppSchema,
  layout: PageLayout,
  serverUrl: string | undefined,
  locale: string,
): string {
  const blocks = Object.keys(app.codeBlocks ?? {});
  const imports = blocks.map(
    (name, i) => `import * as code${i} from ${JSON.stringify(`tessera:code/${name}`)};`,
  );
  const code = blocks.map((name, i) => `${JSON.stringify(name)}: code${i}`).join(', ');
  const pages = Object.fromEntries(app.pages.map((page) => [page.id, { path: page.path }]));
  const routes = { pages: layout.routes, tabs: app.navigation.tabBar?.items.map((item) => item.page) ?? [] };
  // i18n tab texts go to the runtime too: a locale switch rewrites them with wx.setTabBarItem. So
  // does an i18n app name: the title of pages without one.
  const tabTexts = app.navigation.tabBar?.items.map((item) => item.text) ?? [];
  const switchable = tabTexts.some((text) => isI18n(text));
  return [
    "import * as rt from '@tessera/expr/runtime';",
    "import { activity, configureServices, definePage, getAppRuntime, resetApp, setDataStats } from '@tessera/runtime-mp';",
    ...imports,
    '',
    `const descriptor = { id: ${JSON.stringify(app.id)}, locales: ${JSON.stringify(app.locales)}, home: ${JSON.stringify(app.navigation.home)}, pages: ${JSON.stringify(pages)}, state: ${compileValue(app.state ?? {}, BASE_ROOTS, '/state').code}, queries: ${compileValue(app.queries ?? {}, BASE_ROOTS, '/queries').code}, code: { ${code} } };`,
    `export const app = { descriptor, routes: ${JSON.stringify(routes)}, locale: ${JSON.stringify(locale)}${switchable ? `, tabTexts: ${JSON.stringify(tabTexts)}` : ''}${isI18n(app.name) ? `, name: ${JSON.stringify(app.name)}` : ''} };`,
    'export { activity, configureServices, definePage, getAppRuntime, resetApp, rt, setDataStats };',
    ...(serverUrl
      ? [
          "import { init } from '@tessera/sdk';",
          "import { sdkServices } from '@tessera/runtime-core';",
          "import { wxHttp } from '@tessera/runtime-mp';",
          `configureServices(() => sdkServices(init({ appId: descriptor.id, baseUrl: ${JSON.stringify(serverUrl)}, wx }), { http: wxHttp(wx) }));`,
        ]
      : []),
    '',
  ].join('\n');
}

function measure(files: Record<string, string>, layout: PageLayout): PackageSize[] {
  const roots = layout.subpackages.map((sub) => sub.root);
  const totals = new Map<string, number>([['main', 0], ...roots.map((root): [string, number] => [root, 0])]);
  for (const [path, text] of Object.entries(files)) {
    const root = roots.find((entry) => path.startsWith(`${entry}/`)) ?? 'main';
    totals.set(root, (totals.get(root) ?? 0) + Buffer.byteLength(text));
  }
  return [...totals].map(([name, bytes]) => ({
    name,
    bytes,
    budget: PACKAGE_BUDGET,
    over: bytes > PACKAGE_BUDGET,
  }));
}
