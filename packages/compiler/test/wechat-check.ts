import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

const require = createRequire(import.meta.url);

async function listFiles(dir: string, ext: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(ext))
      out.push(relative(dir, join(entry.parentPath, entry.name)));
  }
  return out.sort();
}

function run(
  binary: string,
  args: string[],
  cwd: string,
): Promise<{ code: number; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    execFile(binary, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/**
 * Runs WeChat's own `wcc` (WXML) and `wcsc` (WXSS) from npm `miniprogram-compiler` on every
 * file of a built mini-program; returns the problems as `file:line:col: message` (empty = all accepted).
 */
export async function checkWithWechatCompilers(outDir: string): Promise<string[]> {
  const packageDir = dirname(require.resolve('miniprogram-compiler/package.json'));
  // The npm tarball ships the binaries without the executable bit: run copies.
  const bin = await mkdtemp(join(tmpdir(), 'tessera-wcc-'));
  try {
    for (const name of ['wcc', 'wcsc']) {
      await copyFile(join(packageDir, 'bin', 'linux', name), join(bin, name));
      await chmod(join(bin, name), 0o755);
    }
    const problems: string[] = [];
    for (const file of await listFiles(outDir, '.wxml')) {
      const result = await run(join(bin, 'wcc'), ['-d', '-cc', '0', file, '-gn', '$gwx'], outDir);
      if (result.code !== 0)
        problems.push(result.stderr.trim() || `${file}:1:1: wcc exited with ${result.code}`);
    }
    for (const file of await listFiles(outDir, '.wxss')) {
      const result = await run(join(bin, 'wcsc'), ['-db', '-pc', '0', file], outDir);
      if (result.code !== 0) {
        const text = (result.stderr || result.stdout).trim();
        const where = /\((\d+):(\d+)\)/.exec(text);
        problems.push(where ? `${file}:${where[1]}:${where[2]}: ${text}` : `${file}:1:1: ${text}`);
      }
    }
    return problems;
  } finally {
    await rm(bin, { recursive: true, force: true });
  }
}
