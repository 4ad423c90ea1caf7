// Runs every benchmark, or one group: `pnpm bench [group]`.
// A benchmark is a script `packages/*/bench/<group>.bench.ts` (or under apps/) that prints
// its figures as `bench: <name> = <value> <unit>` lines. Each runs in its own process so
// one benchmark's warm caches and garbage never colour another's figures.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');

function findBenchmarks(): Map<string, string> {
  const found = new Map<string, string>();
  for (const area of ['packages', 'apps']) {
    for (const pkg of readdirSync(join(root, area), { withFileTypes: true })) {
      if (!pkg.isDirectory()) continue;
      const dir = join(root, area, pkg.name, 'bench');
      let files: string[];
      try {
        files = readdirSync(dir);
      } catch {
        continue;
      }
      for (const file of files) {
        if (file.endsWith('.bench.ts')) found.set(file.slice(0, -'.bench.ts'.length), join(dir, file));
      }
    }
  }
  return found;
}

const benchmarks = findBenchmarks();
const wanted = process.argv.slice(2);
for (const group of wanted) {
  if (!benchmarks.has(group)) {
    console.error(`No benchmark group "${group}". Groups: ${[...benchmarks.keys()].sort().join(', ')}`);
    process.exit(2);
  }
}
const groups = wanted.length > 0 ? wanted : [...benchmarks.keys()].sort();
let failed = 0;
for (const group of groups) {
  const file = benchmarks.get(group)!;
  console.log(`# ${group} (${relative(root, file)})`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit', cwd: root });
  if (run.status !== 0) {
    console.error(`# ${group} failed with exit code ${run.status}`);
    failed++;
  }
}
process.exit(failed > 0 ? 1 : 0);
