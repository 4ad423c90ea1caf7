import { watch as watchFiles } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CompileError, compile, type Target, watch, writeOutput } from './index';

/** The CLI's output streams (same shape as @tessera/cli's CliIO). */
export interface BuildIO {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  cwd?: string;
  /** `--watch` runs until this aborts (or the process gets SIGINT / SIGTERM). */
  signal?: AbortSignal;
}

const TARGETS: Target[] = ['web', 'mp', 'app'];
export const BUILD_USAGE =
  'tessera build <app.json|dir> --target web|mp|app [--out DIR] [--mode production|development] [--no-rpx] [--server URL] [--base PATH] [--watch]';

/**
 * `tessera build`: compiles one app and writes the output folder. Exit codes: 0 built,
 * 1 the app has problems (each printed with its JSON pointer), 2 usage error.
 */
export async function buildCommand(args: string[], io: BuildIO): Promise<number> {
  const say = (text: string) => io.stdout.write(`${text}\n`);
  const fail = (text: string, code: number) => {
    io.stderr.write(`${text}\n`);
    return code;
  };
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    return fail(`${(error as Error).message}\nusage: ${BUILD_USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return fail(`name exactly one app\nusage: ${BUILD_USAGE}`, 2);
  // Watch mode exists for the web target only, so it is the default there.
  const target = (values.target ?? (values.watch ? 'web' : undefined)) as Target;
  if (values.watch && target !== 'web')
    return fail(`--watch builds the web target only\nusage: ${BUILD_USAGE}`, 2);
  if (!TARGETS.includes(target))
    return fail(`--target must be one of ${TARGETS.join(', ')}\nusage: ${BUILD_USAGE}`, 2);
  const mode = values.mode === 'development' ? 'development' : 'production';
  if (values.mode !== undefined && values.mode !== 'development' && values.mode !== 'production') {
    return fail(`--mode must be production or development\nusage: ${BUILD_USAGE}`, 2);
  }

  const cwd = io.cwd ?? process.cwd();
  let file = resolve(cwd, positionals[0] as string);
  if ((await stat(file).catch(() => undefined))?.isDirectory()) file = join(file, 'app.json');
  let app: unknown;
  try {
    app = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    return fail(
      `${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
      1,
    );
  }
  const outDir = resolve(cwd, values.out ?? join('dist', target));
  if (values.watch) return watchCommand(file, app, outDir, values, io);

  const started = performance.now();
  say(`building ${file} for ${target} (${mode})…`);
  // A progress line on long builds: esbuild reports nothing until it is done.
  const ticker = setInterval(
    () => say(`  still building… ${((performance.now() - started) / 1000).toFixed(0)} s`),
    2000,
  );
  try {
    const result = await compile(app, {
      target,
      outDir,
      mode,
      rpx: !values['no-rpx'],
      ...(values.server ? { serverUrl: values.server } : {}),
      ...(values.base ? { basePath: values.base } : {}),
    });
    for (const warning of result.warnings) io.stderr.write(`warning: ${warning}\n`);
    say(
      `wrote ${Object.keys(result.files).length} files to ${outDir} in ${Math.round(performance.now() - started)} ms`,
    );
    for (const size of result.sizes) {
      const share = ((size.bytes / size.budget) * 100).toFixed(1);
      say(
        `  package ${size.name.padEnd(8)} ${(size.bytes / 1024).toFixed(1).padStart(8)} KB  ${share}% of ${size.budget / 1024 / 1024} MB${size.over ? '  OVER BUDGET' : ''}`,
      );
    }
    return result.sizes.some((size) => size.over) ? 1 : 0;
  } catch (error) {
    if (error instanceof CompileError) {
      io.stderr.write(`${file}: the app cannot be built\n`);
      for (const issue of error.issues) io.stderr.write(`  ${issue.pointer || '/'}: ${issue.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    clearInterval(ticker);
  }
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      target: { type: 'string', short: 't' },
      out: { type: 'string', short: 'o' },
      mode: { type: 'string' },
      'no-rpx': { type: 'boolean', default: false },
      server: { type: 'string' },
      base: { type: 'string' },
      watch: { type: 'boolean', default: false },
    },
  });
}

/**
 * `tessera build --watch`: builds once, then rebuilds incrementally whenever the app file changes,
 * writing only the changed files and printing one status line per rebuild. Runs until stopped.
 */
async function watchCommand(
  file: string,
  first: unknown,
  outDir: string,
  values: ReturnType<typeof parse>['values'],
  io: BuildIO,
): Promise<number> {
  const say = (text: string) => io.stdout.write(`${text}\n`);
  const problems = (error: unknown) => {
    if (!(error instanceof CompileError)) throw error;
    const [head] = error.issues;
    say(
      `✗ ${time()} cannot build: ${head?.pointer || '/'}: ${head?.message}${error.issues.length > 1 ? ` (+${error.issues.length - 1} more)` : ''}`,
    );
    for (const issue of error.issues) io.stderr.write(`  ${issue.pointer || '/'}: ${issue.message}\n`);
  };
  const options = {
    target: 'web' as const,
    mode: values.mode === 'production' ? ('production' as const) : ('development' as const),
    ...(values.server ? { serverUrl: values.server } : {}),
    ...(values.base ? { base: `/${values.base.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/') } : {}),
  };
  say(`watching ${file} (web, ${options.mode}); writing to ${outDir}`);
  let watcher: Awaited<ReturnType<typeof watch>> | undefined;
  let pending: unknown = first;
  const build = async (app: unknown) => {
    if (!watcher) {
      watcher = await watch(app, options);
      await writeOutput(outDir, watcher.files);
      say(
        `✓ ${time()} built ${Object.keys(watcher.files).length} files in ${Math.round(watcher.first.ms)} ms`,
      );
      return;
    }
    const update = await watcher.update(app);
    for (const path of update.changed) {
      await mkdir(dirname(join(outDir, path)), { recursive: true });
      await writeFile(join(outDir, path), update.files[path] as string);
    }
    for (const path of update.removed) await rm(join(outDir, path), { force: true });
    const pages = update.pages.length > 0 ? ` (pages: ${update.pages.join(', ')})` : '';
    say(`✓ ${time()} rebuilt in ${Math.round(update.ms)} ms: ${update.changed.length} files changed${pages}`);
  };
  // The folder is watched, not the file: editors often save by replacing the file.
  const stopped = new AbortController();
  const stop = () => stopped.abort();
  io.signal?.addEventListener('abort', stop);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const changed = () => {
    clearTimeout(timer);
    // Several events arrive per save; build once they settle.
    timer = setTimeout(() => {
      running = running.then(async () => {
        try {
          pending = JSON.parse(await readFile(file, 'utf8'));
        } catch (error) {
          say(`✗ ${time()} ${basename(file)}: ${(error as Error).message}`);
          return;
        }
        await build(pending).catch(problems);
      });
    }, 30);
  };
  // Watch before the first build, so that a save made while it runs (or right after its status
  // line) is not missed; such a save builds again once the first build is done.
  let ready = false;
  let missed = false;
  const folder = watchFiles(dirname(file), { signal: stopped.signal }, (_event, name) => {
    if (name !== null && name !== basename(file)) return;
    if (ready) changed();
    else missed = true;
  });
  folder.on('error', () => undefined);
  try {
    await build(pending).catch(problems);
  } catch (error) {
    stop();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await watcher?.dispose();
    throw error;
  }
  ready = true;
  if (missed) changed();
  await new Promise<void>((done) => stopped.signal.addEventListener('abort', () => done()));
  clearTimeout(timer);
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  await running;
  await watcher?.dispose();
  say('stopped watching');
  return 0;
}

const time = () => new Date().toTimeString().slice(0, 8);
