import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Json, startTestServer, type TestServer, uniqueEmail } from './harness';

let server: TestServer;
let ws: string;

beforeAll(async () => {
  server = await startTestServer();
  ws = (await server.admin.post('/api/workspaces', { name: 'Audited' })).body.id;
});
afterAll(async () => {
  await server?.close();
});

async function entries(query = ''): Promise<Json[]> {
  const reply = await server.admin.get(`/api/workspaces/${ws}/audit${query}`);
  expect(reply.status, reply.text).toBe(200);
  return reply.body.entries;
}

describe('audit log', () => {
  it('records every builder mutation with who, when, what and from where', async () => {
    const admin = server.admin;
    const ua = { 'user-agent': 'audit-test/1.0' };
    await admin.patch(`/api/workspaces/${ws}`, { name: 'Audited Ltd' }, { headers: ua });
    const invited = await admin.post(`/api/workspaces/${ws}/members`, {
      email: uniqueEmail(),
      role: 'viewer',
    });
    const memberId = invited.body.member.accountId;
    const existing = await server.member(server.workspaceId, 'viewer');
    await admin.post(`/api/workspaces/${ws}/members`, { email: existing.account!.email, role: 'viewer' });
    await admin.patch(`/api/workspaces/${ws}/members/${memberId}`, { role: 'developer' });
    await admin.delete(`/api/workspaces/${ws}/members/${memberId}`);
    const app = (await admin.post(`/api/workspaces/${ws}/apps`, { name: 'Tracked' })).body;
    await admin.put(
      `/api/apps/${app.id}/draft`,
      { ...app.schema, description: 'edited' },
      { headers: { 'if-match': '1' } },
    );
    await admin.post(`/api/apps/${app.id}/versions/1/restore`);
    await admin.delete(`/api/apps/${app.id}`);
    await admin.post(`/api/apps/${app.id}/restore`);
    await admin.post(`/api/apps/${app.id}/duplicate`, {});
    const zip = zipSync({
      'manifest.json': strToU8(JSON.stringify({ format: 'tessera-app', formatVersion: 1 })),
      'app.json': strToU8(JSON.stringify(app.schema)),
    });
    const imported = await admin.post(`/api/workspaces/${ws}/apps/import`, undefined, {
      raw: zip,
      headers: { 'content-type': 'application/zip' },
    });
    expect(imported.status, imported.text).toBe(201);

    const log = await entries();
    expect(log.map((e) => e.action).reverse()).toEqual([
      'workspace.create',
      'workspace.rename',
      'member.invite',
      'member.add',
      'member.role.change',
      'member.remove',
      'app.create',
      'app.save',
      'app.version.restore',
      'app.delete',
      'app.restore',
      'app.duplicate',
      'app.import',
    ]);
    const rename = log.find((e) => e.action === 'workspace.rename');
    expect(rename).toMatchObject({
      workspaceId: ws,
      actor: { accountId: server.admin.account!.id, email: 'admin@example.test' },
      target: { type: 'workspace', id: ws },
      summary: 'Renamed workspace "Audited" to "Audited Ltd"',
      ip: '127.0.0.1',
      userAgent: 'audit-test/1.0',
    });
    expect(Date.parse(rename.at)).toBeGreaterThan(Date.now() - 60_000);
    expect(log.find((e) => e.action === 'app.save')).toMatchObject({
      target: { type: 'app', id: app.id },
      data: { version: 2 },
    });
    expect(log.find((e) => e.action === 'member.role.change').data).toEqual({
      from: 'viewer',
      to: 'developer',
    });
  });

  it('does not record refused or failed changes', async () => {
    const before = (await entries()).length;
    const app = (await entries('?action=app.create'))[0];
    await server.admin.put(
      `/api/apps/${app.target.id}/draft`,
      { bad: true },
      { headers: { 'if-match': '1' } },
    );
    await server.admin.patch(`/api/workspaces/${ws}/members/${server.admin.account!.id}`, { role: 'viewer' });
    expect((await entries()).length).toBe(before);
  });

  it('filters by action, prefix, actor, target and time, and pages with a cursor', async () => {
    expect((await entries('?action=app.save')).map((e) => e.action)).toEqual(['app.save']);
    const members = await entries('?action=member.*');
    expect(new Set(members.map((e) => e.action))).toEqual(
      new Set(['member.invite', 'member.add', 'member.role.change', 'member.remove']),
    );
    expect((await entries(`?actor=${server.admin.account!.id}`)).length).toBe(13);
    expect((await entries('?actor=ADMIN@example.test')).length).toBe(13);
    expect((await entries('?actor=nobody@example.test')).length).toBe(0);
    const app = (await entries('?action=app.create'))[0].target.id;
    expect((await entries(`?targetType=app&targetId=${app}`)).length).toBe(5);
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect(await entries(`?since=${encodeURIComponent(future)}`)).toEqual([]);
    expect((await entries(`?until=${encodeURIComponent(future)}`)).length).toBe(13);
    expect((await server.admin.get(`/api/workspaces/${ws}/audit?since=yesterday`)).status).toBe(400);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const reply: Json = await server.admin.get(
        `/api/workspaces/${ws}/audit?limit=5${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...reply.body.entries.map((e: Json) => e.id));
      cursor = reply.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual((await entries()).map((e) => e.id));
  });

  it('is append-only and readable by developers and owners only', async () => {
    const one = (await entries())[0];
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const reply = await server.admin.request(method, `/api/workspaces/${ws}/audit/${one.id}`, { body: {} });
      expect(reply.status).toBe(404);
      const whole = await server.admin.request(method, `/api/workspaces/${ws}/audit`);
      expect(whole.status).toBe(404);
    }
    const viewer = await server.member(ws, 'viewer');
    expect((await viewer.get(`/api/workspaces/${ws}/audit`)).status).toBe(403);
    const developer = await server.member(ws, 'developer');
    expect((await developer.get(`/api/workspaces/${ws}/audit`)).status).toBe(200);
  });
});
