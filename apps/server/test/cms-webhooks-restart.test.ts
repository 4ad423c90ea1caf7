// Webhook attempts pending when the server process dies are made by the next process on the same
// data: the next attempt of each delivery is kept in the store, not only in a timer — both a retry
// waiting for its backoff and an attempt the process was in the middle of (after its lease).
import { rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  type ChildServer,
  login,
  makeDataDir,
  spawnServer,
  stopChildren,
  until as waitUntil,
} from './harness';

const children: ChildServer[] = [];
let dataDir: string | undefined;
let receiver: http.Server | undefined;
const hanging: http.ServerResponse[] = [];
// A server starts in a few seconds; on a machine busy with other suites it can take far longer.
const slowStart = { startTimeoutMs: 90_000 };

afterAll(async () => {
  await stopChildren(children);
  for (const response of hanging) response.destroy();
  await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve(null)));
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const until = <T>(read: () => Promise<T>, done: (value: T) => boolean, what: string) =>
  waitUntil(read, done, what, { timeoutMs: 30_000 });

it('makes pending retries and interrupted attempts after the server is killed and started again', async () => {
  // /retry answers 503 the first time, then 200; /hang never answers the first time, then 200.
  const received: { path: string; at: number; delivery: string }[] = [];
  receiver = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const path = String(request.url);
      const before = received.filter((r) => r.path === path).length;
      received.push({ path, at: Date.now(), delivery: String(request.headers['x-tessera-delivery']) });
      if (before > 0) response.end();
      else if (path === '/retry') {
        response.statusCode = 503;
        response.end();
      } else hanging.push(response);
    });
  });
  await new Promise<void>((resolve) => receiver?.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const of = (path: string) => received.filter((r) => r.path === path);

  dataDir = await makeDataDir();
  // The retry is due 3 s after the first failure: time enough to kill the first process before it.
  // An attempt claimed by a process that dies is made again 1.5 s after it was claimed.
  const env = {
    TESSERA_CMS_WEBHOOK_BACKOFF_MS: '3000',
    TESSERA_CMS_WEBHOOK_ATTEMPTS: '3',
    TESSERA_CMS_WEBHOOK_POLL_MS: '200',
    TESSERA_CMS_WEBHOOK_LEASE_MS: '1500',
  };
  const first = await spawnServer(dataDir, env, slowStart);
  children.push(first);
  const admin = await login(first.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  const workspaceId = (await admin.get('/api/auth/me')).body.workspaces[0].id;
  const app = await admin.post(`/api/workspaces/${workspaceId}/apps`, { name: 'Webhook restart' });
  expect(app.status, app.text).toBe(201);
  const api = `/api/apps/${app.body.id}/cms`;
  const model = await admin.post(`${api}/models`, {
    name: 'news',
    fields: [{ name: 'title', type: 'text' }],
  });
  expect(model.status).toBe(201);
  const retry = await admin.post(`${api}/webhooks`, { url: `${base}/retry`, events: ['create'] });
  const hang = await admin.post(`${api}/webhooks`, { url: `${base}/hang`, events: ['create'] });
  expect([retry.status, hang.status]).toEqual([201, 201]);
  const entry = await admin.post(`${api}/models/news/entries`, { fields: { title: 'Before the crash' } });
  expect(entry.status).toBe(201);
  const deliveries = (hook: string, client = admin) => client.get(`${api}/webhooks/${hook}/deliveries`);
  const pending = await until(
    () => deliveries(retry.body.id),
    (reply) => reply.body.data[0]?.attempts.length === 1,
    'the first attempt to /retry',
  );
  expect(pending.body.data[0]).toMatchObject({ state: 'pending', attempts: [{ status: 503 }] });
  await until(
    async () => of('/hang').length,
    (n) => n === 1,
    'the request to /hang',
  );
  first.process.kill('SIGKILL');
  await first.exited;
  const killedAt = Date.now();
  expect(received).toHaveLength(2);

  const second = await spawnServer(dataDir, env, slowStart);
  children.push(second);
  const again = await login(second.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  const retried = await until(
    () => deliveries(retry.body.id, again),
    (reply) => reply.body.data[0]?.state === 'delivered',
    'the retry by the second process',
  );
  expect(retried.body.data[0].attempts.map((a: { status: number }) => a.status)).toEqual([503, 200]);
  const resumed = await until(
    () => deliveries(hang.body.id, again),
    (reply) => reply.body.data[0]?.state === 'delivered',
    'the interrupted attempt made again',
  );
  // The killed attempt was never recorded; the one made again is.
  expect(resumed.body.data[0].attempts.map((a: { status: number }) => a.status)).toEqual([200]);
  for (const path of ['/retry', '/hang']) {
    const [before, after] = of(path);
    expect(of(path)).toHaveLength(2);
    expect(after?.delivery).toBe(before?.delivery);
    expect(after?.at).toBeGreaterThan(killedAt);
  }
}, 240_000);
