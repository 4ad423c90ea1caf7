import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Json, startTestServer, type TestServer, uniqueEmail } from './harness';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('workspaces and members', () => {
  it('creates a workspace owned by its creator and renames it', async () => {
    const created = await server.admin.post('/api/workspaces', { name: '  Partner Co  ' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Partner Co', role: 'owner' });
    const renamed = await server.admin.patch(`/api/workspaces/${created.body.id}`, { name: 'Partner Ltd' });
    expect(renamed.body.name).toBe('Partner Ltd');
    const list = await server.admin.get('/api/workspaces');
    expect(list.body.workspaces.map((w: Json) => w.name)).toContain('Partner Ltd');
  });

  it('adds an existing account without an invitation and refuses adding it twice', async () => {
    const workspaceId = (await server.admin.post('/api/workspaces', { name: 'Second' })).body.id;
    const existing = await server.member(server.workspaceId, 'viewer');
    const added = await server.admin.post(`/api/workspaces/${workspaceId}/members`, {
      email: existing.account!.email,
      role: 'content-editor',
    });
    expect(added.status).toBe(201);
    expect(added.body.inviteToken).toBeUndefined();
    expect(added.body.member.status).toBe('active');
    const again = await server.admin.post(`/api/workspaces/${workspaceId}/members`, {
      email: existing.account!.email,
      role: 'viewer',
    });
    expect(again.status).toBe(409);
    const me = await existing.get('/api/auth/me');
    expect(me.body.workspaces).toHaveLength(2);
  });

  it('changes roles, removes members, and never leaves a workspace without an owner', async () => {
    const created = await server.admin.post('/api/workspaces', { name: 'Roles' });
    const ws = created.body.id;
    const adminId = server.admin.account!.id;
    const dev = await server.member(ws, 'developer');
    const devId = dev.account!.id;

    expect((await dev.patch(`/api/workspaces/${ws}/members/${devId}`, { role: 'owner' })).status).toBe(403);
    const demoteLast = await server.admin.patch(`/api/workspaces/${ws}/members/${adminId}`, {
      role: 'viewer',
    });
    expect(demoteLast.status).toBe(409);
    expect(demoteLast.body.message).toMatch(/owner/);
    expect((await server.admin.delete(`/api/workspaces/${ws}/members/${adminId}`)).status).toBe(409);

    const promoted = await server.admin.patch(`/api/workspaces/${ws}/members/${devId}`, { role: 'owner' });
    expect(promoted.status).toBe(200);
    expect(promoted.body.role).toBe('owner');
    expect(
      (await server.admin.patch(`/api/workspaces/${ws}/members/${adminId}`, { role: 'developer' })).status,
    ).toBe(200);
    // The admin is now a developer there: leaving is allowed, managing others is not.
    expect((await server.admin.delete(`/api/workspaces/${ws}/members/${devId}`)).status).toBe(403);
    expect((await server.admin.delete(`/api/workspaces/${ws}/members/${adminId}`)).status).toBe(204);
    expect((await server.admin.get(`/api/workspaces/${ws}`)).status).toBe(404);
    const members = await dev.get(`/api/workspaces/${ws}/members`);
    expect(members.body.members.map((m: Json) => [m.accountId, m.role])).toEqual([[devId, 'owner']]);
    expect((await dev.patch(`/api/workspaces/${ws}/members/${adminId}`, { role: 'viewer' })).status).toBe(
      404,
    );
  });

  it('gives a fresh invitation when an invited account is added to another workspace', async () => {
    const email = uniqueEmail('twice');
    const first = await server.admin.post(`/api/workspaces/${server.workspaceId}/members`, {
      email,
      role: 'viewer',
    });
    const other = (await server.admin.post('/api/workspaces', { name: 'Other' })).body.id;
    const second = await server.admin.post(`/api/workspaces/${other}/members`, { email, role: 'developer' });
    expect(second.status).toBe(201);
    expect(second.body.member.status).toBe('invited');
    expect(second.body.inviteToken).toEqual(expect.any(String));
    const old = await server.anonymous.post('/api/auth/accept-invite', {
      token: first.body.inviteToken,
      password: 'password-1',
    });
    expect(old.status).toBe(404);
    const accepted = await server.anonymous.post('/api/auth/accept-invite', {
      token: second.body.inviteToken,
      password: 'password-1',
    });
    expect(accepted.status).toBe(200);
    const me = await server.login(email, 'password-1');
    expect((await me.get('/api/auth/me')).body.workspaces).toHaveLength(2);
  });

  it('refuses bad member input with 400', async () => {
    const ws = server.workspaceId;
    const badRole = await server.admin.post(`/api/workspaces/${ws}/members`, {
      email: uniqueEmail(),
      role: 'god',
    });
    expect(badRole.status).toBe(400);
    expect(badRole.body.details[0].pointer).toBe('/role');
    const badEmail = await server.admin.post(`/api/workspaces/${ws}/members`, {
      email: 'nope',
      role: 'viewer',
    });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.details[0].pointer).toBe('/email');
  });
});
