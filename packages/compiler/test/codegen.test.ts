import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/index';
import { readTree } from './fixture-tree';

const root = new URL('../fixtures/codegen/', import.meta.url).pathname;
const fixtures = (await readdir(root, { withFileTypes: true }))
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const update = process.env.UPDATE_FIXTURES === '1';

// The shared runtime chunk and the size report change with every runtime edit: the generated parts are what is compared.
const compared = (path: string) => path !== 'common/runtime.js' && path !== 'size-report.json';

describe('code generation fixtures (mp); UPDATE_FIXTURES=1 rewrites expected/', () => {
  it.each(fixtures)('%s', async (name) => {
    const app = JSON.parse(await readFile(join(root, name, 'app.json'), 'utf8'));
    const { files } = await compile(app, { target: 'mp', mode: 'development' });
    const actual = Object.fromEntries(Object.entries(files).filter(([path]) => compared(path)));
    const expectedDir = join(root, name, 'expected', 'mp');
    if (update) {
      await rm(expectedDir, { recursive: true, force: true });
      for (const [path, text] of Object.entries(actual)) {
        await mkdir(dirname(join(expectedDir, path)), { recursive: true });
        await writeFile(join(expectedDir, path), text);
      }
    }
    const expected = await readTree(expectedDir);
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
    for (const [path, text] of Object.entries(actual)) expect(text, path).toBe(expected[path]);
  });
});
