import { dirname, relative } from 'node:path';
import { build, type Plugin } from 'esbuild';

export interface BundleInput {
  /** Output path without `.js` (e.g. `pages/home/index`) → generated module source. */
  pages: Record<string, string>;
  /** Source of the shared module (`common/runtime.js`). */
  common: string;
  /** Code blocks: name → { source, language }. */
  codeBlocks: Record<string, { source: string; language: 'js' | 'ts' }>;
  minify: boolean;
  resolveDir: string;
}

/** Bundles the shared runtime chunk and every page to CommonJS; pages `require` the chunk. */
export async function bundleMp(input: BundleInput): Promise<Record<string, string>> {
  const plugin: Plugin = {
    name: 'tessera-mp',
    setup(b) {
      b.onResolve({ filter: /^tessera:/ }, (args) => {
        if (args.path === 'tessera:common' && args.kind !== 'entry-point') {
          const from = dirname(args.importer.replace(/^tessera:page\//, ''));
          return { path: `${relative(from, 'common/runtime.js').replace(/\\/g, '/')}`, external: true };
        }
        return { path: args.path, namespace: 'tessera' };
      });
      b.onLoad({ filter: /.*/, namespace: 'tessera' }, (args) => {
        if (args.path === 'tessera:common')
          return { contents: input.common, loader: 'js', resolveDir: input.resolveDir };
        if (args.path.startsWith('tessera:page/')) {
          const contents = input.pages[args.path.slice('tessera:page/'.length)];
          return { contents: contents ?? '', loader: 'js', resolveDir: input.resolveDir };
        }
        if (args.path.startsWith('tessera:code/')) {
          const block = input.codeBlocks[args.path.slice('tessera:code/'.length)];
          return {
            contents: block?.source ?? '',
            loader: block?.language === 'ts' ? 'ts' : 'js',
            resolveDir: input.resolveDir,
          };
        }
        return undefined;
      });
    },
  };
  const entryPoints: Record<string, string> = { 'common/runtime': 'tessera:common' };
  for (const path of Object.keys(input.pages)) entryPoints[path] = `tessera:page/${path}`;
  const result = await build({
    entryPoints,
    bundle: true,
    format: 'cjs',
    platform: 'neutral',
    target: 'es2017',
    outdir: '/',
    write: false,
    minify: input.minify,
    legalComments: 'none',
    plugins: [plugin],
    logLevel: 'silent',
    mainFields: ['module', 'main'],
  });
  const files: Record<string, string> = {};
  for (const file of result.outputFiles) files[file.path.replace(/^\//, '')] = file.text;
  return files;
}
