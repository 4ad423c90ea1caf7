import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// Published apps bundle only the runtime; it must stay small, parser-free and CSP-safe.
describe('runtime bundle', () => {
  it('has no parser, no eval and no Function constructor', async () => {
    const result = await build({
      entryPoints: [new URL('./runtime.ts', import.meta.url).pathname],
      bundle: true,
      format: 'esm',
      write: false,
      minify: false,
      platform: 'browser',
      metafile: true,
    });
    const text = result.outputFiles[0]?.text ?? '';
    expect(Object.keys(result.metafile.inputs).some((input) => input.includes('acorn'))).toBe(false);
    expect(text).not.toMatch(/new Function|\bFunction\(|eval\(/);
    expect(text.length).toBeLessThan(30_000);
  });
});
