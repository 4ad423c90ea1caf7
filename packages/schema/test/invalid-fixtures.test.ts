// Every file in fixtures/invalid holds one mistake; its *.expected.json names where and what.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ComponentCatalogue, resolvePointer, validateApp } from '../src/index';

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const invalid = join(fixtures, 'invalid');
const catalogue = JSON.parse(readFileSync(join(fixtures, 'catalogue.json'), 'utf8')) as ComponentCatalogue;
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

interface Expected {
  errors: { pointer: string; message: string }[];
}

const cases = readdirSync(invalid)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();

describe('invalid app fixtures', () => {
  it('has at least 30 distinct fixtures, each with an expectation', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    for (const name of cases) expect(readdirSync(invalid)).toContain(`${name}.expected.json`);
  });

  it.each(cases)('%s', (name) => {
    const app = readJson(join(invalid, `${name}.json`));
    const expected = readJson(join(invalid, `${name}.expected.json`)) as Expected;
    const result = validateApp(app, { catalogue });
    expect(result.valid).toBe(false);
    // exactly the expected problems: one mistake gives no noise
    expect(result.errors.map((e) => `${e.pointer}: ${e.message}`)).toHaveLength(expected.errors.length);
    for (const want of expected.errors) {
      const match = result.errors.find((e) => e.pointer === want.pointer && e.message.includes(want.message));
      expect(
        match,
        `${want.pointer}: …${want.message}… in\n${JSON.stringify(result.errors, null, 2)}`,
      ).toBeDefined();
    }
    for (const error of result.errors) {
      expect(resolvePointer(app, error.pointer).found, `${error.pointer} resolves`).toBe(true);
    }
  });
});

describe('valid documents', () => {
  it('the base of the invalid fixtures is itself valid', () => {
    // the fixtures are base + one change; if the base were invalid they would test nothing
    const result = validateApp(readJson(join(fixtures, 'valid', 'base.json')), { catalogue });
    expect(result.errors).toEqual([]);
  });
});
