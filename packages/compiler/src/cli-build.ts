import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CompileError, compile, type Target } from './index';

/** The CLI's output streams (same shape as @tessera/cli's CliIO). */
export interface BuildIO {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  cwd?: string;
}

const TARGETS: Target[] = ['web', 'mp', 'app'];
export const BUILD_USAGE =
  'tessera build <app.json|dir> --target web|mp|app [--out DIR] [--mode production|development] [--no-rpx] [--server URL]';

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
  const target = values.target as Target;
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
    },
  });
}
