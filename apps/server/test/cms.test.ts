// The CMS over real HTTP: draft/published visibility, tokens, locales, references, unique fields,
// history, scheduled publishing, model migrations, filters, media, access and malformed input.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app-data-helpers';
import { Client, type Json, startTestServer, type TestServer } from './harness';

let server: TestServer;
let appId: string;
let api: string;
let pub: string;

const article = {
  name: 'article',
  publicRead: true,
  defaultLocale: 'zh-CN',
  locales: ['zh-CN', 'en', 'fr'],
  fields: [
    { name: 'title', type: 'text', required: true, localised: true },
    { name: 'slug', type: 'text', unique: true },
    { name: 'views', type: 'number' },
    { name: 'internalNote', type: 'text', hidden: true },
    { name: 'category', type: 'enum', options: ['news', 'notice'] },
  ],
};

async function withToken(method: string, url: string, token: string, body?: unknown) {
  return new Client(server.url).request(method, url, {
    headers: { 'x-cms-token': token },
    ...(body !== undefined ? { body } : {}),
  });
}

async function createEntry(model: string, fields: Json, publish = false): Promise<Json> {
  const reply = await server.admin.post(`${api}/models/${model}/entries`, { fields, publish });
  expect(reply.status, reply.text).toBe(201);
  return reply.body;
}

beforeAll(async () => {
  server = await startTestServer();
  appId = await createApp(server);
  api = `/api/apps/${appId}/cms`;
  pub = `/app-api/${appId}/cms`;
  const created = await server.admin.post(`${api}/models`, article);
  expect(created.status, created.text).toBe(201);
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('draft and published', () => {
  it('public readers see published entries only, without hidden fields', async () => {
    const draft = await createEntry('article', { title: { 'zh-CN': '草稿' }, slug: 'draft-one' });
    const live = await createEntry(
      'article',
      { title: { 'zh-CN': '新闻' }, slug: 'live-one', internalNote: 'secret' },
      true,
    );
    const list = await server.anonymous.get(`${pub}/article`);
    expect(list.status, list.text).toBe(200);
    const ids = list.body.data.map((e: Json) => e._id);
    expect(ids).toContain(live._id);
    expect(ids).not.toContain(draft._id);
    const one = list.body.data.find((e: Json) => e._id === live._id);
    expect(one.internalNote).toBeUndefined();
    expect((await server.anonymous.get(`${pub}/article/${draft._id}`)).status).toBe(404);
    const publicDraft = await server.anonymous.get(`${pub}/article?status=draft`);
    expect(publicDraft.status).toBe(403);

    // Editing after publishing changes the working copy only, until published again.
    const edited = await server.admin.patch(`${api}/models/article/entries/${live._id}`, {
      fields: { title: { 'zh-CN': '新闻（修改）' } },
    });
    expect(edited.body._status).toBe('changed');
    expect((await server.anonymous.get(`${pub}/article/${live._id}`)).body.title['zh-CN']).toBe('新闻');
    await server.admin.post(`${api}/models/article/entries/${live._id}/publish`);
    expect((await server.anonymous.get(`${pub}/article/${live._id}`)).body.title['zh-CN']).toBe(
      '新闻（修改）',
    );

    const unpublished = await server.admin.post(`${api}/models/article/entries/${live._id}/unpublish`);
    expect(unpublished.body._status).toBe('draft');
    expect((await server.anonymous.get(`${pub}/article/${live._id}`)).status).toBe(404);
  });

  it('tokens: read sees published only, full sees drafts and writes; expired and unknown are refused', async () => {
    const model = await server.admin.post(`${api}/models`, {
      name: 'privateNote',
      fields: [{ name: 'text', type: 'text' }],
    });
    expect(model.status).toBe(201);
    const draft = await createEntry('privateNote', { text: 'draft' });
    const live = await createEntry('privateNote', { text: 'live' }, true);
    expect((await server.anonymous.get(`${pub}/privateNote`)).status).toBe(401);

    const read = await server.admin.post(`${api}/tokens`, { name: 'site', scope: 'read' });
    expect(read.status, read.text).toBe(201);
    const full = await server.admin.post(`${api}/tokens`, { name: 'sync', scope: 'full' });
    const past = await server.admin.post(`${api}/tokens`, {
      name: 'old',
      scope: 'full',
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });

    const readList = await withToken('GET', `${pub}/privateNote`, read.body.token);
    expect(readList.status, readList.text).toBe(200);
    expect(readList.body.data.map((e: Json) => e._id)).toEqual([live._id]);
    expect((await withToken('GET', `${pub}/privateNote?status=draft`, read.body.token)).status).toBe(403);
    expect(
      (await withToken('POST', `${pub}/privateNote`, read.body.token, { fields: { text: 'x' } })).status,
    ).toBe(403);

    const fullList = await withToken('GET', `${pub}/privateNote?status=draft`, full.body.token);
    expect(fullList.body.data.map((e: Json) => e._id).sort()).toEqual([draft._id, live._id].sort());
    const written = await withToken('POST', `${pub}/privateNote`, full.body.token, {
      fields: { text: 'api' },
      publish: true,
    });
    expect(written.status, written.text).toBe(201);
    expect(
      (await withToken('GET', `${pub}/privateNote/${written.body._id}`, read.body.token)).body.text,
    ).toBe('api');

    expect((await withToken('GET', `${pub}/privateNote`, past.body.token)).status).toBe(401);
    expect((await withToken('GET', `${pub}/privateNote`, 'tcms_nope')).status).toBe(401);
    const listed = await server.admin.get(`${api}/tokens`);
    expect(JSON.stringify(listed.body)).not.toContain(read.body.token);
    expect((await server.admin.delete(`${api}/tokens/${read.body.id}`)).status).toBe(200);
    expect((await withToken('GET', `${pub}/privateNote`, read.body.token)).status).toBe(401);
  });

  it('publishes at the scheduled time', async () => {
    const entry = await createEntry('article', { title: { 'zh-CN': '定时' }, slug: 'scheduled' });
    const at = new Date(Date.now() + 300).toISOString();
    const scheduled = await server.admin.post(`${api}/models/article/entries/${entry._id}/schedule`, { at });
    expect(scheduled.status, scheduled.text).toBe(200);
    expect(scheduled.body._scheduledAt).toBe(at);
    expect((await server.anonymous.get(`${pub}/article/${entry._id}`)).status).toBe(404);
    let status = 404;
    for (let i = 0; i < 50 && status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await server.anonymous.get(`${pub}/article/${entry._id}`)).status;
    }
    expect(status).toBe(200);
    const after = await server.admin.get(`${api}/models/article/entries/${entry._id}`);
    expect(after.body._status).toBe('published');
    expect(after.body._scheduledAt).toBeNull();
  });
});

describe('locales, uniqueness, history', () => {
  it('falls back to the default locale', async () => {
    const entry = await createEntry(
      'article',
      { title: { 'zh-CN': '办事指南', en: 'Service guide' }, slug: 'guide' },
      true,
    );
    const en = await server.anonymous.get(`${pub}/article/${entry._id}?locale=en`);
    expect(en.body.title).toBe('Service guide');
    const fr = await server.anonymous.get(`${pub}/article/${entry._id}?locale=fr`);
    expect(fr.body.title).toBe('办事指南');
    const all = await server.anonymous.get(`${pub}/article/${entry._id}`);
    expect(all.body.title).toEqual({ 'zh-CN': '办事指南', en: 'Service guide' });
    const missingDefault = await server.admin.post(`${api}/models/article/entries`, {
      fields: { title: { en: 'Only English' } },
    });
    expect(missingDefault.status).toBe(400);
    expect(missingDefault.body.message).toContain("/fields/title/zh-CN: must have required property 'zh-CN'");
    const unknownLocale = await server.admin.post(`${api}/models/article/entries`, {
      fields: { title: { 'zh-CN': 'a', de: 'b' } },
    });
    expect(unknownLocale.status).toBe(400);
    expect(unknownLocale.body.message).toContain('/fields/title');
  });

  it('unique fields are enforced by an index', async () => {
    await createEntry('article', { title: { 'zh-CN': '一' }, slug: 'same' });
    const second = await server.admin.post(`${api}/models/article/entries`, {
      fields: { title: { 'zh-CN': '二' }, slug: 'same' },
    });
    expect(second.status, second.text).toBe(409);
    // Entries without a value do not collide.
    await createEntry('article', { title: { 'zh-CN': '三' } });
    await createEntry('article', { title: { 'zh-CN': '四' } });
  });

  it('keeps every version and restores an old one as a new version', async () => {
    const entry = await createEntry('article', { title: { 'zh-CN': 'v1' }, slug: 'history', views: 1 });
    await server.admin.patch(`${api}/models/article/entries/${entry._id}`, {
      fields: { title: { 'zh-CN': 'v2' }, views: null },
    });
    const stale = await server.admin.patch(`${api}/models/article/entries/${entry._id}`, {
      fields: { views: 3 },
      expectedVersion: 1,
    });
    expect(stale.status).toBe(409);
    const history = await server.admin.get(`${api}/models/article/entries/${entry._id}/history`);
    expect(history.body.data.map((h: Json) => h.version)).toEqual([2, 1]);
    expect(history.body.data[0].fields.views).toBeUndefined();
    const restored = await server.admin.post(`${api}/models/article/entries/${entry._id}/history/1/restore`);
    expect(restored.status, restored.text).toBe(200);
    expect(restored.body._version).toBe(3);
    expect(restored.body.title['zh-CN']).toBe('v1');
    expect(restored.body.views).toBe(1);
    expect(
      (await server.admin.post(`${api}/models/article/entries/${entry._id}/history/9/restore`)).status,
    ).toBe(404);
  });
});

describe('references', () => {
  it('populates references with a depth limit, and stops at cycles', async () => {
    const person = await server.admin.post(`${api}/models`, {
      name: 'person',
      publicRead: true,
      fields: [
        { name: 'name', type: 'text' },
        { name: 'friend', type: 'reference', model: 'person' },
        { name: 'secret', type: 'text', hidden: true },
      ],
    });
    expect(person.status, person.text).toBe(201);
    const post = await server.admin.post(`${api}/models`, {
      name: 'post',
      publicRead: true,
      fields: [
        { name: 'title', type: 'text' },
        { name: 'author', type: 'reference', model: 'person' },
        { name: 'related', type: 'reference', model: 'post', many: true },
      ],
    });
    expect(post.status, post.text).toBe(201);
    const a = await createEntry('person', { name: 'A', secret: 's' }, true);
    const b = await createEntry('person', { name: 'B', friend: a._id }, true);
    await server.admin.patch(`${api}/models/person/entries/${a._id}`, {
      fields: { friend: b._id },
      publish: true,
    });
    const p = await createEntry('post', { title: 'P', author: a._id }, true);
    const q = await createEntry('post', { title: 'Q', author: b._id, related: [p._id] }, true);
    await server.admin.patch(`${api}/models/post/entries/${p._id}`, {
      fields: { related: [q._id] },
      publish: true,
    });

    const one = await server.anonymous.get(`${pub}/post/${p._id}?populate=author`);
    expect(one.body.author.name).toBe('A');
    expect(one.body.author.secret).toBeUndefined();
    expect(one.body.author.friend).toBe(b._id); // depth 1

    const deep = await server.anonymous.get(`${pub}/post/${p._id}?populate=author&depth=3`);
    expect(deep.body.author.friend.name).toBe('B');
    expect(deep.body.author.friend.friend).toBe(a._id); // A is already on the path: cycle stops

    const self = await server.anonymous.get(`${pub}/post/${p._id}?populate=related&depth=3`);
    expect(self.body.related[0].title).toBe('Q');
    expect(self.body.related[0].related).toEqual([p._id]);
    expect(self.body.related[0].author.name).toBe('B');

    // An unpublished reference stays an id for public readers.
    await server.admin.post(`${api}/models/person/entries/${a._id}/unpublish`);
    const hidden = await server.anonymous.get(`${pub}/post/${p._id}?populate=author`);
    expect(hidden.body.author).toBe(a._id);

    expect((await server.anonymous.get(`${pub}/post/${p._id}?populate=title`)).status).toBe(400);
    expect((await server.anonymous.get(`${pub}/post/${p._id}?populate=author&depth=9`)).status).toBe(400);
  });
});

describe('model changes', () => {
  it('adds fields freely but refuses data-dropping changes without a migration', async () => {
    const created = await server.admin.post(`${api}/models`, {
      name: 'guide',
      fields: [
        { name: 'title', type: 'text' },
        { name: 'phone', type: 'text' },
        { name: 'level', type: 'text' },
      ],
    });
    expect(created.status).toBe(201);
    const e1 = await createEntry('guide', { title: 'One', phone: '123', level: '1' }, true);
    await createEntry('guide', { title: 'Two', phone: '456' });

    const added = await server.admin.put(`${api}/models/guide`, {
      model: { ...created.body, fields: [...created.body.fields, { name: 'summary', type: 'longText' }] },
    });
    expect(added.status, added.text).toBe(200);
    expect(added.body.version).toBe(2);

    const fields = added.body.fields as Json[];
    const dropping = {
      name: 'guide',
      fields: [
        { name: 'title', type: 'text' },
        { name: 'hotline', type: 'text' },
        { name: 'level', type: 'number' },
        { name: 'summary', type: 'longText' },
      ],
    };
    expect(fields.length).toBe(4);
    const refused = await server.admin.put(`${api}/models/guide`, { model: dropping });
    expect(refused.status, refused.text).toBe(409);
    const byField = Object.fromEntries(refused.body.preview.map((c: Json) => [c.field, c]));
    expect(byField.phone).toMatchObject({ change: 'removed', affected: 2 });
    expect(byField.phone.sample.map((s: Json) => s.value).sort()).toEqual(['123', '456']);
    expect(byField.level).toMatchObject({ change: 'type-changed', from: 'text', to: 'number', affected: 1 });
    expect(refused.body.message).toContain('"phone" (removed, 2 entries)');
    // Nothing changed.
    expect((await server.admin.get(`${api}/models/guide`)).body.version).toBe(2);
    expect((await server.admin.get(`${api}/models/guide/entries/${e1._id}`)).body.phone).toBe('123');

    const migrated = await server.admin.put(`${api}/models/guide`, {
      model: dropping,
      migration: { rename: { phone: 'hotline' }, drop: ['level'] },
    });
    expect(migrated.status, migrated.text).toBe(200);
    const after = await server.admin.get(`${api}/models/guide/entries/${e1._id}`);
    expect(after.body.hotline).toBe('123');
    expect(after.body.phone).toBeUndefined();
    expect(after.body.level).toBeUndefined();
    const published = await server.admin.get(`${api}/models/guide/entries?status=published`);
    expect(published.body.data[0].hotline).toBe('123');

    const deleteRefused = await server.admin.delete(`${api}/models/guide`);
    expect(deleteRefused.status).toBe(409);
    expect(deleteRefused.body.preview.entries).toBe(2);
    expect((await server.admin.delete(`${api}/models/guide?dropEntries=true`)).status).toBe(200);
  });
});

describe('listing', () => {
  it('filters (JSON and query-string forms), sorts, pages and selects fields', async () => {
    await server.admin.post(`${api}/models`, {
      name: 'notice',
      publicRead: true,
      fields: [
        { name: 'title', type: 'text' },
        { name: 'rank', type: 'number' },
        { name: 'kind', type: 'enum', options: ['a', 'b'] },
        { name: 'secret', type: 'text', hidden: true },
      ],
    });
    for (let i = 1; i <= 6; i++)
      await createEntry('notice', { title: `N${i}`, rank: i, kind: i % 2 ? 'a' : 'b', secret: 'x' }, true);
    const json = await server.anonymous.get(
      `${pub}/notice?filter=${encodeURIComponent(JSON.stringify({ rank: { $gte: 3 }, kind: 'a' }))}&sort=-rank`,
    );
    expect(json.status, json.text).toBe(200);
    expect(json.body.data.map((e: Json) => e.title)).toEqual(['N5', 'N3']);
    expect(json.body.total).toBe(2);

    const qs = await server.anonymous.get(`${pub}/notice?filter.rank.lt=3&sort=rank&fields=title`);
    expect(qs.body.data).toEqual([
      expect.objectContaining({ title: 'N1' }),
      expect.objectContaining({ title: 'N2' }),
    ]);
    expect(qs.body.data[0].rank).toBeUndefined();

    const paged = await server.anonymous.get(`${pub}/notice?sort=rank&limit=2&skip=2`);
    expect(paged.body.data.map((e: Json) => e.rank)).toEqual([3, 4]);
    expect(paged.body.total).toBe(6);

    const body = await server.anonymous.post(`${pub}/notice/query`, {
      filter: { kind: { $in: ['b'] } },
      sort: { rank: -1 },
      limit: 1,
    });
    expect(body.status, body.text).toBe(200);
    expect(body.body.data.map((e: Json) => e.title)).toEqual(['N6']);

    const forbidden = [
      { $where: 'this.rank > 1' },
      { rank: { $function: { body: 'x' } } },
      { secret: 'x' },
      { nope: 1 },
    ];
    for (const filter of forbidden) {
      const reply = await server.anonymous.post(`${pub}/notice/query`, { filter });
      expect(reply.status, JSON.stringify(filter)).toBe(400);
      expect(reply.body.message.length).toBeGreaterThan(0);
    }
    expect((await server.anonymous.get(`${pub}/notice?filter=%7Bbad`)).status).toBe(400);
    expect((await server.anonymous.get(`${pub}/notice?filter.rank=abc`)).status).toBe(400);
    expect((await server.anonymous.get(`${pub}/notice?sort=secret`)).status).toBe(400);
    expect((await server.anonymous.get(`${pub}/notice?colour=red`)).status).toBe(400);
  });
});

describe('media library', () => {
  it('uploads files, records image size, lists, searches and serves them', async () => {
    const png = readFileSync(path.join(import.meta.dirname, 'fixtures/cms/red-3x2.png'));
    const gif = readFileSync(path.join(import.meta.dirname, 'fixtures/cms/blank-5x4.gif'));
    const up = await server.admin.request('POST', `${api}/media?name=red.png`, {
      raw: png,
      headers: { 'content-type': 'image/png' },
    });
    expect(up.status, up.text).toBe(201);
    expect(up.body).toMatchObject({
      name: 'red.png',
      width: 3,
      height: 2,
      size: png.length,
      contentType: 'image/png',
    });
    const up2 = await server.admin.request('POST', `${api}/media?name=blank.gif`, {
      raw: gif,
      headers: { 'content-type': 'image/gif' },
    });
    expect(up2.body).toMatchObject({ width: 5, height: 4 });
    const search = await server.admin.get(`${api}/media?q=RED`);
    expect(search.body.data.map((m: Json) => m.name)).toEqual(['red.png']);
    expect((await server.admin.get(`${api}/media?type=image/`)).body.total).toBe(2);
    const bytes = await server.anonymous.bytes(up.body.url);
    expect(bytes.status).toBe(200);
    expect(Buffer.from(bytes.bytes).equals(png)).toBe(true);
    expect(
      (
        await server.admin.request('POST', `${api}/media?name=x.html`, {
          raw: '<script>',
          headers: { 'content-type': 'text/html' },
        })
      ).status,
    ).toBe(415);
    expect((await server.admin.delete(`${api}/media/${up.body.id}`)).status).toBe(200);
    expect((await server.anonymous.bytes(up.body.url)).status).toBe(404);
  });
});

describe('OpenAPI', () => {
  it('documents the builder and public CMS routes', async () => {
    const docs = await server.anonymous.get('/docs/json');
    expect(docs.status).toBe(200);
    const paths = Object.keys(docs.body.paths);
    for (const route of [
      '/api/apps/{appId}/cms/models',
      '/api/apps/{appId}/cms/models/{model}/entries/{id}/publish',
      '/api/apps/{appId}/cms/webhooks/{id}/deliveries',
      '/app-api/{appId}/cms/{model}',
      '/app-api/{appId}/cms/{model}/query',
    ])
      expect(paths).toContain(route);
    expect(docs.body.paths['/app-api/{appId}/cms/{model}/query'].post.requestBody).toBeTruthy();
  });
});

describe('access and bad input', () => {
  it('refuses other workspaces (404) and roles below the need (403), and audits changes', async () => {
    const { owner } = await server.newWorkspace();
    expect((await owner.get(`${api}/models`)).status).toBe(404);
    expect(
      (await owner.post(`${api}/models/article/entries`, { fields: { title: { 'zh-CN': 'x' } } })).status,
    ).toBe(404);
    expect((await server.anonymous.get(`${api}/models`)).status).toBe(401);
    const viewer = await server.member(server.workspaceId, 'viewer');
    expect((await viewer.get(`${api}/models`)).status).toBe(200);
    expect(
      (await viewer.post(`${api}/models/article/entries`, { fields: { title: { 'zh-CN': 'x' } } })).status,
    ).toBe(403);
    const editor = await server.member(server.workspaceId, 'content-editor');
    expect(
      (await editor.post(`${api}/models/article/entries`, { fields: { title: { 'zh-CN': 'x' } } })).status,
    ).toBe(201);
    expect((await editor.post(`${api}/models`, { name: 'x', fields: [] })).status).toBe(403);
    expect((await editor.post(`${api}/tokens`, { name: 't', scope: 'read' })).status).toBe(403);
    for (const action of [
      'cms.model.create',
      'cms.entry.create',
      'cms.entry.publish',
      'cms.token.create',
      'cms.media.upload',
    ]) {
      const audit = await server.admin.get(
        `/api/workspaces/${server.workspaceId}/audit?action=${action}&limit=1`,
      );
      expect(audit.status, audit.text).toBe(200);
      expect(audit.body.entries[0]?.action, action).toBe(action);
    }
  });

  it('answers malformed bodies and parameters with 400, never 500', async () => {
    const entries = `${api}/models/article/entries`;
    const cases: [string, string, string | undefined][] = [
      ['POST', entries, '{"fields":'],
      ['POST', entries, '[]'],
      ['POST', entries, '{"fields":"x"}'],
      ['POST', entries, '{"fields":{},"extra":1}'],
      ['POST', `${api}/models`, '{"name":1}'],
      ['POST', `${api}/models`, 'null'],
      ['PUT', `${api}/models/article`, '{"model":[]}'],
      ['POST', `${entries}/0123456789abcdef01234567/schedule`, '{"at":"tomorrow"}'],
      ['POST', `${api}/webhooks`, '{"url":"ftp://x","events":["create"]}'],
      ['POST', `${api}/webhooks`, '{"url":"http://127.0.0.1:1/","events":["explode"]}'],
      ['POST', `${api}/tokens`, '{"name":"t","scope":"admin"}'],
      ['GET', `${entries}?limit=-1`, undefined],
      ['GET', `${api}/models/Bad-Name`, undefined],
      ['GET', `${entries}/not-an-id`, undefined],
      ['POST', `${pub}/article/query`, '{"filter":{"$or":{}}}'],
      ['POST', `${pub}/article/query`, '{"sort":{"title":2}}'],
      ['GET', `${pub}/article?populate=nothing`, undefined],
    ];
    for (const [method, url, raw] of cases) {
      const client = url.startsWith('/app-api/') ? server.anonymous : server.admin;
      const reply = await client.request(method, url, {
        ...(raw !== undefined ? { raw, headers: { 'content-type': 'application/json' } } : {}),
      });
      expect(reply.status, `${method} ${url} ${raw}: ${reply.text}`).toBe(400);
      expect(reply.body.message).toBeTruthy();
    }
    expect((await server.admin.get(`${entries}/0123456789abcdef01234567`)).status).toBe(404);
    expect((await server.anonymous.get(`${pub}/ghost`)).status).toBe(404);
  });

  it('random JSON bodies on every CMS body route are 2xx or 4xx, never 500', async () => {
    const entry = await createEntry('article', { title: { 'zh-CN': 'fuzz' } });
    const routes: [string, string, Json][] = [
      ['POST', `${api}/models`, article],
      ['PUT', `${api}/models/article`, { model: article, migration: { drop: [] } }],
      ['POST', `${api}/models/article/entries`, { fields: { title: { 'zh-CN': 'x' } } }],
      ['PATCH', `${api}/models/article/entries/${entry._id}`, { fields: { views: 1 }, expectedVersion: 1 }],
      ['POST', `${api}/models/article/entries/${entry._id}/schedule`, { at: null }],
      ['POST', `${api}/tokens`, { name: 't', scope: 'read' }],
      ['POST', `${api}/webhooks`, { url: 'http://127.0.0.1:1/', events: ['create'], active: false }],
      [
        'POST',
        `${pub}/article/query`,
        { filter: { views: 1 }, sort: { views: 1 }, populate: [], fields: ['title'] },
      ],
    ];
    for (const [method, url, valid] of routes) {
      const mutated = fc.record(
        Object.fromEntries(Object.keys(valid).map((k) => [k, fc.jsonValue({ maxDepth: 3 })])),
        {
          requiredKeys: [],
        },
      );
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.jsonValue({ maxDepth: 3 }), mutated), async (body) => {
          const client = url.startsWith('/app-api/') ? server.anonymous : server.admin;
          const reply = await client.request(method, url, {
            raw: JSON.stringify(body),
            headers: { 'content-type': 'application/json' },
          });
          expect(reply.status, `${method} ${url} ${JSON.stringify(body)}: ${reply.text}`).toBeLessThan(500);
        }),
        { numRuns: 25 },
      );
    }
  });
});
