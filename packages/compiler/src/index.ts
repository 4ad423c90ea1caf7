// @tessera/compiler: AppSchema → web | mini-program | app output.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { compileApp } from './app/index';
import { assertValid, checkedApp, migratedApp } from './checked-app';
import { CompileError } from './errors';
import { compileMp, type PackageSize } from './mp/index';
import { compileWeb } from './web/index';

export { checkedApp } from './checked-app';
export { CompileError } from './errors';
export { PACKAGE_BUDGET, type PackageSize } from './mp/index';
export { type WatchOptions, type WatchUpdate, type WebWatcher, watch } from './watch';

export type Target = 'web' | 'mp' | 'app';

export interface CompileOptions {
  target: Target;
  /** Folder to write into (emptied first); omit to get the files in memory only. */
  outDir?: string;
  mode?: 'development' | 'production';
  /** mp: convert px lengths in node styles to rpx. Default true. */
  rpx?: boolean;
  /** Locale for static texts (tab bar, titles); default the app's default locale. */
  locale?: string;
  /** Server the built app talks to (SDK base URL); without it cloud calls fail with a clear message. */
  serverUrl?: string;
  /** web: URL path the app is served from, e.g. '/sites/<appId>/' (asset URLs and routes live under it). Default '/'. */
  basePath?: string;
}

export interface CompileResult {
  target: Target;
  /** Output files by relative path. */
  files: Record<string, string>;
  warnings: string[];
  sizes: PackageSize[];
}

/** Validates (after migrating) and compiles an app; a schema problem throws CompileError with pointers. */
export async function compile(input: unknown, options: CompileOptions): Promise<CompileResult> {
  let result: CompileResult;
  switch (options.target) {
    case 'mp': {
      const app = checkedApp(input);
      const output = await compileMp(app, {
        mode: options.mode ?? 'production',
        rpx: options.rpx ?? true,
        ...(options.locale ? { locale: options.locale } : {}),
        ...(options.serverUrl ? { serverUrl: options.serverUrl } : {}),
      });
      result = { target: 'mp', ...output };
      break;
    }
    case 'web':
    case 'app': {
      // The web build validates while esbuild starts on the runtime (see compileWeb's `check`).
      const app = options.target === 'web' ? migratedApp(input) : checkedApp(input);
      const build = options.target === 'web' ? compileWeb : compileApp;
      const output = await build(app, {
        ...(options.target === 'web' ? { check: () => assertValid(app) } : {}),
        mode: options.mode ?? 'production',
        ...(options.locale ? { locale: options.locale } : {}),
        ...(options.serverUrl ? { serverUrl: options.serverUrl } : {}),
        ...(options.basePath && options.target === 'web' ? { base: normalBase(options.basePath) } : {}),
      });
      result = { target: options.target, files: output.files, warnings: output.warnings, sizes: [] };
      break;
    }
    default:
      throw new CompileError([
        { pointer: '', message: `unknown target "${String(options.target)}" (use web, mp or app)` },
      ]);
  }
  if (options.outDir) await writeOutput(options.outDir, result.files);
  return result;
}

/** '/sites/x' or 'sites/x/' → '/sites/x/' (asset URLs are `${base}assets/...`). */
function normalBase(basePath: string): string {
  const trimmed = basePath.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

export async function writeOutput(outDir: string, files: Record<string, string>): Promise<void> {
  await rm(outDir, { recursive: true, force: true });
  for (const [path, text] of Object.entries(files)) {
    const target = join(outDir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
  }
}
