import { fileURLToPath } from 'node:url';
import { webStyles } from '@tessera/components/web';
import type { AppSchema } from '@tessera/schema';
import * as esbuild from 'esbuild';
import { CompileError } from '../errors';
import { contentHash } from './content-hash';
import { codeModuleId, DATA_FILES, generateEntry } from './entry';
import { indexHtml } from './html';
import { type DataFile, generateWebPage, type WebPage } from './page';
import { CompiledExpressions } from './page-data';
import {
  type AppComponents,
  appComponents,
  COMPONENTS_MODULE,
  componentsModuleId,
  generatePagesModule,
  PAGES_MODULE,
} from './pages-module';
import { themeCss } from './theme';

export type { DataFile } from './page';

export interface WebOptions {
  mode: 'development' | 'production';
  locale?: string;
  /** URL path the app is served from (default '/'). */
  base?: string;
  /** Test builds: record navigations, toasts and state on `globalThis.__tessera` instead of navigating. */
  inspect?: boolean;
  /** The app target: the web manifest to link and the service worker to register (relative to base). */
  manifest?: string;
  serviceWorker?: string;
  /** Server the app talks to through @tessera/sdk ('/' = the origin serving the app); without it cloud calls fail clearly. */
  serverUrl?: string;
  /** Extra script files index.html loads (URLs, e.g. the live preview's reload script); never inline. */
  scripts?: string[];
  /**
   * Validates the app (throws CompileError) while esbuild already parses the runtime: called once
   * the pages are generated. Without it the app must be valid already.
   */
  check?: () => void;
}

export interface WebOutput {
  files: Record<string, string>;
  warnings: string[];
  /** Output JS file names by what loads them: the entry and each page (with the chunks they import). */
  chunks: { entry: string[]; pages: Record<string, string[]> };
  /** esbuild's metafile, for size reports (`esbuild.analyzeMetafile`). */
  metafile: esbuild.Metafile;
}

/** Generated sources of every virtual module (also what the code-generation fixtures compare). */
export type WebSources = ReturnType<typeof generateWebSources>;

/**
 * A page's generated data, remembered with the page JSON it came from: watch mode regenerates
 * only the pages whose JSON changed (the pointer prefix depends on the index, so it is part of the key).
 */
export type PageCache = Map<string, { key: string; page: WebPage }>;

export function generateWebSources(
  app: AppSchema,
  options: { inspect?: boolean; serviceWorker?: string; base?: string; serverUrl?: string } = {},
  cache?: PageCache,
) {
  const pages: Record<string, WebPage> = {};
  const warnings: string[] = [];
  /** Pages generated now rather than taken from the cache. */
  const generated: string[] = [];
  const expressions = new CompiledExpressions();
  for (const [index, page] of app.pages.entries()) {
    const key = cache ? `${index}\u0000${JSON.stringify(page)}` : '';
    let entry = cache?.get(page.id);
    if (!entry || entry.key !== key) {
      entry = { key, page: generateWebPage(page, index, expressions) };
      cache?.set(page.id, entry);
      generated.push(page.id);
    }
    pages[page.id] = entry.page;
    warnings.push(...entry.page.warnings);
  }
  if (cache) for (const id of cache.keys()) if (!(id in pages)) cache.delete(id);
  const components = appComponents(app.pages);
  return {
    entry: webEntry(app, options),
    ...components,
    ...pagesOutput(pages, components),
    warnings,
    generated,
  };
}

/** The pages' loaders module and data files. */
function pagesOutput(pages: Record<string, WebPage>, components: AppComponents) {
  const data: Record<string, DataFile> = {};
  for (const [id, page] of Object.entries(pages)) data[id] = page.data;
  return { pages: generatePagesModule(data, components.modulesOf), data };
}

/** Generated pages as the chunk map sees them: each page's data file and component modules. */
export interface PageFiles {
  data: Record<string, DataFile>;
  modulesOf: Record<string, string[]>;
}

function webEntry(app: AppSchema, options: Parameters<typeof generateWebSources>[1] = {}): string {
  const serviceWorker = options.serviceWorker ? `${options.base ?? '/'}${options.serviceWorker}` : undefined;
  return generateEntry(app, {
    inspect: options.inspect === true,
    ...(serviceWorker ? { serviceWorker } : {}),
    ...(options.serverUrl ? { serverUrl: options.serverUrl } : {}),
    ...(options.base && options.base !== '/' ? { base: options.base } : {}),
  });
}

/** What the virtual-module plugin serves: the entry, the pages' loaders and the app's component modules. */
export interface ModuleSources {
  entry: string;
  /** The loaders: in a full build, once every page is generated. */
  pages(): string | Promise<string>;
  components(module: string): string | undefined;
  /** `tessera:components`, naming every component module. */
  hint: string;
}

const resolveDir = fileURLToPath(new URL('.', import.meta.url));

/** esbuild options of a web build; `plugin` serves the generated modules. */
export function webBuildOptions(mode: WebOptions['mode'], plugin: esbuild.Plugin) {
  const production = mode !== 'development';
  return {
    entryPoints: { app: 'tessera:entry' },
    bundle: true,
    write: false,
    outdir: '/assets',
    format: 'esm',
    splitting: true,
    minify: production,
    sourcemap: false,
    target: 'es2020',
    platform: 'browser',
    // Page data modules (`./tessera-data-…`) are files beside the chunks, never bundled (decision 180).
    external: [`./${DATA_FILES}*`],
    metafile: true,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
    logLevel: 'silent',
    plugins: [plugin],
  } satisfies esbuild.BuildOptions;
}

/** AppSchema → a static web app: index.html, hashed CSS, the pages' data files and esbuild's split, minified ES modules. */
export async function compileWeb(app: AppSchema, options: WebOptions): Promise<WebOutput> {
  // The pages are generated when esbuild asks for their loaders, just after the entry, and
  // validated once they are out: this thread's work overlaps esbuild parsing the runtime,
  // components and React (its own process).
  const sources = lazyWebSources(app, options);
  let result: esbuild.BuildResult<{ write: false; metafile: true }>;
  try {
    result = await esbuild.build(
      webBuildOptions(
        options.mode,
        virtualModules(() => ({ app, sources })),
      ),
    );
  } catch (error) {
    throw sources.failure() ?? bundlingError(error);
  }
  const failure = sources.failure();
  if (failure) throw failure;
  const pages = sources.output();
  const dataFiles: Record<string, string> = {};
  for (const data of Object.values(pages.data)) dataFiles[`assets/${data.file}`] = data.text;
  return webOutput(app, options, result, sources.warnings, { ...pages, ...sources.app }, dataFiles);
}

/** Pages generated per turn of the event loop, between esbuild's other requests. */
const PAGES_PER_TURN = 4;

/**
 * The entry and the component modules now (from a quick walk of the schema); the pages are
 * generated when esbuild asks for their loaders, a few at a time so that esbuild's other requests
 * are answered in between. The deferred validation (`options.check`) runs once they are out,
 * while esbuild parses and links, so neither waits for the other; its problems take precedence
 * over anything generation tripped over (an invalid app can break generation anywhere).
 */
function lazyWebSources(app: AppSchema, options: WebOptions) {
  const warnings: string[] = [];
  let failure: CompileError | undefined;
  /** What generation threw on an app not validated yet; reported only if the app is valid. */
  let generationError: unknown;
  let checked = !options.check;
  const check = () => {
    if (checked) return;
    checked = true;
    try {
      options.check?.();
    } catch (error) {
      if (error instanceof CompileError) failure = error;
      else generationError = error; // a bug in validation: reported as it is
    }
  };
  let entry: string;
  let components: AppComponents;
  try {
    entry = webEntry(app, options);
    components = appComponents(app.pages);
  } catch (error) {
    check();
    throw failure ?? error;
  }
  const pages: Record<string, WebPage> = {};
  const expressions = new CompiledExpressions();
  let next = 0;
  /** Generates up to `count` more pages; the first failure ends generation. */
  const generateSome = (count: number) => {
    try {
      for (const end = Math.min(next + count, app.pages.length); next < end; next++) {
        const page = app.pages[next] as AppSchema['pages'][number];
        const generated = generateWebPage(page, next, expressions);
        pages[page.id] = generated;
        warnings.push(...generated.warnings);
      }
    } catch (error) {
      if (error instanceof CompileError) failure ??= error;
      else generationError ??= error;
      next = app.pages.length;
    }
  };
  let output: ReturnType<typeof pagesOutput> | undefined;
  /** Every page generated (the rest now, if any are left). */
  const finished = () => {
    if (!output) {
      generateSome(Number.POSITIVE_INFINITY);
      output = pagesOutput(pages, components);
      setImmediate(check);
    }
    return output;
  };
  let loaders: Promise<string> | undefined;
  return {
    entry,
    hint: components.hint,
    components: (module: string) => components.components[module],
    pages: () => {
      loaders ??= new Promise<string>((done) => {
        const turn = () => {
          generateSome(PAGES_PER_TURN);
          if (next < app.pages.length) setImmediate(turn);
          else done(finished().pages);
        };
        turn();
      });
      return loaders;
    },
    output: finished,
    app: components,
    warnings,
    failure: () => {
      check();
      if (failure) return failure;
      if (generationError) throw generationError;
      return undefined;
    },
  };
}

/** esbuild's failure as a CompileError, pointing at the code block that broke the bundle if one did. */
export function bundlingError(error: unknown): CompileError {
  const failure = error as { errors?: esbuild.Message[] };
  return new CompileError(
    (failure.errors ?? [{ text: String(error) } as esbuild.Message]).map((message) => ({
      pointer: pointerOf(message.location?.file ?? ''),
      message: `bundling failed: ${message.text}`,
    })),
  );
}

/** The output files of a finished bundle: its chunks, the theme stylesheet and index.html. */
export function webOutput(
  app: AppSchema,
  options: WebOptions,
  result: esbuild.BuildResult<{ write: false; metafile: true }>,
  warnings: string[],
  pages: PageFiles,
  /** Files built separately that the bundle imports (the pages' data; watch mode's shared modules). */
  extraFiles: Record<string, string> = {},
  /** Watch mode: the prebuilt file (under assets/) of a component module kept out of the bundle. */
  prebuiltModule?: (module: string) => string | undefined,
): WebOutput {
  const locale = options.locale ?? app.locales.default;
  const base = options.base ?? '/';
  const files: Record<string, string> = { ...extraFiles };
  for (const file of result.outputFiles) files[`assets/${file.path.split('/assets/')[1]}`] = file.text;
  const css = `${themeCss(app.theme)}\n${webStyles}`;
  const cssFile = `assets/app-${hash(css)}.css`;
  files[cssFile] = css;
  const chunks = chunkMap(result.metafile, pages, prebuiltModule);
  const entry = chunks.entry[0] as string;
  const home = chunks.pages[app.navigation.home] ?? [];
  files['index.html'] = indexHtml(app, {
    locale,
    base,
    entry,
    css: cssFile,
    preload: [...chunks.entry.slice(1), ...home].filter((file, i, all) => all.indexOf(file) === i),
    ...(options.manifest ? { manifest: options.manifest } : {}),
    ...(options.scripts ? { scripts: options.scripts } : {}),
  });
  return { files, warnings, chunks, metafile: result.metafile };
}

/** Serves the generated modules; `current` is read on every load, so a watcher can swap the app. */
export function virtualModules(current: () => { app: AppSchema; sources: ModuleSources }): esbuild.Plugin {
  return {
    name: 'tessera-virtual',
    setup(build) {
      build.onResolve({ filter: /^tessera:/ }, (args) => ({ path: args.path, namespace: 'tessera' }));
      build.onLoad({ filter: /.*/, namespace: 'tessera' }, async (args) => {
        const { app, sources } = current();
        if (args.path === 'tessera:entry') return { contents: sources.entry, loader: 'js', resolveDir };
        if (args.path === PAGES_MODULE) return { contents: await sources.pages(), loader: 'js', resolveDir };
        if (args.path === COMPONENTS_MODULE) return { contents: sources.hint, loader: 'js', resolveDir };
        const module = args.path.slice(componentsModuleId('').length);
        const contents = args.path === componentsModuleId(module) ? sources.components(module) : undefined;
        if (contents !== undefined) return { contents, loader: 'js', resolveDir };
        const block = args.path.slice('tessera:code/'.length);
        const code = app.codeBlocks?.[block];
        if (args.path === codeModuleId(block) && code)
          return { contents: code.source, loader: code.language === 'js' ? 'js' : 'ts', resolveDir };
        return { errors: [{ text: `no generated module named ${args.path}` }] };
      });
    },
  };
}

/**
 * Which output files the entry needs (its own file first, then imported chunks) and each page
 * (its data file, then its component modules' chunks).
 */
function chunkMap(
  metafile: esbuild.Metafile,
  generated: PageFiles,
  prebuiltModule: (module: string) => string | undefined = () => undefined,
): WebOutput['chunks'] {
  const byInput = new Map<string, string>();
  // Entry points of the virtual namespace are reported as `tessera:<path>`.
  for (const [file, output] of Object.entries(metafile.outputs))
    if (output.entryPoint) byInput.set(output.entryPoint.replace(/^tessera:(?=tessera:)/, ''), file);
  const closure = (file: string) => {
    const seen: string[] = [];
    const visit = (name: string) => {
      if (seen.includes(name)) return;
      seen.push(name);
      for (const imported of metafile.outputs[name]?.imports ?? []) {
        if (imported.kind !== 'import-statement') continue;
        // Watch mode's prebuilt shared modules: listed, but their own imports are not in this metafile.
        if (imported.external) {
          if (imported.path.startsWith('./') && !seen.includes(imported.path)) seen.push(imported.path);
        } else visit(imported.path);
      }
    };
    visit(file);
    return seen.map((name) =>
      name.startsWith('./') ? `assets/${name.slice(2)}` : `assets/${name.split('/assets/')[1] ?? name}`,
    );
  };
  const pages: Record<string, string[]> = {};
  for (const [id, data] of Object.entries(generated.data)) {
    const files = [`assets/${data.file}`];
    for (const module of generated.modulesOf[id] ?? []) {
      const file = byInput.get(componentsModuleId(module));
      const found = file ? closure(file) : [prebuiltModule(module)];
      for (const name of found) if (name && !files.includes(name)) files.push(name);
    }
    pages[id] = files;
  }
  const entryFile = byInput.get('tessera:entry');
  return { entry: entryFile ? closure(entryFile) : [], pages };
}

function pointerOf(location: string): string {
  // esbuild names a virtual module `<namespace>:<path>`, here `tessera:tessera:…`.
  const file = location.replace(/^tessera:(?=tessera:)/, '');
  if (file.startsWith('tessera:code/')) return `/codeBlocks/${file.slice('tessera:code/'.length)}/source`;
  return '';
}

const hash = contentHash;
