// Each page is loaded, on first visit, as its data file (beside the chunks, decision 180) together
// with the component modules it renders. The loaders live in one generated module,
// `tessera:pages`, bundled into the entry; the component modules are generated per app,
// `tessera:components/<module>`, each re-exporting only the components the app uses from one
// catalogue module, so esbuild makes one shared chunk per module and tree-shakes the rest.
//
// The component modules come from a quick walk of the schema, not from page generation, so esbuild
// can start on them at once: the entry imports `tessera:components`, which holds one loader per
// component module, while the pages are still being generated. The pages' loaders call those
// (each `import()` written once: esbuild asks the plugin to resolve every one it meets).
import { getComponent } from '@tessera/components';
import { webModules } from '@tessera/components/web';
import type { NodeSchema, PageSchema } from '@tessera/schema';
import type { DataFile } from './page';

export const PAGES_MODULE = 'tessera:pages';
export const COMPONENTS_MODULE = 'tessera:components';
export const componentsModuleId = (module: string) => `${COMPONENTS_MODULE}/${module}`;

const js = (value: unknown) => JSON.stringify(value);

/** The catalogue module of a component with a web implementation; undefined for any other name. */
export function webModuleOf(name: unknown): string | undefined {
  return typeof name === 'string' && Object.hasOwn(webModules, name) && getComponent(name)
    ? webModules[name]
    : undefined;
}

export interface AppComponents {
  /** The component modules each page loads, by page id. */
  modulesOf: Record<string, string[]>;
  /** Source of each component module by catalogue module name ('basic', 'form', …). */
  components: Record<string, string>;
  /** Source of `tessera:components`: `export const components = { <module>: () => import(…) }`. */
  hint: string;
}

/**
 * The components each page renders that have a web implementation, grouped by catalogue module.
 * Runs before validation, so it takes whatever shape it finds.
 */
export function appComponents(pages: readonly PageSchema[]): AppComponents {
  const used = new Map<string, Set<string>>();
  const modulesOf: Record<string, string[]> = {};
  for (const page of Array.isArray(pages) ? pages : []) {
    if (typeof page?.id !== 'string') continue;
    const modules = new Set<string>();
    const visit = (node: NodeSchema | undefined) => {
      if (node === null || typeof node !== 'object') return;
      const name = node.component;
      const module = webModuleOf(name);
      if (module) {
        modules.add(module);
        const names = used.get(module) ?? new Set<string>();
        used.set(module, names.add(name));
      }
      if (Array.isArray(node.children)) for (const child of node.children) visit(child);
      if (node.slots && typeof node.slots === 'object')
        for (const list of Object.values(node.slots))
          if (Array.isArray(list)) for (const child of list) visit(child);
    };
    visit(page.root);
    modulesOf[page.id] = [...modules].sort();
  }
  const components: Record<string, string> = {};
  for (const [module, names] of [...used].sort(([a], [b]) => a.localeCompare(b)))
    components[module] =
      `export { ${[...names].sort().join(', ')} } from '@tessera/components/web/${module}';\n`;
  const loaders = Object.keys(components).map(
    (module) => `  ${js(module)}: () => import(${js(componentsModuleId(module))}),`,
  );
  return { modulesOf, components, hint: ['export const components = {', ...loaders, '};', ''].join('\n') };
}

/** Source of `tessera:pages`: `export const pages = { <id>: pageLoader(…) }`. */
export function generatePagesModule(
  data: Record<string, DataFile>,
  modulesOf: Record<string, string[]>,
): string {
  const loaders = Object.entries(data).map(([id, file]) => {
    const imports = [
      `import(${js(`./${file.file}`)})`,
      ...(modulesOf[id] ?? []).map((module) => `components[${js(module)}]()`),
    ];
    return `  ${js(id)}: pageLoader(() => [${imports.join(', ')}]),`;
  });
  return [
    `import { pageLoader } from '@tessera/runtime-web/page-data';`,
    `import { components } from '${COMPONENTS_MODULE}';`,
    'export const pages = {',
    ...loaders,
    '};',
    '',
  ].join('\n');
}
