// Publish builds run in a worker thread: generating pages, validating and emitting a web + mp +
// app build took 0.3–0.9 s of the server's main thread, during which no other request was
// answered. One worker is started at the first publish and kept (unref'd) for the next ones;
// each build is one message. See docs/decisions/156-publish-builds-in-a-worker.md.
import { Worker } from 'node:worker_threads';
import type { CompileOptions, CompileResult } from '@tessera/compiler';

interface Pending {
  resolve(result: CompileResult): void;
  reject(error: Error): void;
}

/** What the worker answers for one build. */
export type BuildReply =
  | { id: number; result: CompileResult }
  | { id: number; error: { name: string; message: string; issues?: unknown[] } };

let worker: Worker | null = null;
const pending = new Map<number, Pending>();
let nextId = 1;

function failAll(error: Error): void {
  for (const job of pending.values()) job.reject(error);
  pending.clear();
  worker = null;
}

function started(): Worker {
  if (worker) return worker;
  // The server runs from TypeScript sources: the boot file registers tsx in the thread first.
  const thread = new Worker(new URL('./build-worker-boot.mjs', import.meta.url), {
    workerData: { entry: new URL('./build-worker.ts', import.meta.url).href },
  });
  thread.unref();
  thread.on('message', (reply: BuildReply) => {
    const job = pending.get(reply.id);
    if (!job) return;
    pending.delete(reply.id);
    if ('result' in reply) job.resolve(reply.result);
    else job.reject(Object.assign(new Error(reply.error.message), reply.error));
  });
  thread.on('error', (error) => failAll(new Error(`the build thread failed: ${error.message}`)));
  thread.on('exit', (code) => {
    if (worker === thread) failAll(new Error(`the build thread stopped (exit code ${code})`));
  });
  worker = thread;
  return thread;
}

/**
 * `compile(input, options)` of @tessera/compiler, run in the build thread. A schema problem
 * rejects with an Error named 'CompileError' carrying the compiler's `issues`.
 */
export function compileInThread(input: unknown, options: CompileOptions): Promise<CompileResult> {
  const thread = started();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    thread.postMessage({ id, input, options });
  });
}

/** Stops the build thread (server close); a later build starts a new one. */
export async function stopBuildThread(): Promise<void> {
  const thread = worker;
  worker = null;
  if (thread) await thread.terminate();
}
