// The first run as a new partner sees it: `tessera start` on an empty data dir seeds the admin
// and a demo workspace with one app per template, and says so; a second start keeps everything
// and seeds nothing. Runs the real bin.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const bin = join(root, 'packages', 'cli', 'src', 'bin.ts');
const dataDir = mkdtempSync(join(tmpdir(), 'tessera-first-run-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const templates = readdirSync(join(root, 'templates'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** Runs `tessera start` and resolves with its URL and output once the banner is complete. */
function start(): Promise<{ child: ChildProcess; url: string; output: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', bin, 'start', '--port', '0', '--data-dir', dataDir],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: '',
        LOG_LEVEL: '',
        TESSERA_DEMO_WORKSPACE: '',
        TESSERA_FUNCTION_WORKERS: '1',
      },
    },
  );
  children.push(child);
  let text = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner in time:\n${text}`)), 80_000);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const match = /Tessera is running at (http:\/\/\S+)/.exec(text);
      if (match && text.includes('Stop with Ctrl+C')) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: text });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${text}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

async function api(url: string, token: string, path: string) {
  const reply = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(reply.status, path).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: replies are inspected field by field
  return (await reply.json()) as any;
}

async function signIn(url: string, email: string, password: string): Promise<string> {
  const reply = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(reply.status).toBe(200);
  return ((await reply.json()) as { token: string }).token;
}

describe('first run', () => {
  it('seeds the admin and a demo workspace with every template once, and a second start keeps them', async () => {
    const first = await start();
    expect(first.output).toContain(`Data: ${dataDir}`);
    expect(first.output).toMatch(/Admin password: \S+/);
    expect(first.output).toContain(`Demo workspace: ${templates.length} apps from the templates`);
    expect(first.output).not.toContain('was not installed');
    const email = /Admin account: (\S+)/.exec(first.output)![1]!;
    const password = /Admin password: (\S+)/.exec(first.output)![1]!;

    const token = await signIn(first.url, email, password);
    const me = await api(first.url, token, '/api/auth/me');
    const demo = me.workspaces.find((w: { name: string }) => w.name === '演示工作区 / Demo workspace');
    expect(demo).toBeTruthy();
    const listed = await api(first.url, token, `/api/workspaces/${demo.id}/apps?limit=200`);
    expect(listed.apps.map((a: { template: string }) => a.template).sort()).toEqual(templates);
    // The templates arrive whole: the service hall has its catalogue and its functions.
    const hall = listed.apps.find((a: { template: string }) => a.template === 'service-hall');
    const models = await api(first.url, token, `/api/apps/${hall.id}/cms/models`);
    expect(models.data.map((m: { name: string }) => m.name)).toEqual(['category', 'service']);
    const functions = await api(first.url, token, `/api/apps/${hall.id}/functions`);
    expect(functions.functions.map((f: { name: string }) => f.name)).toEqual([
      'book',
      'listSlots',
      'lookupProgress',
    ]);
    expect(await stop(first.child)).toBe(0);

    const second = await start();
    expect(second.output).not.toContain('Admin password');
    expect(second.output).not.toContain('Demo workspace');
    const again = await signIn(second.url, email, password);
    const meAgain = await api(second.url, again, '/api/auth/me');
    expect(
      meAgain.workspaces.filter((w: { name: string }) => w.name === '演示工作区 / Demo workspace'),
    ).toHaveLength(1);
    const listedAgain = await api(second.url, again, `/api/workspaces/${demo.id}/apps?limit=200`);
    expect(listedAgain.apps.map((a: { id: string }) => a.id).sort()).toEqual(
      listed.apps.map((a: { id: string }) => a.id).sort(),
    );
    expect(await stop(second.child)).toBe(0);
  }, 180_000);
});
