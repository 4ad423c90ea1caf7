/**
 * Where monaco finds its web workers: the editor build (src/build.ts) writes them at fixed names
 * next to the main bundle. Import this module before the first `monaco.editor.create`.
 */
(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorkerUrl(_moduleId: string, label: string): string {
    return label === 'typescript' || label === 'javascript'
      ? '/assets/ts.worker.js'
      : '/assets/editor.worker.js';
  },
};
