import { mkdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';

const editorRoot = path.resolve(import.meta.dirname, '..');
const repoRoot = path.resolve(editorRoot, '../..');

/** Where `tessera start` and the tests keep the built editor unless told otherwise. */
export const DEFAULT_EDITOR_DIR = path.join(editorRoot, 'dist');

export interface BuildEditorOptions {
  outDir?: string;
  /** Minify (default true): the served editor is the production one. */
  minify?: boolean;
}

/** Files the editor's bundle was built from, with their modification times, to tell staleness. */
interface BuildStamp {
  inputs: Record<string, number>;
}

const STAMP = 'build-stamp.json';

/**
 * Bundles the editor (React UI, monaco and its workers) into `outDir`: index.html, main-<hash>.js,
 * main-<hash>.css, fonts, and the monaco workers at fixed names (`editor.worker.js`, `ts.worker.js`)
 * that `src/app/monaco-env.ts` points at.
 */
export async function buildEditor(options: BuildEditorOptions = {}): Promise<{ outDir: string; ms: number }> {
  const outDir = options.outDir ?? DEFAULT_EDITOR_DIR;
  const minify = options.minify ?? true;
  const started = performance.now();
  const staging = `${outDir}.staging-${process.pid}-${Date.now()}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(path.join(staging, 'assets'), { recursive: true });

  const common = {
    bundle: true,
    minify,
    sourcemap: minify ? false : ('linked' as const),
    target: ['chrome110', 'safari16', 'firefox115'],
    logLevel: 'silent' as const,
    metafile: true,
    define: { 'process.env.NODE_ENV': minify ? '"production"' : '"development"' },
  };
  const main = await build({
    ...common,
    entryPoints: { main: path.join(editorRoot, 'src/app/main.tsx') },
    outdir: path.join(staging, 'assets'),
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    format: 'esm',
    splitting: true,
    chunkNames: 'chunk-[hash]',
    jsx: 'automatic',
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file', '.png': 'file' },
  });
  const monaco = path.join(editorRoot, 'node_modules/monaco-editor/esm/vs');
  const workers = await build({
    ...common,
    entryPoints: {
      'editor.worker': path.join(monaco, 'editor/editor.worker.js'),
      'ts.worker': path.join(monaco, 'language/typescript/ts.worker.js'),
    },
    outdir: path.join(staging, 'assets'),
    format: 'iife',
  });

  const outputs = Object.keys(main.metafile?.outputs ?? {}).map((file) => path.basename(file));
  const script = outputs.find((name) => /^main-.*\.js$/.test(name));
  const style = outputs.find((name) => /^main-.*\.css$/.test(name));
  if (!script) throw new Error('editor build produced no main script');
  await writeFile(path.join(staging, 'index.html'), indexHtml(script, style));

  const inputs: Record<string, number> = {};
  for (const file of [
    ...Object.keys(main.metafile?.inputs ?? {}),
    ...Object.keys(workers.metafile?.inputs ?? {}),
  ]) {
    const absolute = path.resolve(process.cwd(), file);
    if (absolute.includes(`${path.sep}node_modules${path.sep}`)) continue;
    inputs[path.relative(repoRoot, absolute)] = (await stat(absolute)).mtimeMs;
  }
  await writeFile(path.join(staging, STAMP), JSON.stringify({ inputs } satisfies BuildStamp));

  // Swap in the new build whole, so a server reading the old one never sees a half-written folder.
  const old = `${outDir}.old-${process.pid}-${Date.now()}`;
  await rename(outDir, old).catch(() => undefined);
  await rename(staging, outDir);
  await rm(old, { recursive: true, force: true });
  return { outDir, ms: Math.round(performance.now() - started) };
}

function indexHtml(script: string, style: string | undefined): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tessera</title>
${style ? `<link rel="stylesheet" href="/assets/${style}">\n` : ''}</head>
<body>
<div id="root"></div>
<script type="module" src="/assets/${script}"></script>
</body>
</html>
`;
}

/** True when `outDir` holds a build whose every input file is unchanged since. */
export async function isEditorBuildFresh(outDir: string = DEFAULT_EDITOR_DIR): Promise<boolean> {
  let stamp: BuildStamp;
  try {
    stamp = JSON.parse(await readFile(path.join(outDir, STAMP), 'utf8')) as BuildStamp;
  } catch {
    return false;
  }
  for (const [file, mtime] of Object.entries(stamp.inputs)) {
    try {
      if ((await stat(path.join(repoRoot, file))).mtimeMs !== mtime) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * Builds the editor unless a fresh build is there. Safe when several processes call it at once
 * (parallel test files, two `tessera start`s): one builds, the others wait for it.
 */
export async function ensureEditorBuilt(
  options: BuildEditorOptions & { onBuild?: () => void } = {},
): Promise<string> {
  const outDir = options.outDir ?? DEFAULT_EDITOR_DIR;
  if (await isEditorBuildFresh(outDir)) return outDir;
  const lock = `${outDir}.lock`;
  await mkdir(path.dirname(outDir), { recursive: true });
  for (const deadline = Date.now() + 180_000; ; ) {
    try {
      await mkdir(lock);
      break;
    } catch {
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > 300_000) await rmdir(lock).catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`timed out waiting for the editor build lock ${lock}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    if (!(await isEditorBuildFresh(outDir))) {
      options.onBuild?.();
      await buildEditor(options);
    }
  } finally {
    await rmdir(lock).catch(() => undefined);
  }
  return outDir;
}
