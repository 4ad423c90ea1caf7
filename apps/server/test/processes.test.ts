import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  type ChildServer,
  Client,
  login,
  makeDataDir,
  spawnServer,
  startTestServer,
  stopChildren,
} from './harness';

const children: ChildServer[] = [];
const dirs: string[] = [];

afterAll(async () => {
  await stopChildren(children);
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('sessions live in the store', () => {
  it('survive a restart of the server (bearer and cookie sessions)', async () => {
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    const first = await startTestServer({ dataDir });
    const bearer = first.admin;
    const browser = await first.login(ADMIN_EMAIL, ADMIN_PASSWORD, { cookies: true });
    await first.close({ keepData: true });

    const second = await startTestServer({ dataDir });
    try {
      const moved = (client: Client) => new Client(second.url, client.auth);
      expect((await moved(bearer).get('/api/auth/me')).status).toBe(200);
      const created = await moved(browser).post('/api/workspaces', { name: 'After restart' });
      expect(created.status).toBe(201);
    } finally {
      await second.close({ keepData: true });
    }
  }, 60_000);

  it('work across two server processes sharing one data dir, and SIGTERM/SIGINT shut down cleanly', async () => {
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    const a = await spawnServer(dataDir);
    children.push(a);
    expect(a.stdout()).toContain('first run');
    const b = await spawnServer(dataDir);
    children.push(b);
    expect(b.stdout()).not.toContain('first run');

    const onA = await login(a.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const onB = new Client(b.url, onA.auth);
    const me = await onB.get('/api/auth/me');
    expect(me.status).toBe(200);
    const workspaceId = me.body.workspaces[0].id;
    const app = await onB.post(`/api/workspaces/${workspaceId}/apps`, { name: 'Made on B' });
    expect(app.status).toBe(201);
    const seenOnA = await onA.get(`/api/apps/${app.body.id}`);
    expect(seenOnA.body.name).toBe('Made on B');
    const saveOnA = await onA.put(`/api/apps/${app.body.id}/draft`, app.body.schema, {
      headers: { 'if-match': '1' },
    });
    expect(saveOnA.status).toBe(200);
    const staleOnB = await onB.put(`/api/apps/${app.body.id}/draft`, app.body.schema, {
      headers: { 'if-match': '1' },
    });
    expect(staleOnB.status).toBe(409);

    expect((await onB.post('/api/auth/logout')).status).toBe(204);
    expect((await onA.get('/api/auth/me')).status).toBe(401);

    a.process.kill('SIGTERM');
    b.process.kill('SIGINT');
    expect(await a.exited).toBe('0');
    expect(await b.exited).toBe('0');
  }, 120_000);
});

describe('session expiry', () => {
  it('refuses an expired session and sweeps expired ones on start', async () => {
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    const first = await startTestServer({ dataDir, config: { sessionTtlSeconds: 1 } });
    const client = first.admin;
    const sessions = first.app.store.platform().collection('sessions');
    expect(await sessions.countDocuments({})).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await client.get('/api/auth/me')).status).toBe(401);
    expect(await sessions.countDocuments({})).toBe(0);
    await first.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    await first.close({ keepData: true });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await startTestServer({ dataDir, config: { sessionTtlSeconds: 1 } });
    // Only the harness's own fresh login is left: the expired one was swept at start.
    expect(await second.app.store.platform().collection('sessions').countDocuments({})).toBe(1);
    await second.close({ keepData: true });
  }, 60_000);
});
