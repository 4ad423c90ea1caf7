// Compile benchmarks. mp figures: `compile.mp.ms` (full production build of a generated
// 50-page, 2,000-node app, median of 5) and `mp.setdata.max.kb` (largest setData payload while
// playing every conformance fixture in miniprogram-simulate). Web figures belong beside them.
import { readdirSync } from 'node:fs';
import { compile } from '../src/index';
import { runMpFixture } from '../test/mp-simulator';
import { countNodes, generateApp } from './generate-app';

const print = (name: string, value: number, unit: string) => console.log(`bench: ${name} = ${value} ${unit}`);

async function compileMp(): Promise<void> {
  const app = generateApp(50, 40);
  const runs: number[] = [];
  await compile(app, { target: 'mp' }); // warm-up: module loading and esbuild's service start
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await compile(app, { target: 'mp' });
    runs.push(performance.now() - started);
  }
  runs.sort((a, b) => a - b);
  console.log(`# generated app: ${(app.pages as unknown[]).length} pages, ${countNodes(app)} nodes`);
  print('compile.mp.ms', Math.round(runs[2] ?? 0), 'ms');
}

async function setDataMax(): Promise<void> {
  const root = new URL('../fixtures/conformance/', import.meta.url).pathname;
  let max = 0;
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const run = await runMpFixture(`${root}${entry.name}`);
    max = Math.max(max, run.maxSetData);
  }
  print('mp.setdata.max.kb', Math.round((max / 1024) * 100) / 100, 'KB');
}

await compileMp();
await setDataMax();
