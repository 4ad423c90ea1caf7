// A function returning its input, warm: latency through the sandbox pool versus calling the same JS in Node.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleFunction } from '../src/bundle';
import { createFunctionPool } from '../src/pool';

const SOURCE = 'export async function main(event) { return event; }\n';
const WARMUP = 500;
const SAMPLES = 3000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const dir = mkdtempSync(join(tmpdir(), 'tessera-bench-fn-'));
const file = join(dir, 'echo.mjs');
writeFileSync(file, SOURCE);
const bundle = await bundleFunction({ source: file });
const pool = await createFunctionPool();
const event = { name: 'ann', items: [1, 2, 3], nested: { ok: true } };
const request = { appId: 'bench', functionName: 'echo', bundle, event };

for (let i = 0; i < WARMUP; i++) await pool.invoke(request);
const latencies: number[] = [];
for (let i = 0; i < SAMPLES; i++) {
  const start = performance.now();
  const result = await pool.invoke(request);
  latencies.push(performance.now() - start);
  if (!result.ok) throw new Error(`invocation failed: ${result.error.message}`);
}
latencies.sort((a, b) => a - b);

// Throughput: keep two invocations per worker in flight.
const inFlight = pool.size * 2;
const total = 4000;
let started = 0;
const rpsStart = performance.now();
await Promise.all(
  Array.from({ length: inFlight }, async () => {
    while (started < total) {
      started++;
      await pool.invoke(request);
    }
  }),
);
const rps = total / ((performance.now() - rpsStart) / 1000);
await pool.close();

const { main } = (await import(pathToFileURL(file).href)) as { main: (e: unknown) => Promise<unknown> };
for (let i = 0; i < WARMUP; i++) await main(event);
const direct: number[] = [];
for (let i = 0; i < SAMPLES; i++) {
  const start = performance.now();
  await main(event);
  direct.push(performance.now() - start);
}
direct.sort((a, b) => a - b);
rmSync(dir, { recursive: true, force: true });

console.log(`bench: functions.invoke.p50.ms = ${percentile(latencies, 50).toFixed(3)} ms`);
console.log(`bench: functions.invoke.p99.ms = ${percentile(latencies, 99).toFixed(3)} ms`);
console.log(`bench: functions.invoke.rps = ${rps.toFixed(0)} rps`);
console.log(`bench: functions.direct.p50.ms = ${percentile(direct, 50).toFixed(4)} ms`);
