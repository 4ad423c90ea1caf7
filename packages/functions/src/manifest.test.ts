import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { ManifestError, resolveManifest, validateManifest } from './manifest';

const root = join(import.meta.dirname, '..');
const schema = JSON.parse(readFileSync(join(root, '../../schemas/function-manifest.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
const checkWithSchema = ajv.compile(schema);
const fixtures = (kind: string) =>
  readdirSync(join(root, 'test/fixtures/manifests', kind)).map((file) => ({
    file,
    manifest: JSON.parse(readFileSync(join(root, 'test/fixtures/manifests', kind, file), 'utf8')) as unknown,
  }));

describe('validateManifest', () => {
  it.each(fixtures('valid'))('accepts $file, as the JSON Schema does', ({ manifest }) => {
    expect(checkWithSchema(manifest)).toBe(true);
    expect(validateManifest(manifest)).toEqual({ valid: true, errors: [] });
  });

  it.each(fixtures('invalid'))('rejects $file with a pointer, as the JSON Schema does', ({ manifest }) => {
    expect(checkWithSchema(manifest)).toBe(false);
    const result = validateManifest(manifest);
    expect(result.valid).toBe(false);
    expect(result.errors.length).toBeGreaterThan(0);
    for (const issue of result.errors) expect(issue.pointer).toMatch(/^(\/.*)?$/);
  });

  it('names the exact place of a problem', () => {
    expect(
      validateManifest({ name: 'a', triggers: [{ type: 'sdk' }, { type: 'http', path: 'x' }] }).errors,
    ).toEqual([{ pointer: '/triggers/1/path', message: expect.stringContaining('must start with "/"') }]);
  });

  it('rejects a cron expression the schema cannot judge', () => {
    const result = validateManifest({ name: 'a', triggers: [{ type: 'schedule', cron: '61 * * * * * *' }] });
    expect(result.errors[0]?.pointer).toBe('/triggers/0/cron');
    expect(result.errors[0]?.message).toMatch(/Invalid cron expression/);
  });
});

describe('resolveManifest', () => {
  it('fills defaults', () => {
    expect(resolveManifest({ name: 'hello' })).toMatchObject({
      runtime: 'quickjs',
      timeoutMs: 3000,
      memoryMb: 64,
      triggers: [{ type: 'sdk' }],
      allowedHosts: [],
    });
  });

  it('throws a ManifestError listing problems', () => {
    expect(() => resolveManifest({ name: 1 })).toThrow(ManifestError);
    expect(() => resolveManifest({ name: 1 })).toThrow(/\/name/);
  });
});
