// bench: schema.validate.2000nodes.ms — full (structural + semantic, with catalogue) validation
// of a generated 2,000-node app; median of repeated runs after warm-up.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ComponentCatalogue, validateApp, walkNodes } from '../src/index';
import { generateApp } from './generate-app';

const catalogue = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'catalogue.json'), 'utf8'),
) as ComponentCatalogue;

const app = generateApp(2000);
let nodes = 0;
walkNodes(app, () => {
  nodes++;
});
const check = validateApp(app, { catalogue });
if (!check.valid || nodes !== 2000) {
  console.error(`benchmark app is not a valid 2,000-node app (${nodes} nodes)`, check.errors.slice(0, 5));
  process.exit(1);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

for (let i = 0; i < 20; i++) validateApp(app, { catalogue });
const runs: number[] = [];
for (let i = 0; i < 100; i++) {
  const start = performance.now();
  validateApp(app, { catalogue });
  runs.push(performance.now() - start);
}
console.log(`bench: schema.validate.2000nodes.ms = ${median(runs).toFixed(2)} ms`);
// the fastest run shows the cost without scheduler noise when the machine is busy
console.log(`bench: schema.validate.2000nodes.min.ms = ${Math.min(...runs).toFixed(2)} ms`);
