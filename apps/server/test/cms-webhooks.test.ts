// CMS webhooks against a real local HTTP receiver: HMAC signature, events, retries with backoff, delivery log.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app-data-helpers';
import { type Json, startTestServer, type TestServer } from './harness';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

let server: TestServer;
let receiver: http.Server;
let receiverUrl: string;
const received: Received[] = [];
let failuresLeft = 0;
let api: string;

beforeAll(async () => {
  process.env.TESSERA_CMS_WEBHOOK_BACKOFF_MS = '40';
  process.env.TESSERA_CMS_WEBHOOK_ATTEMPTS = '4';
  receiver = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += String(chunk);
    });
    request.on('end', () => {
      received.push({ headers: request.headers, body, at: Date.now() });
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        response.statusCode = 503;
      }
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  server = await startTestServer();
  const appId = await createApp(server);
  api = `/api/apps/${appId}/cms`;
  const model = await server.admin.post(`${api}/models`, {
    name: 'news',
    fields: [{ name: 'title', type: 'text' }],
  });
  expect(model.status).toBe(201);
}, 60_000);

afterAll(async () => {
  await server?.close();
  await new Promise((resolve) => receiver?.close(resolve));
  delete process.env.TESSERA_CMS_WEBHOOK_BACKOFF_MS;
  delete process.env.TESSERA_CMS_WEBHOOK_ATTEMPTS;
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out waiting');
}

describe('webhooks', () => {
  it('signs each delivery, retries failures with growing delays and logs every attempt', async () => {
    const hook = await server.admin.post(`${api}/webhooks`, {
      url: receiverUrl,
      events: ['create', 'update', 'delete', 'publish', 'unpublish'],
    });
    expect(hook.status, hook.text).toBe(201);
    const secret = hook.body.secret as string;
    expect(secret).toMatch(/^whsec_/);
    expect(JSON.stringify((await server.admin.get(`${api}/webhooks`)).body)).not.toContain(secret);

    failuresLeft = 2;
    received.length = 0;
    const created = await server.admin.post(`${api}/models/news/entries`, { fields: { title: 'Hello' } });
    expect(created.status).toBe(201);
    await until(
      async () => received.length,
      (n) => n >= 3,
    );
    const [first, second, third] = received as [Received, Received, Received];
    for (const delivery of [first, second, third]) {
      const timestamp = String(delivery.headers['x-tessera-timestamp']);
      const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${delivery.body}`).digest('hex')}`;
      expect(delivery.headers['x-tessera-signature']).toBe(expected);
      expect(delivery.headers['x-tessera-delivery']).toBe(first.headers['x-tessera-delivery']);
    }
    const payload = JSON.parse(third.body);
    expect(payload).toMatchObject({
      event: 'create',
      model: 'news',
      entry: { _id: created.body._id, title: 'Hello' },
    });
    // Exponential backoff: the second wait is about twice the first (40 ms, then 80 ms).
    expect(second.at - first.at).toBeGreaterThanOrEqual(35);
    expect(third.at - second.at).toBeGreaterThanOrEqual(75);

    const log = await until(
      () => server.admin.get(`${api}/webhooks/${hook.body.id}/deliveries`),
      (reply) => reply.body.data[0]?.state === 'delivered',
    );
    const delivery = log.body.data[0];
    expect(delivery.attempts.map((a: Json) => a.status)).toEqual([503, 503, 200]);
    expect(delivery.attempts[0].error).toBe('answered 503');

    // A tampered body does not match the signature.
    const forged = createHmac('sha256', secret)
      .update(`${third.headers['x-tessera-timestamp']}.${third.body}x`)
      .digest('hex');
    expect(third.headers['x-tessera-signature']).not.toBe(`sha256=${forged}`);
  });

  it('sends publish, unpublish, update and delete events', async () => {
    received.length = 0;
    failuresLeft = 0;
    const entry = await server.admin.post(`${api}/models/news/entries`, { fields: { title: 'Events' } });
    const id = entry.body._id;
    await server.admin.post(`${api}/models/news/entries/${id}/publish`);
    await server.admin.patch(`${api}/models/news/entries/${id}`, { fields: { title: 'Changed' } });
    await server.admin.post(`${api}/models/news/entries/${id}/unpublish`);
    await server.admin.delete(`${api}/models/news/entries/${id}`);
    const events = await until(
      async () =>
        received
          .map((r) => JSON.parse(r.body))
          .filter((p) => p.entry._id === id)
          .map((p) => p.event),
      (list) => list.length >= 5,
    );
    expect(events.sort()).toEqual(['create', 'delete', 'publish', 'unpublish', 'update']);
  });

  it('gives up after the last attempt and logs the failure', async () => {
    const dead = await server.admin.post(`${api}/webhooks`, {
      url: 'http://127.0.0.1:1/unreachable',
      events: ['create'],
    });
    await server.admin.post(`${api}/models/news/entries`, { fields: { title: 'Lost' } });
    const log = await until(
      () => server.admin.get(`${api}/webhooks/${dead.body.id}/deliveries`),
      (reply) => reply.body.data[0]?.state === 'failed',
    );
    expect(log.body.data[0].attempts).toHaveLength(4);
    expect(log.body.data[0].attempts[0].status).toBeNull();
    expect(log.body.data[0].attempts[0].error).toBeTruthy();
  });
});
