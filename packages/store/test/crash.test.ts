// Durability: a child process writes and acknowledges over stdout; we SIGKILL it at a random
// moment, reopen the files, and check every acknowledged document is there.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/index';

const tsx = createRequire(import.meta.url).resolve('tsx');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function runAndKill(dataDir: string, killAfterMs: number): Promise<{ acked: string[]; pairs: string[][] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', tsx, join(import.meta.dirname, 'fixtures/crash-writer.ts'), dataDir],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const acked: string[] = [];
    const pairs: string[][] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    child.stdout.on('data', (chunk) => {
      buffer += String(chunk);
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        if (!line.startsWith('ack ')) continue;
        const ids = line.slice(4).split(' ');
        acked.push(...ids);
        if (ids.length === 2) pairs.push(ids);
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited without being killed: ${stderr}`));
      else resolve({ acked, pairs });
    });
  });
}

describe('durability across SIGKILL', () => {
  it('keeps every acknowledged write, and transactions whole', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tessera-crash-'));
    dirs.push(dataDir);
    let totalAcked = 0;
    for (let round = 0; round < 3; round++) {
      const killAfter = 150 + Math.floor(Math.random() * 600);
      const { acked, pairs } = await runAndKill(dataDir, killAfter);
      const store = await openStore({ dataDir });
      const docs = store.app('crash').collection('docs');
      const present = new Set((await docs.find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id));
      const missing = acked.filter((id) => !present.has(id));
      const torn = (
        await Promise.all(pairs.map(async (p) => (await docs.countDocuments({ _id: { $in: p } })) === 1))
      ).filter(Boolean).length;
      // Unacknowledged transactions must be whole too: every "<n>a" has its "<n>b".
      const halves = await docs.countDocuments({ n: { $regex: 'a$' } });
      const otherHalves = await docs.countDocuments({ n: { $regex: 'b$' } });
      console.log(
        `crash round ${round + 1}: killed after ${killAfter} ms, acknowledged ${acked.length}, present ${present.size}, missing ${missing.length}, torn transactions ${torn}`,
      );
      await store.close();
      expect(acked.length).toBeGreaterThan(0);
      expect(missing).toEqual([]);
      expect(torn).toBe(0);
      expect(halves).toBe(otherHalves);
      totalAcked += acked.length;
      // The next round writes on top of the recovered files (the unique index still holds).
      await openStore({ dataDir }).then(async (s) => {
        await s.app('crash').collection('docs').deleteMany({});
        await s.close();
      });
    }
    expect(totalAcked).toBeGreaterThan(0);
  }, 60_000);
});
