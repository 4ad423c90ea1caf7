import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { catalogue } from '@tessera/components';
import { type AppSchema, migrateApp, validateApp } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { generateWebSources } from '../src/web/index';
import { themeCss } from '../src/web/theme';
import { readTree } from './fixture-tree';

const root = new URL('../fixtures/codegen/', import.meta.url).pathname;
const fixtures = (await readdir(root, { withFileTypes: true }))
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const update = process.env.UPDATE_FIXTURES === '1';

/**
 * The generated modules (before esbuild: bundles carry hashes and the runtime, which change with
 * every runtime edit) and the theme's CSS variables.
 */
function generated(app: AppSchema): Record<string, string> {
  const sources = generateWebSources(app);
  const files: Record<string, string> = {
    'entry.js': sources.entry,
    'theme.css': `${themeCss(app.theme)}\n`,
  };
  files['pages.js'] = sources.pages;
  files['components.js'] = sources.hint;
  for (const [module, code] of Object.entries(sources.components)) files[`components/${module}.js`] = code;
  for (const [id, data] of Object.entries(sources.data)) {
    // The data module's JSON is one string; shown pretty beside it so a change reads as a diff.
    const json = /JSON\.parse\('((?:[^'\\]|\\.)*)'\)/.exec(data.text);
    if (json?.[1] === undefined) throw new Error(`page ${id}: no JSON.parse('…') in the data module`);
    files[`pages/${id}.data.js`] = data.text.replace(`'${json[1]}'`, `/* pages/${id}.data.json */`);
    const text = json[1].replace(/\\(.)/g, '$1');
    files[`pages/${id}.data.json`] = `${JSON.stringify(JSON.parse(text), null, 2)}\n`;
  }
  return files;
}

describe('code generation fixtures (web); UPDATE_FIXTURES=1 rewrites expected/', () => {
  it.each(fixtures)('%s', async (name) => {
    const { app } = migrateApp(JSON.parse(await readFile(join(root, name, 'app.json'), 'utf8')));
    expect(validateApp(app, { catalogue }).errors).toEqual([]);
    const actual = generated(app as AppSchema);
    const expectedDir = join(root, name, 'expected', 'web');
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
