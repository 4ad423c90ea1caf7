// Cloud functions over real HTTP: deploy (versions, audit, rollback), calls from an app user with
// the database, storage and fetch capabilities, HTTP triggers, logs, schedules, and hostile code.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { init, memoryPersistence } from '@tessera/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppUserClient, appUser, createApp } from './app-data-helpers';
import { type Json, startTestServer, type TestServer } from './harness';

let server: TestServer;
let appId: string;
let alice: AppUserClient;
let bob: AppUserClient;
let partner: Server;
let partnerPort: number;

beforeAll(async () => {
  process.env.TESSERA_FUNCTION_WORKERS = '2';
  process.env.TESSERA_SCHEDULE_SYNC_MS = '500';
  server = await startTestServer();
  appId = await createApp(server);
  alice = await appUser(server, appId);
  bob = await appUser(server, appId);
  partner = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ approved: true, path: req.url }));
  });
  await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
  partnerPort = (partner.address() as AddressInfo).port;
});
afterAll(async () => {
  await server.close();
  await new Promise((resolve) => partner.close(resolve));
});

const deploy = (name: string, files: Record<string, string>, manifest: Json = {}) =>
  server.admin.put(`/api/apps/${appId}/functions/${name}`, { manifest: { name, ...manifest }, files });
const call = (user: AppUserClient, name: string, data: unknown) =>
  user.post(`/app-api/${appId}/functions/${name}`, { data });

async function upload(user: AppUserClient, cloudPath: string, text: string) {
  const form = new FormData();
  form.append('cloudPath', cloudPath);
  form.append('file', new Blob([text], { type: 'text/plain' }), 'upload.txt');
  const response = await fetch(`${server.url}/app-api/${appId}/storage/upload`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${user.session.accessToken}` },
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

describe('deploy', () => {
  it('refuses an invalid manifest with pointers', async () => {
    const reply = await deploy(
      'bad',
      { 'index.js': 'export async function main() {}' },
      { timeoutMs: 999999, triggers: [{ type: 'http' }] },
    );
    expect(reply.status).toBe(400);
    expect(reply.body.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pointer: '/manifest/timeoutMs' }),
        expect.objectContaining({ pointer: '/manifest/triggers/0/path' }),
      ]),
    );
  });

  it('refuses code that does not build, naming file:line:column', async () => {
    const reply = await deploy('broken', {
      'index.ts': "import { x } from './lib';\nexport async function main() { return x; }\n",
      'lib.ts': 'export const x = {\n  a: 1,,\n};\n',
    });
    expect(reply.status).toBe(400);
    expect(reply.body.message).toMatch(/lib\.ts:2:8: /);
    expect(reply.body.details[0]).toMatchObject({ pointer: '/files/lib.ts' });
  });

  it('keeps versions, audits deploys and rolls back', async () => {
    expect(
      (await deploy('version', { 'index.js': 'export async function main() { return 1; }' })).body,
    ).toMatchObject({ version: 1 });
    expect(
      (await deploy('version', { 'index.js': 'export async function main() { return 2; }' })).body,
    ).toMatchObject({ version: 2 });
    expect((await call(alice, 'version', null)).body).toMatchObject({ result: 2 });
    const rolled = await server.admin.post(`/api/apps/${appId}/functions/version/rollback`, { version: 1 });
    expect(rolled.status).toBe(200);
    expect((await call(alice, 'version', null)).body).toMatchObject({ result: 1 });
    expect(
      (await server.admin.post(`/api/apps/${appId}/functions/version/rollback`, { version: 9 })).status,
    ).toBe(404);
    const detail = await server.admin.get(`/api/apps/${appId}/functions/version`);
    expect(detail.body).toMatchObject({ activeVersion: 1, versions: [{ version: 2 }, { version: 1 }] });
    const audit = await server.admin.get(`/api/workspaces/${server.workspaceId}/audit`);
    const actions = (audit.body.entries ?? audit.body.items ?? audit.body).map((e: Json) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['function.deploy', 'function.rollback']));
  });

  it('needs a builder of the app', async () => {
    expect(
      (await server.anonymous.put(`/api/apps/${appId}/functions/x`, { manifest: { name: 'x' }, files: {} }))
        .status,
    ).toBe(401);
    const viewer = await server.member(server.workspaceId, 'viewer');
    const reply = await viewer.put(`/api/apps/${appId}/functions/x`, {
      manifest: { name: 'x' },
      files: { 'index.js': '' },
    });
    expect(reply.status).toBe(403);
  });
});

describe('calling a function from an app', () => {
  it('reads as the caller, writes, reads an uploaded file, fetches an allowed host and is refused another', async () => {
    await alice.post(alice.db('notes', '/docs'), { data: { text: 'alice note' } });
    await bob.post(bob.db('notes', '/docs'), { data: { text: 'bob note' } });
    await upload(alice, 'forms/alice.txt', 'form contents');
    const deployed = await deploy(
      'apply',
      {
        'index.ts': `
import { db, fetch, storage } from '@tessera/function-sdk';
export async function main(event: { port: number }, context: { auth: { uid: string } }) {
  const mine = await db.collection('notes').find({});
  const everyone = await db.admin().collection('notes').countDocuments({ text: { $regex: 'note$' } });
  const { insertedId } = await db.collection('applications').insertOne({ by: context.auth.uid, notes: mine.length });
  const file = await storage.read('forms/alice.txt');
  const partner = await (await fetch('http://127.0.0.1:' + event.port + '/check')).json();
  const refused = await fetch('http://127.0.0.1:1/').then(() => 'fetched', (e: Error) => e.name);
  return { mine: mine.map((n) => n.text), everyone, insertedId, file: file.content, partner, refused };
}`,
      },
      { allowedHosts: [`127.0.0.1:${partnerPort}`] },
    );
    expect(deployed.status, deployed.text).toBe(201);
    const reply = await call(alice, 'apply', { port: partnerPort });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.result).toMatchObject({
      mine: ['alice note'],
      everyone: 2,
      file: 'form contents',
      partner: { approved: true, path: '/check' },
      refused: 'FetchRefused',
    });
    const saved = await alice.get(alice.db('applications', `/docs/${reply.body.result.insertedId}`));
    expect(saved.status).toBe(200);
    expect(saved.body.data ?? saved.body).toMatchObject({ by: alice.uid, notes: 1 });
  });

  it('answers 404 for an unknown function and 502 with the error for a failing one', async () => {
    expect((await call(alice, 'nothing', null)).status).toBe(404);
    await deploy('fails', {
      'index.js': 'export async function main() { throw new TypeError("bad input"); }',
    });
    const reply = await call(alice, 'fails', null);
    expect(reply.status).toBe(502);
    expect(reply.body.message).toMatch(/TypeError: bad input/);
    expect(reply.body.kind).toBe('thrown');
  });

  it('ends an endless loop with 504 while the server keeps answering', async () => {
    await deploy('spin', { 'index.js': 'export async function main() { for (;;) {} }' }, { timeoutMs: 1000 });
    await deploy('echo', { 'index.js': 'export async function main(e) { return e; }' });
    const spinning = call(alice, 'spin', null);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    expect((await server.anonymous.get('/health')).status).toBe(200);
    expect((await call(bob, 'echo', { hi: 1 })).body).toMatchObject({ result: { hi: 1 } });
    expect(Date.now() - started).toBeLessThan(900);
    const reply = await spinning;
    expect(reply.status).toBe(504);
    expect(reply.body.kind).toBe('timeout');
  });

  it('keeps logs per invocation, paged newest first', async () => {
    await deploy('chatty', {
      'index.js': 'export async function main(e) { console.log("hello", e.n); return e.n; }',
    });
    for (const n of [1, 2, 3]) expect((await call(alice, 'chatty', { n })).status).toBe(200);
    let logs = await server.admin.get(`/api/apps/${appId}/functions/chatty/logs?limit=2`);
    for (let i = 0; i < 20 && logs.body.logs.length < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      logs = await server.admin.get(`/api/apps/${appId}/functions/chatty/logs?limit=2`);
    }
    expect(logs.status).toBe(200);
    expect(logs.body.logs.map((l: Json) => l.logs[0].message)).toEqual(['hello 3', 'hello 2']);
    expect(logs.body.logs[0]).toMatchObject({
      status: 'ok',
      functionName: 'chatty',
      trigger: { type: 'sdk' },
    });
    expect(logs.body.logs[0].durationMs).toBeGreaterThanOrEqual(0);
    const older = await server.admin.get(
      `/api/apps/${appId}/functions/chatty/logs?limit=2&before=${logs.body.next}`,
    );
    expect(older.body.logs.map((l: Json) => l.logs[0].message)).toEqual(['hello 1']);
    const newer = await server.admin.get(
      `/api/apps/${appId}/functions/chatty/logs?after=${logs.body.logs[0]._id}`,
    );
    expect(newer.body.logs).toEqual([]);
  });
});

describe('triggers', () => {
  it('serves an HTTP trigger with path parameters', async () => {
    await deploy(
      'hook',
      {
        'index.js':
          'export async function main(e) { return { statusCode: 202, headers: { "x-order": e.params.id }, body: { got: e.body, method: e.method } }; }',
      },
      { triggers: [{ type: 'http', path: '/orders/:id', methods: ['POST'], public: true }] },
    );
    const response = await fetch(`${server.url}/app-api/${appId}/http/orders/42`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ qty: 2 }),
    });
    expect(response.status).toBe(202);
    expect(response.headers.get('x-order')).toBe('42');
    expect(await response.json()).toEqual({ got: { qty: 2 }, method: 'POST' });
    expect((await fetch(`${server.url}/app-api/${appId}/http/orders/42`)).status).toBe(404);
  });

  it('runs a scheduled function on time, once per tick', async () => {
    await deploy(
      'tick',
      {
        'index.js':
          'export async function main(e) { await db.admin().collection("ticks").insertOne({ at: e.scheduledAt }); }',
      },
      { triggers: [{ type: 'schedule', cron: '* * * * * *' }] },
    );
    await new Promise((resolve) => setTimeout(resolve, 3500));
    const ticks = await server.admin.post(`/api/apps/${appId}/db/data/ticks/query`, { limit: 100 });
    const times = (ticks.body.data as Json[]).map((d) => d.at as string);
    expect(times.length).toBeGreaterThanOrEqual(2);
    expect(new Set(times).size).toBe(times.length);
  });
});

describe('secrets and data triggers', () => {
  it('gives a function the secrets its manifest names, without ever showing their values', async () => {
    const set = await server.admin.patch(`/api/apps/${appId}/function-secrets`, {
      GOV_KEY: 'k-123',
      OTHER: 'x',
    });
    expect(set.status, set.text).toBe(200);
    expect(set.body).toEqual({ names: ['GOV_KEY', 'OTHER'] });
    expect(
      JSON.stringify((await server.admin.get(`/api/apps/${appId}/function-secrets`)).body),
    ).not.toContain('k-123');
    await deploy(
      'secretive',
      {
        'index.js':
          'export async function main() { return { key: env.GOV_KEY, other: env.OTHER ?? null, region: env.REGION }; }',
      },
      { secrets: ['GOV_KEY'], env: { REGION: 'east' } },
    );
    expect((await call(alice, 'secretive', null)).body.result).toEqual({
      key: 'k-123',
      other: null,
      region: 'east',
    });
    await server.admin.patch(`/api/apps/${appId}/function-secrets`, { GOV_KEY: null });
    expect((await call(alice, 'secretive', null)).body.result).toEqual({ other: null, region: 'east' });
    expect(
      (await server.admin.patch(`/api/apps/${appId}/function-secrets`, { 'bad name': 'x' })).status,
    ).toBe(400);
  });

  it('runs functions with a matching database trigger when another plugin fires one', async () => {
    await deploy(
      'onOrder',
      {
        'index.js':
          'export async function main(e, ctx) { await db.admin().collection("order_log").insertOne({ id: e.document.id, event: e.event, trigger: ctx.trigger.type }); return "logged"; }',
      },
      { triggers: [{ type: 'database', collection: 'orders', events: ['insert'] }] },
    );
    const ran = await server.app.functions.fireTrigger(appId, {
      type: 'database',
      collection: 'orders',
      event: 'insert',
      document: { id: 'o1' },
    });
    expect(ran.map((r) => (r.ok ? r.value : r.error.message))).toEqual(['logged']);
    expect(
      await server.app.functions.fireTrigger(appId, {
        type: 'database',
        collection: 'orders',
        event: 'delete',
        document: {},
      }),
    ).toEqual([]);
    const logged = await server.admin.post(`/api/apps/${appId}/db/data/order_log/query`, {});
    expect(logged.body.data).toMatchObject([{ id: 'o1', event: 'insert', trigger: 'database' }]);
  });
});

describe('two server processes on one store', () => {
  it('serves any function from either process and fires each schedule tick once between them', async () => {
    const second = await startTestServer({ dataDir: server.dataDir });
    try {
      await deploy(
        'tick2',
        {
          'index.js':
            'export async function main(e) { await db.admin().collection("ticks2").insertOne({ at: e.scheduledAt }); }',
        },
        { triggers: [{ type: 'schedule', cron: '* * * * * *' }] },
      );
      const viaSecond = await fetch(`${second.url}/app-api/${appId}/functions/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${alice.session.accessToken}` },
        body: JSON.stringify({ data: { from: 'second' } }),
      });
      expect(await viaSecond.json()).toMatchObject({ result: { from: 'second' } });
      const started = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 4000));
      const ticks = await server.admin.post(`/api/apps/${appId}/db/data/ticks2/query`, { limit: 100 });
      const times = (ticks.body.data as Json[]).map((d) => d.at as string);
      expect(times.length).toBeGreaterThanOrEqual(3);
      expect(times.length).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 1000) + 1);
      expect(new Set(times).size).toBe(times.length);
    } finally {
      await second.close({ keepData: true });
    }
  });
});

describe('end to end through the SDK', () => {
  it("callFunction runs a function that uses the caller's data, storage and an allowed host", async () => {
    await deploy(
      'sdkFlow',
      {
        'index.ts': `
import { db, fetch, storage } from '@tessera/function-sdk';
export async function main(event: { port: number; fileID: string }, context: { auth: { uid: string } }) {
  const todos = await db.collection('todos').find({});
  const path = event.fileID.replace(/^cloud:\\/\\/[^/]+\\//, '');
  const file = await storage.read(path);
  const partner = await (await fetch('http://127.0.0.1:' + event.port + '/ok')).json();
  const refused = await fetch('https://example.com/').then(() => 'fetched', (e: Error) => e.name);
  const { insertedId } = await db.collection('receipts').insertOne({ todos: todos.length, file: file.content });
  return { uid: context.auth.uid, todos: todos.map((t) => t.title), partner: partner.approved, refused, insertedId };
}`,
      },
      { allowedHosts: [`127.0.0.1:${partnerPort}`] },
    );
    const client = init({ appId, baseUrl: server.url, persistence: memoryPersistence() });
    const state = await client.auth().signInAnonymously();
    await client.database().collection('todos').add({ title: 'file the form' });
    const { fileID } = await client.uploadFile({
      cloudPath: 'sdk/form.txt',
      file: new Blob(['signed form'], { type: 'text/plain' }),
    });
    const { result } = await client.callFunction<Json>({
      name: 'sdkFlow',
      data: { port: partnerPort, fileID },
    });
    expect(result).toMatchObject({
      uid: state.user.uid,
      todos: ['file the form'],
      partner: true,
      refused: 'FetchRefused',
    });
    const receipt = await client.database().collection('receipts').doc(result.insertedId).get();
    expect(receipt.data).toMatchObject({ todos: 1, file: 'signed form' });
  });
});

describe('conditional writes from functions', () => {
  it('a conditional updateOne from overlapping calls takes the last seat exactly once', async () => {
    const seeded = await server.admin.put(`/api/apps/${appId}/db/data/seats/docs/last`, {
      data: { left: 1 },
    });
    expect(seeded.status, seeded.text).toBe(200);
    const deployed = await deploy('takeSeat', {
      // Several host calls in flight at once, plus several invocations: both kinds of overlap.
      'index.js': `export async function main() {
        const seats = db.admin().collection('seats');
        const take = () => seats.updateOne({ _id: 'last', left: { $gt: 0 } }, { $inc: { left: -1 } });
        const taken = await Promise.all([take(), take(), take(), take()]);
        return taken.map((t) => t.matchedCount);
      }`,
    });
    expect(deployed.status, deployed.text).toBe(201);
    const replies = await Promise.all(Array.from({ length: 4 }, () => call(alice, 'takeSeat', null)));
    expect(replies.map((r) => r.status)).toEqual(Array(4).fill(200));
    const matched = replies.flatMap((r) => r.body.result as number[]);
    expect(matched.filter((n) => n === 1)).toHaveLength(1);
    const seat = await server.admin.get(`/api/apps/${appId}/db/data/seats/docs/last`);
    expect(seat.body.data.left).toBe(0);
  });
});
