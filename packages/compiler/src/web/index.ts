import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { webStyles } from '@tessera/components/web';
import type { AppSchema } from '@tessera/schema';
import * as esbuild from 'esbuild';
import { CompileError } from '../errors';
import { codeModuleId, generateEntry, pageModuleId } from './entry';
import { indexHtml } from './html';
import { generateWebPage } from './page';
import { themeCss } from './theme';

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
   * Validates the app (throws CompileError) while esbuild already parses the runtime: called
   * before the first page is generated. Without it the app must be valid already.
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
 * A page's generated module, remembered with the page JSON it came from: watch mode regenerates
 * only the pages whose JSON changed (the pointer prefix depends on the index, so it is part of the key).
 */
export type PageCache = Map<string, { key: string; code: string; warnings: string[] }>;

export function generateWebSources(
  app: AppSchema,
  options: { inspect?: boolean; serviceWorker?: string; base?: string; serverUrl?: string } = {},
  cache?: PageCache,
) {
  const pages: Record<string, string> = {};
  const warnings: string[] = [];
  /** Pages whose module was generated now rather than taken from the cache. */
  const generated: string[] = [];
  for (const [index, page] of app.pages.entries()) {
    const key = cache ? `${index}\u0000${JSON.stringify(page)}` : '';
    let entry = cache?.get(page.id);
    if (!entry || entry.key !== key) {
      const module = generateWebPage(page, index);
      entry = { key, code: module.code, warnings: module.warnings };
      cache?.set(page.id, entry);
      generated.push(page.id);
    }
    pages[page.id] = entry.code;
    warnings.push(...entry.warnings);
  }
  if (cache) for (const id of cache.keys()) if (!(id in pages)) cache.delete(id);
  return { entry: webEntry(app, options), pages, warnings, generated };
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

/** What the virtual-module plugin serves: the entry and each page module by page id. */
export interface ModuleSources {
  entry: string;
  page(id: string): string | undefined;
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
    metafile: true,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
    logLevel: 'silent',
    plugins: [plugin],
  } satisfies esbuild.BuildOptions;
}

/** AppSchema → a static web app: index.html, hashed CSS, and esbuild's split, minified ES modules. */
export async function compileWeb(app: AppSchema, options: WebOptions): Promise<WebOutput> {
  // Pages are generated when esbuild asks for them, after the entry, and validated once all are
  // out: this thread's work overlaps esbuild parsing the runtime, components and React (its own process).
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
    throw sources.failure() ?? bundlingError(app, error);
  }
  const failure = sources.failure();
  if (failure) throw failure;
  return webOutput(app, options, result, sources.warnings);
}

/**
 * The entry now, and each page module generated on first request. The deferred validation
 * (`options.check`) runs once every page has been handed to esbuild, while esbuild parses and
 * links them, so neither waits for the other; its problems take precedence over anything
 * generation tripped over (an invalid app can break generation anywhere).
 */
function lazyWebSources(app: AppSchema, options: WebOptions) {
  const generated = new Map<string, string>();
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
  let indexOf: Map<string, number>;
  try {
    entry = webEntry(app, options);
    indexOf = new Map(app.pages.map((page, index) => [page.id, index]));
  } catch (error) {
    check();
    throw failure ?? error;
  }
  const page = (id: string): string | undefined => {
    const index = indexOf.get(id);
    if (index === undefined) return undefined;
    let code = generated.get(id);
    if (code === undefined) {
      try {
        const module = generateWebPage(app.pages[index] as AppSchema['pages'][number], index);
        code = module.code;
        warnings.push(...module.warnings);
      } catch (error) {
        if (error instanceof CompileError) failure ??= error;
        else generationError ??= error;
        code = '';
      }
      generated.set(id, code);
      // The last page is out: validate after this answer has gone to esbuild.
      if (generated.size === indexOf.size) setImmediate(check);
    }
    return code;
  };
  return {
    entry,
    page,
    warnings,
    failure: () => {
      check();
      if (failure) return failure;
      if (generationError) throw generationError;
      return undefined;
    },
  };
}

/** esbuild's failure as a CompileError pointing at the page or code block that broke the bundle. */
export function bundlingError(app: AppSchema, error: unknown): CompileError {
  const failure = error as { errors?: esbuild.Message[] };
  return new CompileError(
    (failure.errors ?? [{ text: String(error) } as esbuild.Message]).map((message) => ({
      pointer: pointerOf(app, message.location?.file ?? ''),
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
  /** Files built separately that the bundle imports (watch mode's shared modules). */
  extraFiles: Record<string, string> = {},
): WebOutput {
  const locale = options.locale ?? app.locales.default;
  const base = options.base ?? '/';
  const files: Record<string, string> = { ...extraFiles };
  for (const file of result.outputFiles) files[`assets/${file.path.split('/assets/')[1]}`] = file.text;
  const css = `${themeCss(app.theme)}\n${webStyles}`;
  const cssFile = `assets/app-${hash(css)}.css`;
  files[cssFile] = css;
  const chunks = chunkMap(result.metafile);
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
      build.onLoad({ filter: /.*/, namespace: 'tessera' }, (args) => {
        const { app, sources } = current();
        if (args.path === 'tessera:entry') return { contents: sources.entry, loader: 'js', resolveDir };
        const page = args.path.slice('tessera:page/'.length);
        const contents = args.path === pageModuleId(page) ? sources.page(page) : undefined;
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

/** Which output files the entry and each page need (their own file first, then imported chunks). */
function chunkMap(metafile: esbuild.Metafile): WebOutput['chunks'] {
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
  for (const [input, file] of byInput)
    if (input.startsWith('tessera:page/')) pages[input.slice('tessera:page/'.length)] = closure(file);
  const entryFile = byInput.get('tessera:entry');
  return { entry: entryFile ? closure(entryFile) : [], pages };
}

function pointerOf(app: AppSchema, location: string): string {
  // esbuild names a virtual module `<namespace>:<path>`, here `tessera:tessera:…`.
  const file = location.replace(/^tessera:(?=tessera:)/, '');
  if (file.startsWith('tessera:code/')) return `/codeBlocks/${file.slice('tessera:code/'.length)}/source`;
  if (file.startsWith('tessera:page/')) {
    const index = app.pages.findIndex((page) => page.id === file.slice('tessera:page/'.length));
    return index >= 0 ? `/pages/${index}` : '';
  }
  return '';
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8).toUpperCase();
