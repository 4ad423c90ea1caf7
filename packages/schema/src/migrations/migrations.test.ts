import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ComponentCatalogue } from '../semantic';
import { validateApp } from '../validate';
import { CURRENT_SCHEMA_VERSION, migrateApp, migrations } from './index';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures');
const readJson = (...path: string[]) =>
  JSON.parse(readFileSync(join(fixtures, ...path), 'utf8')) as Record<string, unknown>;
const catalogue = readJson('catalogue.json') as unknown as ComponentCatalogue;

describe('migrateApp', () => {
  it('upgrades a version 1 app to the current version, step by step', () => {
    const old = readJson('migrations', 'v1-app.json');
    const before = structuredClone(old);
    const result = migrateApp(old);
    expect(result.from).toBe(1);
    expect(result.to).toBe(CURRENT_SCHEMA_VERSION);
    expect(result.app).toEqual(readJson('migrations', 'v1-app.migrated.json'));
    expect(old, 'the input is not changed').toEqual(before);
    expect(validateApp(result.app, { catalogue }).errors).toEqual([]);
  });

  it('an old app fails validation with a pointer to schemaVersion until migrated', () => {
    const old = readJson('migrations', 'v1-app.json');
    const plain = validateApp(old);
    expect(plain.errors).toEqual([
      { pointer: '/schemaVersion', message: expect.stringContaining('migrateApp') },
    ]);
    expect(validateApp(old, { migrate: true, catalogue }).errors).toEqual([]);
  });

  it('makes a default locale the first supported one when v1 had only a list', () => {
    const { app } = migrateApp({ schemaVersion: 1, locales: ['en', 'zh-CN'], navigation: { homePage: 'a' } });
    expect(app).toMatchObject({
      schemaVersion: 2,
      locales: { default: 'en', supported: ['en', 'zh-CN'] },
      navigation: { home: 'a' },
    });
  });

  it('returns current and unknown documents unchanged', () => {
    const current = { schemaVersion: CURRENT_SCHEMA_VERSION, id: 'x' };
    expect(migrateApp(current)).toEqual({
      app: current,
      from: CURRENT_SCHEMA_VERSION,
      to: CURRENT_SCHEMA_VERSION,
    });
    expect(migrateApp({ id: 'x' })).toEqual({ app: { id: 'x' }, from: 0, to: 0 });
    expect(migrateApp('nonsense')).toEqual({ app: 'nonsense', from: 0, to: 0 });
    expect(migrateApp({ schemaVersion: 99 }).to).toBe(99);
  });

  it('the registry has one step per version, in order, ending at the current version', () => {
    migrations.forEach((m, i) => {
      expect(m.from).toBe(i + 1);
      expect(m.to).toBe(m.from + 1);
    });
    expect(migrations.at(-1)?.to).toBe(CURRENT_SCHEMA_VERSION);
  });
});
