// The committed generated files must be what `pnpm build` would produce from schemas/ now.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateTypes, generateValidators } from './generate';
import { loadSchemas } from './load-schemas';

const generated = join(import.meta.dirname, '..', 'generated');
const committed = (file: string) => readFileSync(join(generated, file), 'utf8');
const stale = 'is stale: run `pnpm build` and commit the result';

describe('generated code', () => {
  const files = loadSchemas();

  it('validators.js and validators.d.ts match the schemas', () => {
    const { js, dts } = generateValidators(files);
    expect(js === committed('validators.js'), `validators.js ${stale}`).toBe(true);
    expect(dts === committed('validators.d.ts'), `validators.d.ts ${stale}`).toBe(true);
  });

  it('types.ts matches the schemas', async () => {
    expect((await generateTypes(files)) === committed('types.ts'), `types.ts ${stale}`).toBe(true);
  });

  it('compiles ahead of time: the validators module has no ajv compiler or require()', () => {
    const js = committed('validators.js');
    expect(js).not.toMatch(/\brequire\(/);
    expect(js).not.toMatch(/new Function|\beval\(/);
    expect(js).not.toMatch(/from 'ajv'|from "ajv"/);
  });

  it('exports one validator per schema file, including component metadata', () => {
    const { dts } = generateValidators(files);
    for (const f of files) expect(dts).toContain(`export const ${f.key}: ValidateFunction;`);
    expect(files.map((f) => f.key)).toContain('componentMeta');
  });
});

describe('schemaDocuments', () => {
  it('exports every protocol document as loaded from schemas/', async () => {
    const { schemaDocuments } = await import('../documents');
    for (const f of loadSchemas()) {
      if (f.name === 'function-manifest') continue; // owned and published by @tessera/functions
      expect((schemaDocuments as Record<string, unknown>)[f.key], f.name).toEqual(f.schema);
    }
  });
});
