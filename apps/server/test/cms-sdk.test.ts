// The SDK's cms module against a real server: public reads, token writes, errors as TesseraError.
import { cms, TesseraError } from '@tessera/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app-data-helpers';
import { startTestServer, type TestServer } from './harness';

let server: TestServer;
let appId: string;
let fullToken: string;

beforeAll(async () => {
  server = await startTestServer();
  appId = await createApp(server);
  const api = `/api/apps/${appId}/cms`;
  await server.admin.post(`${api}/models`, {
    name: 'person',
    publicRead: true,
    fields: [{ name: 'name', type: 'text' }],
  });
  const article = await server.admin.post(`${api}/models`, {
    name: 'article',
    publicRead: true,
    fields: [
      { name: 'title', type: 'text', localised: true, required: true },
      { name: 'rank', type: 'number' },
      { name: 'author', type: 'reference', model: 'person' },
    ],
  });
  expect(article.status, article.text).toBe(201);
  const token = await server.admin.post(`${api}/tokens`, { name: 'sdk', scope: 'full' });
  fullToken = token.body.token;
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('cms in the SDK', () => {
  it('writes with a full token and reads published entries publicly', async () => {
    const writer = cms({ appId, baseUrl: server.url, token: fullToken });
    const author = await writer.model('person').create({ name: 'Li Lei' }, { publish: true });
    const first = await writer
      .model('article')
      .create({ title: { 'zh-CN': '一', en: 'One' }, rank: 1, author: author._id }, { publish: true });
    await writer.model('article').create({ title: { 'zh-CN': '二' }, rank: 2 }, { publish: true });
    const draft = await writer.model('article').create({ title: { 'zh-CN': '草稿' }, rank: 3 });

    const reader = cms({ env: appId, baseUrl: server.url });
    const page = await reader.model('article').find({
      filter: { rank: { $lte: 3 } },
      sort: { rank: 1 },
      limit: 10,
      locale: 'en',
      populate: ['author'],
    });
    expect(page.total).toBe(2);
    expect(page.data.map((e) => e.title)).toEqual(['One', '二']);
    expect(page.data[0]?.author).toMatchObject({ name: 'Li Lei' });

    const one = await reader.model('article').findOne(first._id, { locale: 'zh-CN' });
    expect(one.title).toBe('一');

    const updated = await writer.model('article').update(first._id, { rank: 5 }, { publish: true });
    expect(updated.rank).toBe(5);
    expect((await reader.model('article').findOne(first._id)).rank).toBe(5);

    await expect(reader.model('article').findOne(draft._id)).rejects.toMatchObject({ code: 404 });
    const drafts = await writer.model('article').find({ status: 'draft' });
    expect(drafts.total).toBe(3);
    expect(await writer.model('article').remove(draft._id)).toEqual({ deleted: true, id: draft._id });
  });

  it('reports refusals as TesseraError with details', async () => {
    const reader = cms({ appId, baseUrl: server.url });
    const error = await reader
      .model('article')
      .create({ title: 'x' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(TesseraError);
    expect(error.code).toBe(401);
    const writer = cms({ appId, baseUrl: server.url, token: fullToken });
    const invalid = await writer
      .model('article')
      .create({ title: 42 })
      .catch((e) => e);
    expect(invalid.code).toBe(400);
    expect(invalid.details[0].pointer).toBe('/fields/title');
    expect(invalid.message).toContain('/fields/title: must be object');
  });
});
