// Compiles the repository's JSON Schemas at test time, with the options @tessera/schema uses.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';

const schemasDir = fileURLToPath(new URL('../../../schemas/', import.meta.url));

export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, discriminator: true });
  for (const file of readdirSync(schemasDir).filter((f) => f.endsWith('.schema.json'))) {
    ajv.addSchema(JSON.parse(readFileSync(schemasDir + file, 'utf8')));
  }
  return ajv;
}

export const schemaUrl = (name: string) => `https://tessera.dev/schemas/${name}.schema.json`;

export const describeErrors = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
