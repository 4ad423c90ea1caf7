import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runMpFixture, stopServer } from './mp-simulator';

afterAll(stopServer);

const root = new URL('../fixtures/conformance/', import.meta.url).pathname;
// Fixtures whose script has `server` play against a real Tessera server (the runner starts one).
const serverRoot = new URL('../fixtures/conformance-server/', import.meta.url).pathname;
const list = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => [entry.name, `${dir}${entry.name}`]);
const fixtures = [...list(root), ...list(serverRoot)];

describe('conformance on the mini-program target (miniprogram-simulate)', () => {
  it.each(fixtures)('%s', async (_name, dir) => {
    const run = await runMpFixture(dir as string);
    expect(run.maxSetData).toBeLessThan(64 * 1024);
  });
});

describe('the mini-program runner', () => {
  it('fails a script whose expectation the page does not meet', async () => {
    const { cp, mkdtemp, readFile, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(`${tmpdir()}/tessera-fixture-`);
    try {
      await cp(`${root}counter`, dir, { recursive: true });
      const script = JSON.parse(await readFile(`${dir}/script.json`, 'utf8'));
      script.steps = [{ tap: 'inc' }, { expectText: ['label', 'Count: 5'] }];
      await writeFile(`${dir}/script.json`, JSON.stringify(script));
      await expect(runMpFixture(dir)).rejects.toThrow(/step 2 .*expected "Count: 5", got "Count: 1"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
