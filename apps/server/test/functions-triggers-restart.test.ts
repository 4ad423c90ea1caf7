// A database trigger whose server process is killed while its function runs is run again by the
// next process on the same data (the change is stored before the write is acknowledged), and one
// under way when the server is closed finishes before the store closes.
import { rm } from 'node:fs/promises';
import { openStore } from '@tessera/store';
import { afterAll, expect, it } from 'vitest';
import { TRIGGER_QUEUE } from '../src/plugins/functions/trigger-queue';
import { createApp } from './app-data-helpers';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  type ChildServer,
  type Json,
  login,
  makeDataDir,
  spawnServer,
  startTestServer,
  stopChildren,
  until as waitUntil,
} from './harness';

const children: ChildServer[] = [];
let dataDir: string | undefined;
// A server starts in a few seconds; on a machine busy with other suites it can take far longer.
const slowStart = { startTimeoutMs: 90_000 };

afterAll(async () => {
  await stopChildren(children);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const until = <T>(read: () => Promise<T>, done: (value: T) => boolean, what: string) =>
  waitUntil(read, done, what, { timeoutMs: 60_000, everyMs: 100 });

// Notes that it started, takes a while, then records the order it was started for.
const slowRecorder = `
export async function main(event) {
  await db.admin().collection('started').insertOne({ order: event.document._id, at: Date.now() });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await db.admin().collection('seen').insertOne({ order: event.document._id, item: event.document.item });
}`;

it('runs the trigger of an acknowledged write again after the server is killed during it', async () => {
  // A change a killed process held is taken again 3 s after its last renewal (renewed every 1 s
  // while the function runs, so a busy machine does not make the live process run it twice).
  const env = { TESSERA_FUNCTION_TRIGGER_LEASE_MS: '3000', TESSERA_FUNCTION_TRIGGER_POLL_MS: '200' };
  dataDir = await makeDataDir();
  const first = await spawnServer(dataDir, env, slowStart);
  children.push(first);
  const admin = await login(first.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  const workspaceId = (await admin.get('/api/auth/me')).body.workspaces[0].id;
  const app = await admin.post(`/api/workspaces/${workspaceId}/apps`, { name: 'Trigger restart' });
  expect(app.status, app.text).toBe(201);
  const appId = app.body.id as string;
  const deployed = await admin.put(`/api/apps/${appId}/functions/onOrder`, {
    manifest: { name: 'onOrder', triggers: [{ type: 'database', collection: 'orders', events: ['insert'] }] },
    files: { 'index.js': slowRecorder },
  });
  expect(deployed.status, deployed.text).toBe(201);
  const query = (client: typeof admin, collection: string) =>
    client
      .post(`/api/apps/${appId}/db/data/${collection}/query`, {})
      .then((reply) => reply.body.data as Json[]);

  const added = await admin.post(`/api/apps/${appId}/db/data/orders/docs`, { data: { item: 'permit' } });
  expect(added.status, added.text).toBe(200);
  const order = added.body.id as string;
  // kill the process while the function runs (it has started, it has not recorded the order)
  await until(
    () => query(admin, 'started'),
    (list) => list.length === 1,
    'the function to start',
  );
  expect(await query(admin, 'seen')).toEqual([]);
  first.process.kill('SIGKILL');
  await first.exited;

  const second = await spawnServer(dataDir, env, slowStart);
  children.push(second);
  const again = await login(second.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  const seen = await until(
    () => query(again, 'seen'),
    (list) => list.length > 0,
    'the trigger run by the second process',
  );
  expect(seen).toMatchObject([{ order, item: 'permit' }]);
  // it ran once more in all: started by the killed process, then by the second one
  expect((await query(again, 'started')).map((row) => row.order)).toEqual([order, order]);
}, 240_000);

it('finishes a trigger under way when the server is closed, before the store closes', async () => {
  const server = await startTestServer();
  const appId = await createApp(server);
  const deployed = await server.admin.put(`/api/apps/${appId}/functions/onOrder`, {
    manifest: { name: 'onOrder', triggers: [{ type: 'database', collection: 'orders', events: ['insert'] }] },
    files: { 'index.js': slowRecorder },
  });
  expect(deployed.status, deployed.text).toBe(201);
  const added = await server.admin.post(`/api/apps/${appId}/db/data/orders/docs`, {
    data: { item: 'licence' },
  });
  expect(added.status, added.text).toBe(200);
  await until(
    async () => (await server.admin.post(`/api/apps/${appId}/db/data/started/query`, {})).body.data as Json[],
    (list) => list.length === 1,
    'the function to start',
  );
  await server.close({ keepData: true });
  const store = await openStore({ dataDir: server.dataDir });
  try {
    expect(await store.app(appId).collection('seen').find({}).toArray()).toMatchObject([
      { order: added.body.id },
    ]);
    expect(await store.platform().collection(TRIGGER_QUEUE).countDocuments()).toBe(0);
  } finally {
    await store.close();
    await rm(server.dataDir, { recursive: true, force: true });
  }
}, 120_000);
