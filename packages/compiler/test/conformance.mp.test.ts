import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runMpFixture } from './mp-simulator';

const root = new URL('../fixtures/conformance/', import.meta.url).pathname;
const fixtures = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

describe('conformance on the mini-program target (miniprogram-simulate)', () => {
  it.each(fixtures)('%s', async (name) => {
    const run = await runMpFixture(`${root}${name}`);
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
