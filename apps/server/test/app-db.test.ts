import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppUserClient, appUser, createApp, signedOut } from './app-data-helpers';
import { startTestServer, type TestServer } from './harness';

let server: TestServer;
let appId: string;

beforeAll(async () => {
  server = await startTestServer();
  appId = await createApp(server);
});
afterAll(async () => {
  await server?.close();
});

describe('smoke', () => {
  it('adds and reads with the default owner-only rules', async () => {
    const alice = await appUser(server, appId);
    const bob = await appUser(server, appId);
    const added = await alice.post(alice.db('notes', '/docs'), { data: { title: 'hello' } });
    expect(added.status, added.text).toBe(200);
    const mine = await alice.post(alice.db('notes', '/query'), {});
    expect(mine.body.data).toHaveLength(1);
    expect(mine.body.data[0]._openid).toBe(alice.uid);
    const theirs = await bob.post(bob.db('notes', '/query'), {});
    expect(theirs.body.data).toHaveLength(0);
    const get = await bob.get(bob.db('notes', `/docs/${added.body.id}`));
    expect(get.status).toBe(404);
    const anon = signedOut(server, appId);
    expect((await anon.post(anon.db('notes', '/docs'), { data: { a: 1 } })).status).toBe(403);
  });
});
