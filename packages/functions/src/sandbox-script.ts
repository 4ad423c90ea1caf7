import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

// @types/node declares WebAssembly's types but not the global value under lib ES2023 without DOM.
const wasmApi = (
  globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> } }
).WebAssembly;

let script: Promise<string> | undefined;
let wasm: Promise<WebAssembly.Module> | undefined;

/**
 * The worker thread's script, bundled once per process from sandbox-worker.ts into a temp file
 * (self-contained, so it runs the same under tsx, vitest or plain node).
 */
export function sandboxWorkerScript(): Promise<string> {
  script ??= (async () => {
    const result = await esbuild.build({
      entryPoints: [join(import.meta.dirname, 'worker/sandbox-worker.ts')],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
    });
    const dir = mkdtempSync(join(tmpdir(), 'tessera-sandbox-'));
    const file = join(dir, 'sandbox-worker.mjs');
    writeFileSync(file, result.outputFiles[0]?.text ?? '');
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return file;
  })();
  return script;
}

/** QuickJS compiled once per process; workers instantiate it with their own capped memory. */
export function quickjsWasmModule(): Promise<WebAssembly.Module> {
  wasm ??= (async () => {
    const require = createRequire(createRequire(import.meta.url).resolve('quickjs-emscripten'));
    return wasmApi.compile(readFileSync(require.resolve('@jitl/quickjs-wasmfile-release-sync/wasm')));
  })();
  return wasm;
}
