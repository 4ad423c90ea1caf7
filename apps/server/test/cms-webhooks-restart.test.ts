// A webhook retry pending when the server process dies is made by the next process on the same data:
// the next attempt of each delivery is kept in the store, not only in a timer.
import { rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type ChildServer, login, makeDataDir, spawnServer } from './harness';

const children: ChildServer[] = [];
let dataDir: string | undefined;
let receiver: http.Server | undefined;

afterAll(async () => {
  for (const child of children) {
    if (child.process.exitCode === null && child.process.signalCode === null) {
      child.process.kill('SIGTERM');
      await child.exited;
    }
  }
  await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve(null)));
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('delivers a pending retry after the server is killed and started again', async () => {
  const received: { at: number; delivery: string }[] = [];
  receiver = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received.push({ at: Date.now(), delivery: String(request.headers['x-tessera-delivery']) });
      response.statusCode = received.length === 1 ? 503 : 200;
      response.end();
    });
  });
  await new Promise<void>((resolve) => receiver?.listen(0, '127.0.0.1', resolve));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  dataDir = await makeDataDir();
  // The retry is due 2 s after the first failure: time enough to kill the first process before it.
  const env = {
    TESSERA_CMS_WEBHOOK_BACKOFF_MS: '2000',
    TESSERA_CMS_WEBHOOK_ATTEMPTS: '3',
    TESSERA_CMS_WEBHOOK_POLL_MS: '200',
  };
  const first = await spawnServer(dataDir, env);
  children.push(first);
  const admin = await login(first.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  const workspaceId = (await admin.get('/api/auth/me')).body.workspaces[0].id;
  const app = await admin.post(`/api/workspaces/${workspaceId}/apps`, { name: 'Webhook restart' });
  expect(app.status, app.text).toBe(201);
  const api = `/api/apps/${app.body.id}/cms`;
  expect(
    (await admin.post(`${api}/models`, { name: 'news', fields: [{ name: 'title', type: 'text' }] })).status,
  ).toBe(201);
  const hook = await admin.post(`${api}/webhooks`, { url: hookUrl, events: ['create'] });
  expect(hook.status, hook.text).toBe(201);
  expect(
    (await admin.post(`${api}/models/news/entries`, { fields: { title: 'Before the crash' } })).status,
  ).toBe(201);
  const pending = await until(
    () => admin.get(`${api}/webhooks/${hook.body.id}/deliveries`),
    (reply) => reply.body.data[0]?.attempts.length === 1,
    'the first attempt',
  );
  expect(pending.body.data[0]).toMatchObject({ state: 'pending', attempts: [{ status: 503 }] });
  first.process.kill('SIGKILL');
  await first.exited;
  const killedAt = Date.now();
  expect(received).toHaveLength(1);

  const second = await spawnServer(dataDir, env);
  children.push(second);
  const again = await login(second.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  const done = await until(
    () => again.get(`${api}/webhooks/${hook.body.id}/deliveries`),
    (reply) => reply.body.data[0]?.state === 'delivered',
    'the retry by the second process',
  );
  expect(done.body.data[0].attempts.map((a: { status: number }) => a.status)).toEqual([503, 200]);
  expect(received).toHaveLength(2);
  expect(received[1]?.delivery).toBe(received[0]?.delivery);
  expect(received[1]?.at).toBeGreaterThan(killedAt);
}, 60_000);
