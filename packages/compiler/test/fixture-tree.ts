import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Every file under `dir` by its relative path; empty when the folder does not exist yet. */
export async function readTree(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  try {
    for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
      if (entry.isFile()) {
        const path = join(entry.parentPath, entry.name);
        files[relative(dir, path)] = await readFile(path, 'utf8');
      }
    }
  } catch {
    // no expected output yet
  }
  return files;
}
