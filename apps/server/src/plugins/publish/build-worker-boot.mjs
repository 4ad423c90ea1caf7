// Starts the publish build thread: registers tsx (the server runs from TypeScript sources), then
// loads the worker module named by workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
