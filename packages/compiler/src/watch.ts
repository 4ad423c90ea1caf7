// Watch mode for the editor's live preview (docs/decisions/130-watch-mode.md): the shared modules
// (React, runtimes, components) are bundled once per process; each page's data file is
// regenerated only when its schema changed; a long-lived esbuild context rebuilds the small entry
// (app descriptor, the pages' loaders, code blocks, SDK) on every update.
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
import { componentsModuleId } from './web/pages-module';

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
  /** The prebuilt shared file of a component module (`tessera:components/<module>` → the whole catalogue module). */
  const componentFile = (module: string) => shared.byModule.get(`@tessera/components/web/${module}`);
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
      // Component modules are the whole prebuilt catalogue module: no per-app tree-shaking in a preview.
      externalModules((specifier) =>
        specifier.startsWith(componentsModuleId(''))
          ? componentFile(specifier.slice(componentsModuleId('').length))
          : shared.byModule.get(specifier),
      ),
      ...build.plugins,
    ],
  });

  const rebuild = async (input: unknown): Promise<WatchUpdate> => {
    if (disposed) throw new Error('this watcher was disposed');
    const started = performance.now();
    const app = checkedApp(input);
    // The cache only ever holds modules that generated cleanly, so a failure here leaves it usable.
    const sources = generateWebSources(app, web, cache);
    const dataFiles: Record<string, string> = {};
    for (const data of Object.values(sources.data)) dataFiles[`assets/${data.file}`] = data.text;
    const previous = current;
    current = {
      app,
      sources: {
        entry: sources.entry,
        pages: () => sources.pages,
        components: (module) => sources.components[module],
        hint: sources.hint,
      },
    };
    let result: esbuild.BuildResult<{ write: false; metafile: true }>;
    try {
      result = (await context.rebuild()) as esbuild.BuildResult<{ write: false; metafile: true }>;
    } catch (error) {
      current = previous;
      throw bundlingError(error);
    }
    const output = webOutput(
      app,
      web,
      result,
      sources.warnings,
      sources,
      { ...shared.files, ...dataFiles },
      (module) => {
        const file = componentFile(module);
        return file ? `assets/${file}` : undefined;
      },
    );
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

/** Module specifiers resolved to files beside the entry in assets/ (left as imports, not bundled). */
function externalModules(fileOf: (specifier: string) => string | undefined): esbuild.Plugin {
  return {
    name: 'tessera-external',
    setup(build) {
      build.onResolve({ filter: /^(@tessera\/|tessera:components\/)/ }, (args) => {
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
