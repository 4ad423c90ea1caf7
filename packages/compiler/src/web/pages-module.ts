// Each page is loaded, on first visit, as its data module (a file beside the chunks, decision 180)
// together with the component modules it renders. The loaders live in one generated module,
// `tessera:pages`, bundled into the entry; the component modules are generated per app,
// `tessera:components/<module>`, each re-exporting only the components the app uses from one
// catalogue module, so esbuild makes one shared chunk per module and tree-shakes the rest.
import { webModules } from '@tessera/components/web';
import type { DataFile } from './page';

export const PAGES_MODULE = 'tessera:pages';
export const componentsModuleId = (module: string) => `tessera:components/${module}`;

const js = (value: unknown) => JSON.stringify(value);

/** What the loaders need of a generated page. */
export interface LoadedPage {
  data: DataFile;
  components: ReadonlySet<string>;
}

export interface PagesModule {
  /** Source of `tessera:pages`: `export const pages = { <id>: pageLoader(…) }`. */
  code: string;
  /** Source of each component module by catalogue module name ('basic', 'form', …). */
  components: Record<string, string>;
  /** The component modules each page loads, by page id. */
  modulesOf: Record<string, string[]>;
}

export function generatePagesModule(pages: Record<string, LoadedPage>): PagesModule {
  const used = new Map<string, Set<string>>();
  const modulesOf: Record<string, string[]> = {};
  for (const [id, page] of Object.entries(pages)) {
    const modules = new Set<string>();
    for (const name of page.components) {
      const module = webModules[name] ?? 'index';
      modules.add(module);
      const names = used.get(module) ?? new Set<string>();
      used.set(module, names.add(name));
    }
    modulesOf[id] = [...modules].sort();
  }
  const loaders = Object.entries(pages).map(([id, page]) => {
    const imports = [`./${page.data.file}`, ...(modulesOf[id] ?? []).map(componentsModuleId)];
    return `  ${js(id)}: pageLoader(() => [${imports.map((path) => `import(${js(path)})`).join(', ')}]),`;
  });
  const code = [
    `import { pageLoader } from '@tessera/runtime-web/page-data';`,
    'export const pages = {',
    ...loaders,
    '};',
    '',
  ].join('\n');
  const components: Record<string, string> = {};
  for (const [module, names] of [...used].sort(([a], [b]) => a.localeCompare(b)))
    components[module] =
      `export { ${[...names].sort().join(', ')} } from '@tessera/components/web/${module}';\n`;
  return { code, components, modulesOf };
}
