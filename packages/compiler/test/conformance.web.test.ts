import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';
import { runWebFixture, stopTesseraServer } from './web-runner';

const root = new URL('../fixtures/conformance/', import.meta.url).pathname;
const fixtures = (await readdir(root, { withFileTypes: true }))
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stopTesseraServer();
});

describe('conformance on the web target (Chromium, strict CSP)', () => {
  it.each(fixtures)('%s', async (name) => {
    const problems = await runWebFixture(browser, `${root}${name}`);
    expect(problems.csp).toEqual([]);
    // A refused server call (403 …) is logged by Chromium; the fixture expects and handles it.
    const refused = /Failed to load resource: the server responded with a status of 4\d\d/;
    expect(problems.errors.filter((text) => !refused.test(text))).toEqual([]);
  });
});

describe('the web runner', () => {
  it('fails a script whose expectation the page does not meet', async () => {
    const dir = await mkdtemp(`${tmpdir()}/tessera-fixture-`);
    try {
      await cp(`${root}counter`, dir, { recursive: true });
      const script = JSON.parse(await readFile(`${dir}/script.json`, 'utf8'));
      script.steps = [{ tap: 'inc' }, { expectText: ['label', 'Count: 5'] }];
      await writeFile(`${dir}/script.json`, JSON.stringify(script));
      await expect(runWebFixture(browser, dir)).rejects.toThrow(
        /step 2 .*expected "Count: 5", got "Count: 1"/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
