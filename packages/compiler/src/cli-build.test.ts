import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCommand } from './cli-build';

const repo = new URL('../../../', import.meta.url).pathname;
let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-build-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s) },
      cwd: dir,
    },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

describe('tessera build', () => {
  it('builds a template folder for mp and prints the size report', async () => {
    const run = io();
    const code = await buildCommand(
      [join(repo, 'templates/showcase'), '--target', 'mp', '--out', 'mp-out'],
      run.io,
    );
    expect(run.err()).not.toMatch(/cannot/);
    expect(code).toBe(0);
    expect(run.out()).toMatch(/wrote \d+ files to .*mp-out/);
    expect(run.out()).toMatch(/package main .* KB {2}\d+\.\d% of 2 MB/);
    const appJson = JSON.parse(await readFile(join(dir, 'mp-out/app.json'), 'utf8'));
    expect(appJson.pages[0]).toBe('pages/home/index');
  });

  it('prints every schema problem with its pointer and exits 1', async () => {
    await writeFile(
      join(dir, 'app.json'),
      JSON.stringify({
        schemaVersion: 2,
        id: 'x',
        name: 'x',
        locales: { default: 'en', supported: ['en'] },
        pages: [],
        navigation: { home: 'home' },
      }),
    );
    const run = io();
    expect(await buildCommand(['app.json', '--target', 'mp'], run.io)).toBe(1);
    expect(run.err()).toMatch(/the app cannot be built\n/);
    expect(run.err()).toMatch(/^ {2}\/pages: needs at least 1/m);
  });

  it('exits 2 on usage errors', async () => {
    const run = io();
    expect(await buildCommand(['x', '--target', 'tv'], run.io)).toBe(2);
    expect(await buildCommand(['--target', 'mp'], run.io)).toBe(2);
    expect(await buildCommand(['x', '--bogus'], run.io)).toBe(2);
    expect(run.err()).toMatch(/usage: tessera build/);
  });

  it('reports a missing file', async () => {
    const run = io();
    expect(await buildCommand(['missing.json', '--target', 'mp'], run.io)).toBe(1);
    expect(run.err()).toMatch(/missing\.json: no such file/);
  });
});
