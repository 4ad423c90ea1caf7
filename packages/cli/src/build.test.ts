import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const bin = join(root, 'packages', 'cli', 'src', 'bin.ts');
const out = mkdtempSync(join(tmpdir(), 'tessera-build-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

it('tessera build writes a mini-program project for a template', () => {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', bin, 'build', 'templates/blank', '--target', 'mp', '--out', out],
    { cwd: root, encoding: 'utf8' },
  );
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toContain(`to ${out}`);
  const appJson = JSON.parse(readFileSync(join(out, 'app.json'), 'utf8')) as { pages: string[] };
  expect(appJson.pages.length).toBeGreaterThan(0);
  expect(existsSync(join(out, 'project.config.json'))).toBe(true);
});

it('tessera build refuses an unknown target with a usage error', () => {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', bin, 'build', 'templates/blank', '--target', 'tv'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('--target must be one of web, mp, app');
});
