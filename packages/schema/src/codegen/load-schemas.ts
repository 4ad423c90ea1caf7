import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SCHEMA_BASE = 'https://tessera.dev/schemas/';

export interface SchemaFile {
  /** file name without `.schema.json`, e.g. `component-meta` */
  name: string;
  /** export name of its validator and key in the bundle, e.g. `componentMeta` */
  key: string;
  schema: Record<string, unknown>;
}

export const schemasDir = join(import.meta.dirname, '..', '..', '..', '..', 'schemas');

function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Every `schemas/*.schema.json`, sorted by name so generated output is stable. */
export function loadSchemas(dir = schemasDir): SchemaFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.schema.json'.length);
      const schema = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>;
      if (schema.$id !== `${SCHEMA_BASE}${f}`) {
        throw new Error(`schemas/${f}: $id must be ${SCHEMA_BASE}${f}, found ${String(schema.$id)}`);
      }
      return { name, key: camel(name), schema };
    });
}
