// `tessera new` as a partner runs it: the real bin copies a template into a new folder, and
// validate and build work on that folder without a server.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const bin = join(root, 'packages', 'cli', 'src', 'bin.ts');
const work = mkdtempSync(join(tmpdir(), 'tessera-new-'));
// The commands run in a folder outside the repository, as a partner's would: load tsx by its path.
const tsx = import.meta.resolve('tsx');
afterAll(() => rmSync(work, { recursive: true, force: true }));

function tessera(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', tsx, bin, ...args], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, TESSERA_TEMPLATES_DIR: '' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('tessera new', () => {
  it('copies a template without its tests, names the app, and validate and build work offline', () => {
    const made = tessera('new', 'my-hall', '--template', 'service-hall', '--name', '城东政务服务大厅');
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('Created my-hall from the service-hall template');
    const dir = join(work, 'my-hall');
    for (const file of [
      'app.json',
      'template.json',
      'cms/service.json',
      'seed/schedules.json',
      'functions/book/index.ts',
    ])
      expect(existsSync(join(dir, file)), file).toBe(true);
    expect(existsSync(join(dir, 'test'))).toBe(false);
    const app = JSON.parse(readFileSync(join(dir, 'app.json'), 'utf8'));
    expect(app.name).toBe('城东政务服务大厅');
    const original = JSON.parse(readFileSync(join(root, 'templates/service-hall/app.json'), 'utf8'));
    expect(app.pages).toEqual(original.pages);

    const validated = tessera('validate', 'my-hall');
    expect(validated.stdout).toContain('my-hall/app.json: valid');
    expect(validated.code).toBe(0);
    // The app target (about 15 s more) reads the folder through the same loader as web and mp.
    for (const target of ['web', 'mp']) {
      const built = tessera('build', 'my-hall', '--target', target, '--out', `out-${target}`);
      expect(built.code, built.stderr).toBe(0);
    }
    expect(existsSync(join(work, 'out-web', 'index.html'))).toBe(true);
    expect(existsSync(join(work, 'out-mp', 'app.json'))).toBe(true);
  }, 90_000);

  it('defaults to the blank template and accepts an existing empty folder', () => {
    mkdirSync(join(work, 'empty'));
    const made = tessera('new', 'empty');
    expect(made.code).toBe(0);
    expect(JSON.parse(readFileSync(join(work, 'empty', 'app.json'), 'utf8')).pages).toHaveLength(1);
  });

  it('refuses a folder that is not empty, an unknown template and a missing folder name', () => {
    mkdirSync(join(work, 'taken'));
    writeFileSync(join(work, 'taken', 'notes.txt'), 'mine');
    const taken = tessera('new', 'taken', '--template', 'blank');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('taken is not empty');
    expect(readFileSync(join(work, 'taken', 'notes.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(work, 'taken', 'app.json'))).toBe(false);

    const unknown = tessera('new', 'other', '--template', 'no-such');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no template "no-such"\. Templates: .*service-hall/);
    expect(existsSync(join(work, 'other'))).toBe(false);

    const missing = tessera('new');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('name exactly one folder to create');
  });
});
