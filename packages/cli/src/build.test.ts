import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

it('tessera build --watch rebuilds the changed page on each save, one status line per rebuild', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-watch-'));
  const app = JSON.parse(readFileSync(join(root, 'templates', 'blank', 'app.json'), 'utf8'));
  writeFileSync(join(dir, 'app.json'), JSON.stringify(app));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', bin, 'build', '--watch', dir, '--out', join(dir, 'out')],
    {
      cwd: root,
    },
  );
  let stdout = '';
  child.stdout.on('data', (chunk) => {
    stdout += String(chunk);
  });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const lines = () => stdout.split('\n').filter((line) => /^[✓✗] /.test(line));
  const waitForLines = async (count: number) => {
    const deadline = Date.now() + 30_000;
    while (lines().length < count) {
      if (Date.now() > deadline) throw new Error(`no status line ${count} in:\n${stdout}`);
      await new Promise((wait) => setTimeout(wait, 50));
    }
    return lines()[count - 1] as string;
  };
  try {
    expect(await waitForLines(1)).toMatch(/^✓ .* built \d+ files in \d+ ms$/);
    const homeFile = () =>
      readdirSync(join(dir, 'out', 'assets')).filter((name) => name.startsWith('tessera-data-home-'));
    expect(homeFile()).toHaveLength(1);

    app.pages[0].root.children[0].props.text = 'Edited while watching';
    writeFileSync(join(dir, 'app.json'), JSON.stringify(app));
    expect(await waitForLines(2)).toMatch(/^✓ .* rebuilt in \d+ ms: \d+ files changed \(pages: home\)$/);
    const [page] = homeFile();
    expect(readFileSync(join(dir, 'out', 'assets', page as string), 'utf8')).toContain(
      'Edited while watching',
    );

    writeFileSync(join(dir, 'app.json'), '{ "broken": ');
    expect(await waitForLines(3)).toMatch(/^✗ .* app\.json: /);
    app.pages[0].root.children[0].props.text = { $expr: 'state.' };
    writeFileSync(join(dir, 'app.json'), JSON.stringify(app));
    expect(await waitForLines(4)).toMatch(/^✗ .* cannot build: \/pages\/0\/root\/children\/0\/props\/text/);
  } finally {
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stdout).toContain('stopped watching');
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
