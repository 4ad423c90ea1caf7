import { init, memoryPersistence } from '@tessera/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../apps/server/test/app-data-helpers';
import { startTestServer, type TestServer } from '../../../apps/server/test/harness';
import { AppRuntime } from '../src/app';
import { PageRuntime } from '../src/page';
import { sdkServices } from '../src/sdk-services';
import { expr, recordingPlatform } from './harness';

let server: TestServer;
let appId: string;

beforeAll(async () => {
  server = await startTestServer();
  appId = await createApp(server);
  await server.admin.put(`/api/apps/${appId}/db/rules/notes`, { preset: 'public-read' });
});
afterAll(async () => {
  await server?.close();
});

describe('data sources and actions against a running server (through @tessera/sdk)', () => {
  it('signs in, inserts, queries with loading state, updates and deletes', async () => {
    const sdk = init({ appId, baseUrl: server.url, persistence: memoryPersistence() });
    const device = recordingPlatform();
    const app = new AppRuntime(
      {
        id: appId,
        locales: { default: 'en', supported: ['en'] },
        pages: { home: { path: '/' } },
        home: 'home',
      },
      { platform: device.platform, services: sdkServices(sdk) },
    );
    const page = new PageRuntime(app, {
      id: 'home',
      path: '/',
      state: { lastId: { initial: '' } },
      queries: {
        notes: { type: 'collection', collection: 'notes', sort: { n: 'desc' }, limit: 2, auto: false },
      },
    });
    const signIn = await page.run([{ type: 'login', method: 'anonymous' }]);
    expect(signIn.ok).toBe(true);
    expect(page.scope().auth).toMatchObject({ signedIn: true, anonymous: true });

    for (const n of [1, 2, 3]) {
      const outcome = await page.run([
        {
          type: 'dbInsert',
          collection: 'notes',
          doc: { n, title: expr(`'note ' + ${n}`) },
          onSuccess: [{ type: 'setState', name: 'lastId', value: expr('event.result._id') }],
        },
      ]);
      expect(outcome.ok).toBe(true);
    }
    const loading: boolean[] = [];
    page.onChange(() => loading.push(page.store.get(['queries', 'notes', 'loading']) as boolean));
    await page.run([{ type: 'runQuery', query: 'notes' }]);
    expect(loading).toEqual([true, false]);
    const data = page.store.get(['queries', 'notes', 'data']) as { n: number; title: string }[];
    expect(data.map((doc) => doc.title)).toEqual(['note 3', 'note 2']);

    await page.run([
      { type: 'dbUpdate', collection: 'notes', id: expr('state.lastId'), set: { title: 'edited' } },
    ]);
    await page.runQuery('notes');
    expect((page.store.get(['queries', 'notes', 'data']) as { title: string }[])[0]?.title).toBe('edited');
    await page.run([{ type: 'dbDelete', collection: 'notes', id: expr('state.lastId') }]);
    await page.runQuery('notes');
    expect((page.store.get(['queries', 'notes', 'data']) as { n: number }[]).map((doc) => doc.n)).toEqual([
      2, 1,
    ]);
  });

  it('a refused call reaches onError with the server message', async () => {
    const sdk = init({ appId, baseUrl: server.url, persistence: memoryPersistence() });
    const device = recordingPlatform();
    const app = new AppRuntime(
      { id: appId, locales: { default: 'en', supported: ['en'] }, pages: {}, home: 'home' },
      { platform: device.platform, services: sdkServices(sdk) },
    );
    const page = new PageRuntime(app, { id: 'home', path: '/', state: { error: { initial: null } } });
    const outcome = await page.run([
      {
        type: 'callFunction',
        function: 'does-not-exist',
        onError: [{ type: 'setState', name: 'error', value: expr('event.error') }],
      },
    ]);
    expect(outcome.ok).toBe(false);
    expect(page.store.get(['state', 'error'])).toMatchObject({ code: '404' });
  });

  it('a CMS query reads published entries of a public-read model, sorted and in the page locale', async () => {
    const model = await server.admin.post(`/api/apps/${appId}/cms/models`, {
      name: 'bulletin',
      publicRead: true,
      fields: [
        { name: 'title', type: 'text', required: true, localised: true },
        { name: 'day', type: 'date', required: true },
      ],
    });
    expect(model.status, model.text).toBe(201);
    for (const [day, zh, en, publish] of [
      ['2026-01-02', '二', 'second', true],
      ['2026-01-03', '三', 'third', true],
      ['2026-01-04', '草稿', 'draft', false],
    ] as const) {
      const entry = await server.admin.post(`/api/apps/${appId}/cms/models/bulletin/entries`, {
        fields: { title: { 'zh-CN': zh, en }, day },
        publish,
      });
      expect(entry.status, entry.text).toBe(201);
    }
    const sdk = init({ appId, baseUrl: server.url, persistence: memoryPersistence() });
    const device = recordingPlatform();
    const app = new AppRuntime(
      { id: appId, locales: { default: 'en', supported: ['en', 'zh-CN'] }, pages: {}, home: 'home' },
      { platform: device.platform, services: sdkServices(sdk) },
    );
    const page = new PageRuntime(app, {
      id: 'home',
      path: '/',
      queries: {
        latest: { type: 'cms', model: 'bulletin', sort: { day: 'desc' }, limit: 5, auto: false },
        chinese: {
          type: 'cms',
          model: 'bulletin',
          filter: { day: '2026-01-02' },
          locale: 'zh-CN',
          auto: false,
        },
      },
    });
    expect((await page.run([{ type: 'runQuery', query: 'latest' }])).ok).toBe(true);
    const latest = page.store.get(['queries', 'latest', 'data']) as { title: string }[];
    expect(latest.map((entry) => entry.title)).toEqual(['third', 'second']);
    expect((await page.run([{ type: 'runQuery', query: 'chinese' }])).ok).toBe(true);
    expect(
      (page.store.get(['queries', 'chinese', 'data']) as { title: string }[]).map((e) => e.title),
    ).toEqual(['二']);
  });
});
