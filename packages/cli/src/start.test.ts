import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const bin = join(root, 'packages', 'cli', 'src', 'bin.ts');
const dataDir = mkdtempSync(join(tmpdir(), 'tessera-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Runs `tessera start` as a user would and waits for its banner. */
function start(...args: string[]): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', bin, 'start', ...args], {
    cwd: root,
    env: { ...process.env, PORT: '', LOG_LEVEL: '' },
  });
  let text = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner in time:\n${text}`)), 60_000);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const match = /Tessera is running at (http:\/\/\S+)/.exec(text);
      if (match && text.includes('Stop with Ctrl+C')) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: () => text });
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

describe('tessera start', () => {
  it('starts on a free port, prints the admin once, and keeps the data on a second start', async () => {
    const first = await start('--port', '0', '--data-dir', dataDir, '--no-demo');
    expect(first.output()).toContain(`Data: ${dataDir}`);
    expect(first.output()).toMatch(/Admin password: \S+/);
    const health = await fetch(`${first.url}/health`);
    expect(health.status).toBe(200);
    const email = /Admin account: (\S+)/.exec(first.output())![1]!;
    const password = /Admin password: (\S+)/.exec(first.output())![1]!;
    expect(await stop(first.child)).toBe(0);

    const second = await start('--port', '0', '--data-dir', dataDir, '--no-demo');
    expect(second.output()).not.toContain('Admin password');
    const login = await fetch(`${second.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(login.status).toBe(200);
    expect(await stop(second.child)).toBe(0);
  }, 120_000);

  it('refuses a malformed port with a usage error', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', bin, 'start', '--port', 'eighty'], {
      cwd: root,
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('--port takes a number');
  }, 60_000);
});
