import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { strToU8, type Zippable, zip } from 'fflate';

/** `<dataDir>/publish/<appId>/<publishId>/`: `web/` (the hosted files), `mp.zip`, `app.zip`. */
export function publishDir(dataDir: string, appId: string, publishId: string): string {
  return path.join(dataDir, 'publish', appId, publishId);
}

export const webDir = (dir: string) => path.join(dir, 'web');
export const zipPath = (dir: string, target: 'mp' | 'app') => path.join(dir, `${target}.zip`);

/** Writes output files (relative paths from the compiler) under `root`, never outside it. */
export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  const resolvedRoot = path.resolve(root);
  for (const [name, text] of Object.entries(files)) {
    const target = path.resolve(resolvedRoot, name);
    if (!target.startsWith(resolvedRoot + path.sep))
      throw new Error(`the compiler produced a file outside its output: ${name}`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
  }
}

/** Zips output files at the zip's root, as the project folder (fflate's async zip works off the main thread). */
export function zipFiles(files: Record<string, string>): Promise<Uint8Array> {
  const tree: Zippable = {};
  for (const [name, text] of Object.entries(files)) tree[name] = strToU8(text);
  return new Promise((resolve, reject) => {
    zip(tree, { level: 6 }, (error, data) => (error ? reject(error) : resolve(data)));
  });
}

export async function removePublishDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Total bytes of output files (UTF-8). */
export function totalBytes(files: Record<string, string>): number {
  let bytes = 0;
  for (const text of Object.values(files)) bytes += Buffer.byteLength(text);
  return bytes;
}
