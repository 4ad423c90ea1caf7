import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/{src,test}/**/*.test.ts',
      'apps/*/{src,test}/**/*.test.ts',
      'templates/*/test/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    pool: 'forks',
    // Vitest's default (cores − 1) runs one file at a time on a 2-core machine; most files wait on
    // a browser, a server or a child process, so two at once finish the suite far sooner.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
