// The publish build thread (see build-thread.ts): one `compile` per message, answered with the
// files or the error (a CompileError keeps its name and issues across the thread boundary).
import { parentPort } from 'node:worker_threads';
import { type CompileOptions, compile } from '@tessera/compiler';
import type { BuildReply } from './build-thread';

parentPort?.on('message', async (job: { id: number; input: unknown; options: CompileOptions }) => {
  let reply: BuildReply;
  try {
    reply = { id: job.id, result: await compile(job.input, job.options) };
  } catch (error) {
    const failure = error as Error & { issues?: unknown[] };
    reply = {
      id: job.id,
      error: {
        name: failure.name ?? 'Error',
        message: failure.message ?? String(error),
        ...(Array.isArray(failure.issues) ? { issues: failure.issues } : {}),
      },
    };
  }
  parentPort?.postMessage(reply);
});
