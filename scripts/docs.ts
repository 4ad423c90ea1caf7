// `pnpm run docs`: writes the generated references (docs/reference/components.md and schema.md).
// scripts/docs.test.ts fails when the committed files differ from what this writes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { componentReference, schemaReference } from './docs-reference';

export const referenceDir = join(import.meta.dirname, '..', 'docs', 'reference');

mkdirSync(referenceDir, { recursive: true });
for (const [file, text] of [
  ['components.md', componentReference()],
  ['schema.md', schemaReference()],
] as const) {
  writeFileSync(join(referenceDir, file), text);
  console.log(`wrote docs/reference/${file} (${text.length} characters)`);
}
