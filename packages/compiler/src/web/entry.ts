import type { AppSchema } from '@tessera/schema';
import { BASE_ROOTS, compileValue } from '../values';
import { COMPONENTS_MODULE, PAGES_MODULE } from './pages-module';

const js = (value: unknown) => JSON.stringify(value ?? null);

/** Virtual module name of a code block. */
export const codeModuleId = (block: string) => `tessera:code/${block}`;
/** File name prefix of the pages' data modules: files beside the chunks, outside the bundle (decision 180). */
export const DATA_FILES = 'tessera-data-';

/**
 * The entry module: the app descriptor, each page's loader (from `tessera:pages`, generated with
 * the pages; see pages-module.ts), code blocks, and the call that mounts the app.
 */
export function generateEntry(
  app: AppSchema,
  options: { inspect: boolean; serviceWorker?: string; serverUrl?: string; base?: string },
): string {
  const blocks = Object.keys(app.codeBlocks ?? {});
  // '/' means the server that serves the app itself.
  const baseUrl = options.serverUrl === '/' ? 'location.origin' : js(options.serverUrl);
  const services = options.serverUrl
    ? [
        "import { init } from '@tessera/sdk';",
        "import { sdkServices } from '@tessera/runtime-core';",
        `const services = sdkServices(init({ appId: ${js(app.id)}, baseUrl: ${baseUrl} }));`,
      ]
    : [];
  const startOptions = [
    options.inspect ? 'inspect: true' : '',
    options.serverUrl ? 'services' : '',
    options.base ? `base: ${js(options.base)}` : '',
  ].filter(Boolean);
  const imports = blocks.map((name, i) => `import * as code${i} from ${js(codeModuleId(name))};`);
  const state = compileValue(app.state ?? {}, BASE_ROOTS, '/state').code;
  const queries = compileValue(app.queries ?? {}, BASE_ROOTS, '/queries').code;
  const pages = app.pages.map(
    (page) => `${js(page.id)}: { path: ${js(page.path)}, load: loaders[${js(page.id)}] }`,
  );
  const tabBar = app.navigation.tabBar as
    | { items?: { page: string; text: unknown; icon?: string }[] }
    | undefined;
  const tabs = tabBar?.items?.length
    ? `{ items: [${tabBar.items.map((item, i) => `{ page: ${js(item.page)}, text: ${compileValue(item.text, BASE_ROOTS, `/navigation/tabBar/items/${i}/text`).code} }`).join(', ')}] }`
    : 'undefined';
  const descriptor = [
    `id: ${js(app.id)}`,
    `locales: ${js(app.locales)}`,
    `state: ${state}`,
    `queries: ${queries}`,
    `pages: { ${app.pages.map((page) => `${js(page.id)}: { path: ${js(page.path)} }`).join(', ')} }`,
    `home: ${js(app.navigation.home)}`,
    `code: { ${blocks.map((name, i) => `${js(name)}: code${i}`).join(', ')} }`,
  ];
  return [
    `import * as rt from '@tessera/expr/runtime';`,
    `import { startApp } from '@tessera/runtime-web';`,
    `import { pages as loaders } from '${PAGES_MODULE}';`,
    // Names the component modules so esbuild starts on them while the pages are generated.
    `import '${COMPONENTS_MODULE}';`,
    ...imports,
    ...services,
    `const entry = { app: { ${descriptor.join(', ')} }, name: ${compileValue(app.name, BASE_ROOTS, '/name').code}, pages: { ${pages.join(', ')} }, tabBar: ${tabs} };`,
    `startApp(entry, document.getElementById('app')${startOptions.length > 0 ? `, { ${startOptions.join(', ')} }` : ''});`,
    // Registered from the bundle, not an inline script, so the strict CSP holds.
    options.serviceWorker
      ? `if ('serviceWorker' in navigator) navigator.serviceWorker.register(${js(options.serviceWorker)});`
      : '',
    '',
  ].join('\n');
}
