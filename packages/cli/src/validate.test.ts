import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const bin = join(root, 'packages', 'cli', 'src', 'bin.ts');
const work = mkdtempSync(join(tmpdir(), 'tessera-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function tessera(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', bin, ...args], { cwd: root, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function blankWith(change: (app: Record<string, unknown>) => void): string {
  const app = JSON.parse(readFileSync(join(root, 'templates', 'blank', 'app.json'), 'utf8'));
  change(app);
  const file = join(work, `app-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(app, null, 2));
  return file;
}

describe('tessera validate', () => {
  const templates = readdirSync(join(root, 'templates'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join('templates', entry.name));

  it('accepts every template', () => {
    const run = tessera('validate', ...templates);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const template of templates) expect(run.stdout).toContain(`${template}/app.json: valid`);
  });

  it('names the pointer of a removed required field and exits 1', () => {
    const file = blankWith((app) => {
      const pages = app.pages as Array<{ root: Record<string, unknown> }>;
      delete pages[0]!.root.component;
    });
    const run = tessera('validate', file);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('/pages/0/root');
    expect(run.stderr).toContain('component');
  });

  it('names the pointer of a dangling navigate target', () => {
    const file = blankWith((app) => {
      const pages = app.pages as Array<{ root: { children: unknown[] } }>;
      pages[0]!.root.children.push({
        id: 'go_button',
        component: 'Button',
        props: { text: 'Go' },
        events: { tap: [{ type: 'navigate', page: 'nowhere' }] },
      });
    });
    const run = tessera('validate', file);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\/pages\/0\/root\/children\/1\/events\/tap\/0\/page: .*nowhere/);
  });

  it('prints machine-readable reports with --json', () => {
    const bad = blankWith((app) => {
      app.schemaVersion = 'two';
    });
    const run = tessera('validate', '--json', 'templates/blank', bad);
    expect(run.code).toBe(1);
    const reports = JSON.parse(run.stdout) as Array<{ file: string; valid: boolean; errors: unknown[] }>;
    expect(reports.map((report) => report.valid)).toEqual([true, false]);
    expect(reports[1]!.errors).toContainEqual(expect.objectContaining({ pointer: '/schemaVersion' }));
  });

  it('reports unreadable files and bad JSON with a position instead of crashing', () => {
    const broken = join(work, 'broken.json');
    writeFileSync(broken, '{\n  "schemaVersion": 2,\n}\n');
    const run = tessera('validate', broken, join(work, 'missing.json'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('not valid JSON at line 3, column 1');
    expect(run.stderr).toContain('cannot read: no such file');
  });

  it('refuses a call without files with a usage message (exit 2)', () => {
    const run = tessera('validate');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage: tessera validate');
  });
});
