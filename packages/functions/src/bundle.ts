import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import type { FunctionBundle } from './types';

export const SDK_MODULE = '@tessera/function-sdk';
const guestDir = join(import.meta.dirname, 'guest');
const builtins = new Set(builtinModules);

export interface BundleOptions {
  /** The function: a file, or a folder with index.ts / index.js (or `entry`). */
  source: string;
  /** Entry file inside the folder, from the manifest. */
  entry?: string;
  /** npm packages the function may import (from the manifest); anything else is refused. */
  dependencies?: Record<string, string>;
  /** Where those packages are installed. */
  nodeModulesDir?: string;
}

export interface BundleProblem {
  /** Path relative to the function folder. */
  file: string;
  line: number;
  column: number;
  message: string;
}

export class BundleError extends Error {
  constructor(readonly errors: BundleProblem[]) {
    super(errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('\n'));
    this.name = 'BundleError';
  }
}

function findEntry(source: string, entry?: string): { dir: string; file: string } {
  const path = resolve(source);
  if (!existsSync(path))
    throw new BundleError([{ file: source, line: 0, column: 0, message: 'no such file or folder' }]);
  if (statSync(path).isFile()) return { dir: dirname(path), file: path };
  const candidates = entry ? [entry] : ['index.ts', 'index.js', 'index.mjs', 'index.cjs'];
  for (const candidate of candidates) {
    const file = resolve(path, candidate);
    if (!relative(path, file).startsWith('..') && existsSync(file)) return { dir: path, file };
  }
  throw new BundleError([
    {
      file: source,
      line: 0,
      column: 0,
      message: `no entry file: expected ${candidates.join(' or ')} in the function folder`,
    },
  ]);
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Bundles a function with the sandbox runtime and SDK into one script, with a source map. Throws BundleError. */
export async function bundleFunction(options: BundleOptions): Promise<FunctionBundle> {
  const { dir, file } = findEntry(options.source, options.entry);
  const allowed = new Set(Object.keys(options.dependencies ?? {}));
  const guard: esbuild.Plugin = {
    name: 'tessera-function',
    setup(build) {
      build.onResolve({ filter: /^tessera-entry$/ }, () => ({ path: 'entry', namespace: 'tessera-entry' }));
      build.onLoad({ filter: /.*/, namespace: 'tessera-entry' }, () => ({
        // The runtime and globals load first so the function's own top-level code can use console, db...
        contents: [
          `import { startFunction } from ${JSON.stringify(join(guestDir, 'runtime.ts'))};`,
          `import ${JSON.stringify(join(guestDir, 'globals.ts'))};`,
          `import * as userModule from ${JSON.stringify(file)};`,
          'startFunction(userModule);',
        ].join('\n'),
        resolveDir: dir,
        loader: 'js',
      }));
      build.onResolve({ filter: /^@tessera\/function-sdk$/ }, () => ({ path: join(guestDir, 'sdk.ts') }));
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.kind === 'entry-point' || args.path.startsWith('/')) return undefined;
        const name = packageName(args.path);
        if (args.path.startsWith('node:') || builtins.has(name)) {
          return {
            errors: [
              {
                text: `Node built-in "${args.path}" is not available in functions; use the db, storage and fetch capabilities`,
              },
            ],
          };
        }
        if (!allowed.has(name)) {
          return { errors: [{ text: `package "${name}" is not listed in the function's dependencies` }] };
        }
        return undefined;
      });
    },
  };
  let result: esbuild.BuildResult<{ write: false }>;
  try {
    result = await esbuild.build({
      entryPoints: ['tessera-entry'],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'neutral',
      target: 'es2022',
      mainFields: ['module', 'main'],
      conditions: ['import', 'default'],
      outfile: join(dir, 'function.js'),
      absWorkingDir: dir,
      nodePaths: options.nodeModulesDir ? [resolve(options.nodeModulesDir)] : [],
      sourcemap: 'external',
      sourcesContent: true,
      charset: 'utf8',
      legalComments: 'none',
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"production"' },
      plugins: [guard],
    });
  } catch (error) {
    const failure = error as esbuild.BuildFailure;
    if (!Array.isArray(failure.errors)) throw error;
    throw new BundleError(
      failure.errors.map((message) => ({
        file: message.location ? relative(dir, resolve(dir, message.location.file)) : relative(dir, file),
        line: message.location?.line ?? 0,
        column: (message.location?.column ?? -1) + 1,
        message: message.text,
      })),
    );
  }
  const code = result.outputFiles.find((out) => out.path.endsWith('.js'))?.text ?? '';
  const map = result.outputFiles.find((out) => out.path.endsWith('.map'))?.text ?? '';
  const hash = createHash('sha256').update(code).digest('hex');
  return { code, map, hash, sizeBytes: Buffer.byteLength(code) };
}
