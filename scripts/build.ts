// `pnpm build`: regenerates code derived from schemas/ (types and precompiled validators).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTypes, generateValidators } from '../packages/schema/src/codegen/generate';
import { loadSchemas } from '../packages/schema/src/codegen/load-schemas';

const out = join(import.meta.dirname, '..', 'packages', 'schema', 'src', 'generated');
const files = loadSchemas();
const { js, dts } = generateValidators(files);
writeFileSync(join(out, 'validators.js'), js);
writeFileSync(join(out, 'validators.d.ts'), dts);
writeFileSync(join(out, 'types.ts'), await generateTypes(files));
console.log(`generated types and validators for ${files.length} schemas in ${out}`);
