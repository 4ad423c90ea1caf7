import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { bundleFunction } from '../src/bundle';
import type { FunctionBundle } from '../src/types';

/** A temp folder for function sources; `remove()` after the tests. */
export function functionWorkspace() {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-fn-'));
  let n = 0;
  return {
    dir,
    /** Writes `files` (path → source) into a new function folder and bundles it. */
    async bundle(files: Record<string, string> | string): Promise<FunctionBundle> {
      const folder = join(dir, `fn${n++}`);
      const sources = typeof files === 'string' ? { 'index.js': files } : files;
      for (const [path, source] of Object.entries(sources)) {
        mkdirSync(dirname(join(folder, path)), { recursive: true });
        writeFileSync(join(folder, path), source);
      }
      return bundleFunction({ source: folder });
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
