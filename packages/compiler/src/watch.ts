// Watch mode for the editor's live preview (docs/decisions/130-watch-mode.md): the shared modules
// (React, runtimes, components) are bundled once per process; each page module is emitted as its
// own file and regenerated only when its schema changed; a long-lived esbuild context rebuilds
// the small entry (app descriptor, code blocks, SDK) on every update.
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { webModules } from '@tessera/components/web';
import type { AppSchema } from '@tessera/schema';
import * as esbuild from 'esbuild';
import { checkedApp } from './checked-app';
import { CompileError } from './errors';
import {
  bundlingError,
  generateWebSources,
  type ModuleSources,
  type PageCache,
  virtualModules,
  type WebOptions,
  webBuildOptions,
  webOutput,
} from './web/index';

export interface WatchOptions extends Partial<Omit<WebOptions, 'manifest' | 'serviceWorker'>> {
  /** Only the web target has a watch mode (the editor's live preview is a web page). */
  target: 'web';
}

export interface WatchUpdate {
  /** Every output file after this build, by relative path. */
  files: Record<string, string>;
  /** Output files that are new or whose content changed since the previous build. */
  changed: string[];
  /** Output files of the previous build that are gone. */
  removed: string[];
  /** Page ids whose module was regenerated (all of them on the first build). */
  pages: string[];
  warnings: string[];
  /** Wall time of this update: validation, generation and bundling. */
  ms: number;
}

export interface WebWatcher {
  /** The output of the last successful build. */
  readonly files: Record<string, string>;
  /**
   * Builds a new version of the app. A schema or bundling problem throws CompileError with
   * pointers and leaves the watcher (and `files`) as they were, ready for the next update.
   */
  update(app: unknown): Promise<WatchUpdate>;
  /** Stops the esbuild context; the watcher cannot be used afterwards. */
  dispose(): Promise<void>;
}

/**
 * Builds `app` for the web and keeps the build alive for fast rebuilds. Problems of the first
 * build throw CompileError (nothing is kept running then).
 */
export async function watch(
  app: unknown,
  options: WatchOptions,
): Promise<WebWatcher & { first: WatchUpdate }> {
  if (options.target !== 'web')
    throw new CompileError([
      { pointer: '', message: `watch mode builds the web target only, not "${String(options.target)}"` },
    ]);
  const web: WebOptions = { ...options, mode: options.mode ?? 'development' };
  const shared = await sharedModules(web.mode);
  const cache: PageCache = new Map();
  /** Emitted page files by page id, with the generated code they were made from. */
  const pageFiles = new Map<string, { code: string; file: string; text: string }>();
  let current: { app: AppSchema; sources: ModuleSources } | undefined;
  let files: Record<string, string> = {};
  let disposed = false;

  const build = webBuildOptions(
    web.mode,
    virtualModules(() => {
      if (!current) throw new Error('the watcher has no app yet');
      return current;
    }),
  );
  const context = await esbuild.context({
    ...build,
    plugins: [
      externalModules((specifier) => {
        if (specifier.startsWith('tessera:page/'))
          return pageFiles.get(specifier.slice('tessera:page/'.length))?.file;
        return shared.byModule.get(specifier);
      }),
      ...build.plugins,
    ],
  });

  const rebuild = async (input: unknown): Promise<WatchUpdate> => {
    if (disposed) throw new Error('this watcher was disposed');
    const started = performance.now();
    const app = checkedApp(input);
    // The cache only ever holds modules that generated cleanly, so a failure here leaves it usable.
    const sources = generateWebSources(app, web, cache);
    const pages: Record<string, string> = {};
    for (const [id, code] of Object.entries(sources.pages)) {
      let emitted = pageFiles.get(id);
      if (emitted?.code !== code) {
        emitted = await pageFile(id, code, shared.byModule, web.mode);
        pageFiles.set(id, emitted);
      }
      pages[`assets/${emitted.file}`] = emitted.text;
    }
    for (const id of pageFiles.keys()) if (!(id in sources.pages)) pageFiles.delete(id);
    const previous = current;
    current = { app, sources: { entry: sources.entry, page: (id) => sources.pages[id] } };
    let result: esbuild.BuildResult<{ write: false; metafile: true }>;
    try {
      result = (await context.rebuild()) as esbuild.BuildResult<{ write: false; metafile: true }>;
    } catch (error) {
      current = previous;
      throw bundlingError(app, error);
    }
    const output = webOutput(app, web, result, sources.warnings, { ...shared.files, ...pages });
    const changed = Object.keys(output.files).filter((path) => files[path] !== output.files[path]);
    const removed = Object.keys(files).filter((path) => !(path in output.files));
    files = output.files;
    return {
      files,
      changed,
      removed,
      pages: sources.generated,
      warnings: sources.warnings,
      ms: Math.round((performance.now() - started) * 10) / 10,
    };
  };

  // Updates run one after another: each one's `changed` compares with the build before it.
  let queue: Promise<unknown> = Promise.resolve();
  const update = (input: unknown): Promise<WatchUpdate> => {
    const next = queue.then(() => rebuild(input));
    queue = next.catch(() => undefined);
    return next;
  };

  let first: WatchUpdate;
  try {
    first = await update(app);
  } catch (error) {
    disposed = true;
    await context.dispose();
    throw error;
  }
  return {
    first,
    get files() {
      return files;
    },
    update,
    async dispose() {
      if (disposed) return;
      disposed = true;
      await queue;
      await context.dispose();
    },
  };
}

/**
 * A page module as a file of its own: its imports point at the shared files beside it, so no
 * bundling is needed; production mode minifies it alone.
 */
async function pageFile(
  pageId: string,
  code: string,
  byModule: Map<string, string>,
  mode: WebOptions['mode'],
): Promise<{ code: string; file: string; text: string }> {
  // Generated page modules import only shared modules, one `import … from '…';` line each.
  let text = code.replace(/^(import [^\n]* from )'([^']+)';$/gm, (_line, head: string, specifier: string) => {
    const file = byModule.get(specifier);
    if (!file) throw new Error(`page module ${pageId} imports ${specifier}, which is not a shared module`);
    return `${head}'./${file}';`;
  });
  if (mode !== 'development')
    text = (await esbuild.transform(text, { loader: 'js', minify: true, target: 'es2020', format: 'esm' }))
      .code;
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 8).toUpperCase();
  return { code, file: `page-${pageId}-${hash}.js`, text };
}

/** Module specifiers resolved to files beside the entry in assets/ (left as imports, not bundled). */
function externalModules(fileOf: (specifier: string) => string | undefined): esbuild.Plugin {
  return {
    name: 'tessera-external',
    setup(build) {
      build.onResolve({ filter: /^(@tessera\/|tessera:page\/)/ }, (args) => {
        const file = fileOf(args.path);
        return file ? { path: `./${file}`, external: true } : undefined;
      });
    },
  };
}

/**
 * The modules generated code imports (runtime, components, expression helpers, SDK), bundled
 * once per process and mode so that an app's rebuild never re-bundles React.
 */
interface SharedModules {
  /** Output file (relative to assets/) by module specifier. */
  byModule: Map<string, string>;
  files: Record<string, string>;
}

const SHARED_MODULES = [
  '@tessera/expr/runtime',
  '@tessera/runtime-web',
  '@tessera/runtime-web/page-data',
  '@tessera/runtime-core',
  '@tessera/sdk',
  ...[...new Set([...Object.values(webModules), 'index'])].map(
    (module) => `@tessera/components/web/${module}`,
  ),
];

const builtShared = new Map<string, Promise<SharedModules>>();
const resolveDir = fileURLToPath(new URL('.', import.meta.url));

function sharedModules(mode: WebOptions['mode']): Promise<SharedModules> {
  let built = builtShared.get(mode);
  if (!built) {
    built = buildShared(mode);
    builtShared.set(mode, built);
    built.catch(() => builtShared.delete(mode));
  }
  return built;
}

async function buildShared(mode: WebOptions['mode']): Promise<SharedModules> {
  const entryName = (module: string) => `shared-${module.replace(/^@tessera\//, '').replace(/\W+/g, '-')}`;
  const plugin: esbuild.Plugin = {
    name: 'tessera-shared',
    setup(build) {
      build.onResolve({ filter: /^shared:/ }, (args) => ({ path: args.path, namespace: 'shared' }));
      build.onLoad({ filter: /.*/, namespace: 'shared' }, (args) => ({
        contents: `export * from ${JSON.stringify(args.path.slice('shared:'.length))};\n`,
        loader: 'js',
        resolveDir,
      }));
    },
  };
  const result = await esbuild.build({
    ...webBuildOptions(mode, plugin),
    entryPoints: Object.fromEntries(SHARED_MODULES.map((module) => [entryName(module), `shared:${module}`])),
  });
  const byModule = new Map<string, string>();
  const files: Record<string, string> = {};
  for (const file of result.outputFiles) files[`assets/${file.path.split('/assets/')[1]}`] = file.text;
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    const module = output.entryPoint?.replace(/^shared:(shared:)?/, '');
    if (module) byModule.set(module, file.split('/assets/')[1] as string);
  }
  return { byModule, files };
}
