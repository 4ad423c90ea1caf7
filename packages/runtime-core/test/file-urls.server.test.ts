import { readFileSync } from 'node:fs';
import { init, memoryPersistence } from '@tessera/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../apps/server/test/app-data-helpers';
import { startTestServer, type TestServer } from '../../../apps/server/test/harness';
import { sdkServices } from '../src/sdk-services';

const png = readFileSync(new URL('../../../apps/server/test/fixtures/cms/red-3x2.png', import.meta.url));
let server: TestServer;
let appId: string;

beforeAll(async () => {
  server = await startTestServer();
  appId = await createApp(server);
  const rules = await server.admin.put(`/api/apps/${appId}/storage/rules`, {
    rules: [
      { prefix: '', read: 'true', write: 'auth != null' },
      { prefix: 'private/', read: 'auth != null && doc._openid == auth.uid', write: 'auth != null' },
    ],
  });
  expect(rules.status).toBe(200);
});
afterAll(async () => {
  await server?.close();
});

async function signedIn() {
  const sdk = init({ appId, baseUrl: server.url, persistence: memoryPersistence() });
  await sdk.auth().signInAnonymously();
  return sdk;
}

describe('file URLs from a running server (sdkServices)', () => {
  it('shows uploaded files through temporary URLs that load, and files the user may not read as broken', async () => {
    const owner = await signedIn();
    const blob = () => new Blob([png], { type: 'image/png' });
    const open = await owner.uploadFile({ cloudPath: 'photos/a.png', file: blob(), fileName: 'a.png' });
    const own = await owner.uploadFile({ cloudPath: 'private/b.png', file: blob(), fileName: 'b.png' });

    const files = sdkServices(owner).fileUrls;
    if (!files) throw new Error('sdkServices gives a file URL resolver');
    const [a, b] = await Promise.all([files.load(open.fileID), files.load(own.fileID)]);
    expect(a.state).toBe('ready');
    expect(b.state).toBe('ready');
    const response = await fetch(a.src);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await response.arrayBuffer()).equals(png)).toBe(true);

    const stranger = sdkServices(await signedIn()).fileUrls;
    if (!stranger) throw new Error('sdkServices gives a file URL resolver');
    expect((await stranger.load(open.fileID)).state).toBe('ready');
    expect(await stranger.load(own.fileID)).toEqual({ state: 'broken', src: '' });
    expect(await stranger.load(`cloud://${appId}/photos/none.png`)).toEqual({ state: 'broken', src: '' });
  });

  it('resolves CMS media ids against the server address', async () => {
    const up = await server.admin.request('POST', `/api/apps/${appId}/cms/media?name=red.png`, {
      raw: png,
      headers: { 'content-type': 'image/png' },
    });
    expect(up.status).toBeLessThan(300);
    const files = sdkServices(
      init({ appId, baseUrl: server.url, persistence: memoryPersistence() }),
    ).fileUrls;
    const shown = files?.resolve(up.body.id);
    expect(shown?.src).toBe(`${server.url}/app-api/${appId}/cms-media/${up.body.id}`);
    expect(files?.resolve({ id: up.body.id, url: up.body.url })).toEqual(shown);
    const response = await fetch(shown?.src ?? '');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await response.arrayBuffer()).equals(png)).toBe(true);
  });
});
