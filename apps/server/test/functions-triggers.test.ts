// Functions started by data: database-change triggers from app data writes (end-user and builder
// routes), the trigger-depth loop guard, CMS event triggers, CMS webhooks whose target is a function,
// and the cms capability (published entries read inside the sandbox). Real server, real functions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppUserClient, appUser, createApp } from './app-data-helpers';
import { type Json, startTestServer, type TestServer, until } from './harness';

let server: TestServer;
let appId: string;
let alice: AppUserClient;

beforeAll(async () => {
  process.env.TESSERA_FUNCTION_WORKERS = '2';
  process.env.TESSERA_CMS_WEBHOOK_BACKOFF_MS = '40';
  process.env.TESSERA_CMS_WEBHOOK_ATTEMPTS = '3';
  server = await startTestServer();
  appId = await createApp(server);
  alice = await appUser(server, appId);
}, 60_000);
afterAll(async () => {
  await server?.close();
  delete process.env.TESSERA_CMS_WEBHOOK_BACKOFF_MS;
  delete process.env.TESSERA_CMS_WEBHOOK_ATTEMPTS;
});

const deploy = async (name: string, source: string, manifest: Json = {}) => {
  const reply = await server.admin.put(`/api/apps/${appId}/functions/${name}`, {
    manifest: { name, ...manifest },
    files: { 'index.js': source },
  });
  expect(reply.status, reply.text).toBe(201);
};

/** Documents of a collection as the builder sees them (bypassing rules), oldest first. */
const documents = async (collection: string, filter: Json = {}): Promise<Json[]> => {
  const reply = await server.admin.post(`/api/apps/${appId}/db/data/${collection}/query`, {
    filter,
    sort: { at: 1 },
  });
  expect(reply.status, reply.text).toBe(200);
  return reply.body.data;
};

const logsOf = async (name: string): Promise<Json[]> =>
  (await server.admin.get(`/api/apps/${appId}/functions/${name}/logs?limit=50`)).body.logs;

// Records every event it gets in "seen" (db.admin(): written as the platform, not the app user).
const recorder = `
export async function main(event, context) {
  await db.admin().collection('seen').insertOne({
    by: context.functionName,
    trigger: context.trigger,
    event: event.event,
    collection: event.collection ?? null,
    model: event.model ?? null,
    doc: event.document ?? event.entry ?? null,
    at: Date.now(),
  });
}`;

describe('database triggers', () => {
  it('run after inserts, updates and removes through the end-user and the builder routes', async () => {
    await deploy('onOrder', recorder, { triggers: [{ type: 'database', collection: 'orders' }] });
    await deploy('onOrderRemoved', recorder, {
      triggers: [{ type: 'database', collection: 'orders', events: ['delete'] }],
    });

    const added = await alice.post(alice.db('orders', '/docs'), { data: { item: 'permit', qty: 1 } });
    expect(added.status, added.text).toBe(200);
    const id = added.body.id as string;
    expect(
      (await alice.patch(alice.db('orders', `/docs/${id}`), { update: { $inc: { qty: 2 } } })).status,
    ).toBe(200);
    const builderAdded = await server.admin.post(`/api/apps/${appId}/db/data/orders/docs`, {
      data: { item: 'licence', qty: 5 },
    });
    expect(builderAdded.status).toBe(200);
    const updatedMany = await server.admin.post(`/api/apps/${appId}/db/data/orders/update`, {
      filter: { item: 'licence' },
      update: { $set: { qty: 6 } },
    });
    expect(updatedMany.body).toEqual({ updated: 1 });
    expect((await alice.delete(alice.db('orders', `/docs/${id}`))).status).toBe(200);
    await server.admin.post(`/api/apps/${appId}/db/data/orders/remove`, { filter: { item: 'licence' } });

    const seen = await until(
      () => documents('seen', { collection: 'orders' }),
      (list) => list.length >= 8,
      'eight trigger runs',
    );
    const summary = seen.map((s) => `${s.by} ${s.event} ${s.doc.item} ${s.doc.qty}`).sort();
    expect(summary).toEqual(
      [
        'onOrder insert permit 1',
        'onOrder update permit 3', // the document after the update
        'onOrder insert licence 5',
        'onOrder update licence 6',
        'onOrder delete permit 3', // the document as it was
        'onOrder delete licence 6',
        'onOrderRemoved delete permit 3',
        'onOrderRemoved delete licence 6',
      ].sort(),
    );
    const first = seen.find((s) => s.event === 'insert' && s.doc.item === 'permit');
    expect(first.doc._id).toBe(id);
    expect(first.doc._openid).toBe(alice.uid);
    expect(first.trigger).toEqual({ type: 'database', event: 'insert', collection: 'orders', depth: 1 });
  });

  it('never slow or fail the write, even when the function is slow or throws', async () => {
    await deploy(
      'slowWatcher',
      `export async function main(event) {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await db.admin().collection('slowSeen').insertOne({ text: event.document.text, at: Date.now() });
      }`,
      { triggers: [{ type: 'database', collection: 'slow' }], timeoutMs: 5000 },
    );
    await deploy('thrower', 'export async function main() { throw new Error("refused by the function"); }', {
      triggers: [{ type: 'database', collection: 'slow' }],
    });
    const started = Date.now();
    const reply = await alice.post(alice.db('slow', '/docs'), { data: { text: 'quick' } });
    const took = Date.now() - started;
    expect(reply.status, reply.text).toBe(200);
    expect(took).toBeLessThan(1000);
    expect(await documents('slowSeen')).toEqual([]);
    const seen = await until(
      () => documents('slowSeen'),
      (list) => list.length === 1,
      'the slow function',
    );
    expect(seen[0].text).toBe('quick');
    const thrown = await until(
      () => logsOf('thrower'),
      (logs) => logs.length === 1,
      'the thrower log',
    );
    expect(thrown[0]).toMatchObject({ status: 'thrown', error: { message: 'refused by the function' } });
    expect((await documents('slow')).map((d) => d.text)).toEqual(['quick']);
  });

  it('stop a chain of functions writing what triggers them past depth 3, saying so in the logs', async () => {
    // Each run adds the next link: an endless loop without the guard.
    await deploy(
      'chain',
      `export async function main(event, context) {
        await db.admin().collection('links').insertOne({ n: event.document.n + 1, depth: context.trigger.depth, at: Date.now() });
      }`,
      { triggers: [{ type: 'database', collection: 'links', events: ['insert'] }] },
    );
    const reply = await server.admin.post(`/api/apps/${appId}/db/data/links/docs`, {
      data: { n: 0, at: 0 },
    });
    expect(reply.status).toBe(200);
    await until(
      () => logsOf('chain'),
      (list) => list.length >= 4,
      'three runs and one skip',
    );
    // Give a runaway loop the time to show itself before counting.
    await new Promise((r) => setTimeout(r, 500));
    const links = await documents('links');
    expect(links.map((l) => l.n).sort()).toEqual([0, 1, 2, 3]);
    expect(links.filter((l) => l.n > 0).map((l) => l.depth)).toEqual([1, 2, 3]);
    // The depth-3 run logs after the skip it caused (a log is written when its run ends).
    const final = (await logsOf('chain')).sort((a, b) => a.trigger.depth - b.trigger.depth);
    expect(final.map((l) => `${l.trigger.depth} ${l.status}`)).toEqual(['1 ok', '2 ok', '3 ok', '4 skipped']);
    expect(final[3].logs[0].message).toMatch(/4 levels deep.*limit is 3/);
  });
});

describe('CMS and functions', () => {
  const cms = () => `/api/apps/${appId}/cms`;

  beforeAll(async () => {
    const model = await server.admin.post(`${cms()}/models`, {
      name: 'notice',
      fields: [
        { name: 'title', type: 'text', required: true },
        { name: 'internal', type: 'text', hidden: true },
      ],
    });
    expect(model.status, model.text).toBe(201);
  });

  it('fires cms triggers on create, update, publish, unpublish and delete', async () => {
    await deploy('onNotice', recorder, { triggers: [{ type: 'cms', model: 'notice' }] });
    await deploy('onAnyPublish', recorder, { triggers: [{ type: 'cms', events: ['publish'] }] });
    const entry = await server.admin.post(`${cms()}/models/notice/entries`, {
      fields: { title: 'Water cut' },
    });
    expect(entry.status, entry.text).toBe(201);
    const id = entry.body._id as string;
    await server.admin.patch(`${cms()}/models/notice/entries/${id}`, {
      fields: { title: 'Water cut, 9-12' },
    });
    await server.admin.post(`${cms()}/models/notice/entries/${id}/publish`);
    await server.admin.post(`${cms()}/models/notice/entries/${id}/unpublish`);
    await server.admin.delete(`${cms()}/models/notice/entries/${id}`);
    const seen = await until(
      () => documents('seen', { model: 'notice', 'doc._id': id }),
      (list) => list.length >= 6,
      'six cms trigger runs',
    );
    expect(seen.map((s) => `${s.by} ${s.event}`).sort()).toEqual(
      [
        'onNotice create',
        'onNotice update',
        'onNotice publish',
        'onNotice unpublish',
        'onNotice delete',
        'onAnyPublish publish',
      ].sort(),
    );
    const published = seen.find((s) => s.by === 'onNotice' && s.event === 'publish');
    expect(published.doc.title).toBe('Water cut, 9-12');
    expect(published.trigger).toEqual({ type: 'cms', event: 'publish', model: 'notice', depth: 1 });
  });

  it('delivers a webhook to a cloud function and retries it when the function fails', async () => {
    await deploy(
      'noticeHook',
      `export async function main(event) {
        const before = await db.admin().collection('hookRuns').countDocuments({ delivery: event.id });
        await db.admin().collection('hookRuns').insertOne({ delivery: event.id, event: event.event, title: event.entry.title, at: Date.now() });
        if (before === 0) throw new Error('first try fails');
        return 'done';
      }`,
    );
    const hook = await server.admin.post(`${cms()}/webhooks`, {
      function: 'noticeHook',
      events: ['publish'],
    });
    expect(hook.status, hook.text).toBe(201);
    expect(hook.body).toMatchObject({ function: 'noticeHook', events: ['publish'] });
    const both = await server.admin.post(`${cms()}/webhooks`, {
      function: 'noticeHook',
      url: 'http://127.0.0.1:1/',
      events: ['publish'],
    });
    expect(both.status).toBe(400);
    expect((await server.admin.post(`${cms()}/webhooks`, { events: ['publish'] })).status).toBe(400);

    const entry = await server.admin.post(`${cms()}/models/notice/entries`, {
      fields: { title: 'Clinic hours' },
    });
    await server.admin.post(`${cms()}/models/notice/entries/${entry.body._id}/publish`);
    const log = await until(
      () => server.admin.get(`${cms()}/webhooks/${hook.body.id}/deliveries`),
      (reply) => reply.body.data[0]?.state === 'delivered',
      'the function delivery',
    );
    const delivery = log.body.data[0];
    expect(delivery.attempts).toHaveLength(2);
    expect(delivery.attempts[0].error).toMatch(/thrown: Error: first try fails/);
    expect(delivery.attempts[1].error).toBeUndefined();
    expect(delivery.attempts[1].requestId).toMatch(/\w+/);
    const runs = await documents('hookRuns', { delivery: delivery._id });
    expect(runs.map((r) => `${r.event} ${r.title}`)).toEqual([
      'publish Clinic hours',
      'publish Clinic hours',
    ]);

    await server.admin.delete(`${cms()}/webhooks/${hook.body.id}`);
  });

  it('lets a function read published entries, without drafts or hidden fields', async () => {
    const draft = await server.admin.post(`${cms()}/models/notice/entries`, {
      fields: { title: 'Draft only', internal: 'x' },
    });
    const live = await server.admin.post(`${cms()}/models/notice/entries`, {
      fields: { title: 'Published notice', internal: 'secret note' },
    });
    await server.admin.post(`${cms()}/models/notice/entries/${live.body._id}/publish`);
    await deploy(
      'readNotices',
      `import { cms } from '@tessera/function-sdk';
      export async function main(event) {
        const list = await cms.list('notice', { filter: { title: { $regex: 'notice|Draft' } }, limit: 10 });
        const one = await cms.get('notice', event.live);
        const hidden = await cms.get('notice', event.draft);
        const unknown = await cms.list('nothing').catch((e) => e.name + ': ' + e.message);
        const badFilter = await cms.list('notice', { filter: { nope: 1 } }).catch((e) => e.name + ': ' + e.message);
        const badOption = await cms.list('notice', { limitt: 1 }).catch((e) => e.name);
        return { titles: list.map((e) => e.title), internal: list.map((e) => e.internal ?? null), one: one.title, hidden, unknown, badFilter, badOption };
      }`,
    );
    const reply = await alice.post(`/app-api/${appId}/functions/readNotices`, {
      data: { live: live.body._id, draft: draft.body._id },
    });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.result).toEqual({
      titles: ['Published notice'],
      internal: [null],
      one: 'Published notice',
      hidden: null,
      unknown: 'NotFound: No content model "nothing" in this app',
      badFilter: expect.stringMatching(/^BadRequest: .*no field "nope"/),
      badOption: 'BadRequest',
    });
  });
});
