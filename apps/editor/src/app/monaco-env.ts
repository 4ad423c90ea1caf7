/**
 * Where monaco finds its web workers: the editor build (src/build.ts) writes them at fixed names
 * next to the main bundle. Import this module before the first `monaco.editor.create`.
 *
 * `getWorker` creates them from those same-origin files directly: without it monaco wraps the
 * URL in a `blob:` bootstrap worker, which the server's CSP (worker-src falls back to
 * script-src 'self') refuses.
 */
const workerUrl = (label: string): string =>
  label === 'typescript' || label === 'javascript' ? '/assets/ts.worker.js' : '/assets/editor.worker.js';

(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorkerUrl(_moduleId: string, label: string): string {
    return workerUrl(label);
  },
  getWorker(_moduleId: string, label: string): Worker {
    return new Worker(workerUrl(label), { name: label });
  },
};
