// The JSON Schemas are a published protocol: ids, descriptions (the editor shows them) and examples.
import { describe, expect, it } from 'vitest';
import { loadSchemas, SCHEMA_BASE } from '../src/codegen/load-schemas';
import { CURRENT_SCHEMA_VERSION, validators } from '../src/index';

// component-meta and function-manifest belong to other packages; their owners keep them.
const OURS = [
  'action',
  'app',
  'navigation',
  'node',
  'page',
  'query',
  'security-rules',
  'state',
  'theme',
  'value',
];

/** Pointers of `properties` entries that lack a description. */
function undescribed(schema: unknown, at = '#'): string[] {
  const out: string[] = [];
  if (Array.isArray(schema)) {
    for (let i = 0; i < schema.length; i++) out.push(...undescribed(schema[i], `${at}/${i}`));
  } else if (schema !== null && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'examples' || key === 'default' || key === 'const' || key === 'enum') continue;
      if (key === 'properties' && value && typeof value === 'object') {
        for (const [name, sub] of Object.entries(value)) {
          if (
            !sub ||
            typeof sub !== 'object' ||
            typeof (sub as { description?: unknown }).description !== 'string'
          )
            out.push(`${at}/properties/${name}`);
        }
      }
      out.push(...undescribed(value, `${at}/${key}`));
    }
  }
  return out;
}

describe('schemas/', () => {
  const files = loadSchemas();

  it('holds the protocol documents', () => {
    expect(files.map((f) => f.name)).toEqual(expect.arrayContaining([...OURS, 'component-meta']));
  });

  it.each(OURS)('%s: 2020-12, $id, description on every property, examples', (name) => {
    const schema = files.find((f) => f.name === name)!.schema;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(`${SCHEMA_BASE}${name}.schema.json`);
    expect(typeof schema.description).toBe('string');
    expect(undescribed(schema)).toEqual([]);
    expect(Array.isArray(schema.examples) && schema.examples.length > 0).toBe(true);
  });

  it.each(OURS)('%s: its own examples are valid', (name) => {
    const file = files.find((f) => f.name === name)!;
    const validate = (validators as Record<string, (d: unknown) => boolean>)[file.key]!;
    for (const example of file.schema.examples as unknown[])
      expect(validate(example), JSON.stringify(example)).toBe(true);
  });

  it('app.schema.json pins schemaVersion to CURRENT_SCHEMA_VERSION', () => {
    const app = files.find((f) => f.name === 'app')!.schema as {
      properties: { schemaVersion: { const: number } };
    };
    expect(app.properties.schemaVersion.const).toBe(CURRENT_SCHEMA_VERSION);
  });
});
