import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BundleError, bundleFunction } from './bundle';

const fixtures = join(import.meta.dirname, '../test/fixtures');
const scratch = mkdtempSync(join(tmpdir(), 'tessera-bundle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function bundleError(promise: Promise<unknown>): Promise<BundleError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BundleError);
  return error as BundleError;
}

describe('bundleFunction', () => {
  it('bundles a TypeScript folder with the SDK into one script with a source map and hash', async () => {
    const bundle = await bundleFunction({ source: join(fixtures, 'functions/greet') });
    expect(bundle.code).toMatch(/^\(\(\) => \{/);
    expect(bundle.code).not.toMatch(/\bimport\s*[{*]|\brequire\(/);
    expect(bundle.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(bundle.sizeBytes).toBe(Buffer.byteLength(bundle.code));
    const map = JSON.parse(bundle.map) as { sources: string[] };
    expect(map.sources).toEqual(expect.arrayContaining(['index.ts', 'shout.ts']));
  });

  it('gives the same hash for the same code and a new one when the code changes', async () => {
    const file = join(scratch, 'versioned.js');
    writeFileSync(file, 'export async function main() { return 1; }');
    const first = await bundleFunction({ source: file });
    expect((await bundleFunction({ source: file })).hash).toBe(first.hash);
    writeFileSync(file, 'export async function main() { return 2; }');
    expect((await bundleFunction({ source: file })).hash).not.toBe(first.hash);
  });

  it('names file:line:column of a syntax error', async () => {
    mkdir('broken');
    writeFileSync(
      join(scratch, 'broken/index.ts'),
      "import { helper } from './helper';\nexport const main = helper;\n",
    );
    writeFileSync(join(scratch, 'broken/helper.ts'), 'export function helper() {\n  const x = ;\n}\n');
    const error = await bundleError(bundleFunction({ source: join(scratch, 'broken') }));
    expect(error.errors[0]).toMatchObject({ file: 'helper.ts', line: 2, column: 13 });
    expect(error.message).toMatch(/^helper\.ts:2:13: /);
  });

  it('refuses Node built-ins with the importing line', async () => {
    const error = await bundleError(bundleFunction({ source: join(fixtures, 'functions/imports-fs.js') }));
    expect(error.errors[0]).toMatchObject({ file: 'imports-fs.js', line: 1 });
    expect(error.errors[0]?.message).toMatch(/Node built-in "node:fs" is not available/);
  });

  it('refuses npm packages not listed in the dependencies', async () => {
    const error = await bundleError(
      bundleFunction({ source: join(fixtures, 'functions/imports-unlisted.js') }),
    );
    expect(error.errors[0]?.message).toBe('package "left-pad" is not listed in the function\'s dependencies');
  });

  it('resolves listed dependencies from the given node_modules folder', async () => {
    const source = join(fixtures, 'functions/uses-dependency.js');
    const refused = await bundleError(bundleFunction({ source }));
    expect(refused.errors[0]?.message).toMatch(/tiny-case/);
    const bundle = await bundleFunction({
      source,
      dependencies: { 'tiny-case': '^1.0.0' },
      nodeModulesDir: join(fixtures, 'deps'),
    });
    expect(bundle.code).toContain('toUpperCase');
  });

  it('says when a folder has no entry file', async () => {
    mkdir('empty');
    const error = await bundleError(bundleFunction({ source: join(scratch, 'empty') }));
    expect(error.message).toMatch(/no entry file: expected index\.ts or index\.js/);
  });

  it('uses the manifest entry and refuses one outside the folder', async () => {
    mkdir('custom/src');
    writeFileSync(join(scratch, 'custom/src/run.js'), 'export async function main() { return "custom"; }');
    await expect(
      bundleFunction({ source: join(scratch, 'custom'), entry: 'src/run.js' }),
    ).resolves.toMatchObject({ sizeBytes: expect.any(Number) });
    await bundleError(bundleFunction({ source: join(scratch, 'custom'), entry: '../versioned.js' }));
  });
});

function mkdir(path: string) {
  rmSync(join(scratch, path), { recursive: true, force: true });
  mkdirSync(join(scratch, path), { recursive: true });
}
