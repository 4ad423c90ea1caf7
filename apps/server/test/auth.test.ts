import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/index';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  Client,
  makeDataDir,
  startTestServer,
  type TestServer,
  uniqueEmail,
} from './harness';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('login, me, logout', () => {
  it('signs in with the right password only, with the same answer for unknown emails', async () => {
    const wrong = await server.anonymous.post('/api/auth/login', { email: ADMIN_EMAIL, password: 'nope' });
    const unknown = await server.anonymous.post('/api/auth/login', {
      email: 'ghost@example.test',
      password: 'nope',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe(unknown.body.message);
    const ok = await server.anonymous.post('/api/auth/login', {
      email: ADMIN_EMAIL.toUpperCase(),
      password: ADMIN_PASSWORD,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.token).toEqual(expect.any(String));
    expect(ok.body.account).toMatchObject({ email: ADMIN_EMAIL, isAdmin: true });
    expect(ok.body.account.passwordHash).toBeUndefined();
    const cookies = ok.headers.getSetCookie().join('\n');
    expect(cookies).toMatch(/tessera_session=[^;]+;.*HttpOnly/i);
    expect(cookies).toMatch(/SameSite=Lax/i);
  });

  it('answers me with the account, workspaces and CSRF token; logout ends the session', async () => {
    const client = await server.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.workspaces).toEqual([
      { id: server.workspaceId, name: 'Default workspace', role: 'owner' },
    ]);
    expect(me.body.csrfToken).toEqual(expect.any(String));
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await client.get('/api/auth/me')).status).toBe(401);
    expect((await server.admin.get('/api/auth/me')).status).toBe(200);
  });
});

describe('cookies and CSRF', () => {
  it('accepts the cookie for reads and refuses writes without the x-csrf-token header', async () => {
    const browser = await server.login(ADMIN_EMAIL, ADMIN_PASSWORD, { cookies: true });
    expect((await browser.get('/api/auth/me')).status).toBe(200);
    const withToken = await browser.post('/api/workspaces', { name: 'Via cookie' });
    expect(withToken.status).toBe(201);
    const noHeader = new Client(server.url, { cookie: browser.auth.cookie });
    const refused = await noHeader.post('/api/workspaces', { name: 'Forged' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/x-csrf-token/);
    const wrongHeader = await noHeader.post(
      '/api/workspaces',
      { name: 'Forged' },
      { headers: { 'x-csrf-token': 'guess' } },
    );
    expect(wrongHeader.status).toBe(403);
    const list = await server.admin.get('/api/workspaces');
    expect(list.body.workspaces.map((w: { name: string }) => w.name)).not.toContain('Forged');
  });
});

describe('rate limiting', () => {
  it('limits login attempts per IP and email', async () => {
    const limited = await startTestServer({ config: { loginRateLimit: 3 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push(
          (await limited.anonymous.post('/api/auth/login', { email: 'a@example.test', password: 'x' }))
            .status,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const other = await limited.anonymous.post('/api/auth/login', {
        email: ADMIN_EMAIL,
        password: ADMIN_PASSWORD,
      });
      expect(other.status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('invitations and passwords', () => {
  it('invites an unknown email, which sets its password once and signs in', async () => {
    const email = uniqueEmail('invitee');
    const invited = await server.admin.post(`/api/workspaces/${server.workspaceId}/members`, {
      email,
      role: 'developer',
    });
    expect(invited.status).toBe(201);
    expect(invited.body.member).toMatchObject({ email, role: 'developer', status: 'invited' });
    expect((await server.anonymous.post('/api/auth/login', { email, password: 'whatever1' })).status).toBe(
      401,
    );
    const short = await server.anonymous.post('/api/auth/accept-invite', {
      token: invited.body.inviteToken,
      password: 'short',
    });
    expect(short.status).toBe(400);
    const accepted = await server.anonymous.post('/api/auth/accept-invite', {
      token: invited.body.inviteToken,
      password: 'a-good-password',
      name: 'Invitee',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.account).toMatchObject({ email, name: 'Invitee', status: 'active' });
    const again = await server.anonymous.post('/api/auth/accept-invite', {
      token: invited.body.inviteToken,
      password: 'another-pass',
    });
    expect(again.status).toBe(404);
    const client = await server.login(email, 'a-good-password');
    expect((await client.get('/api/auth/me')).body.workspaces[0].role).toBe('developer');
  });

  it('changes the password with the current one and ends other sessions', async () => {
    const member = await server.member(server.workspaceId, 'viewer');
    const email = member.account!.email;
    const second = await server.login(email, 'member-password-1');
    const wrong = await member.post('/api/auth/password', {
      currentPassword: 'bad',
      newPassword: 'new-password-2',
    });
    expect(wrong.status).toBe(403);
    const ok = await member.post('/api/auth/password', {
      currentPassword: 'member-password-1',
      newPassword: 'new-password-2',
    });
    expect(ok.status).toBe(204);
    expect((await member.get('/api/auth/me')).status).toBe(200);
    expect((await second.get('/api/auth/me')).status).toBe(401);
    expect(
      (await server.anonymous.post('/api/auth/login', { email, password: 'member-password-1' })).status,
    ).toBe(401);
    await server.login(email, 'new-password-2');
  });
});

describe('first run', () => {
  it('creates an admin once with a generated password, and keeps secrets private in the data dir', async () => {
    const dataDir = await makeDataDir();
    const first = await createServer({ dataDir, logLevel: 'silent', port: 0 });
    const admin = first.firstRunAdmin;
    expect(admin?.email).toBe('admin@tessera.local');
    expect(admin?.password?.length).toBeGreaterThanOrEqual(20);
    await first.listen({ port: 0, host: '127.0.0.1' });
    const address = first.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const login = await new Client(url).post('/api/auth/login', {
      email: admin!.email,
      password: admin!.password,
    });
    expect(login.status).toBe(200);
    await first.close();
    const secrets = await stat(path.join(dataDir, 'secrets.json'));
    expect(secrets.mode & 0o777).toBe(0o600);
    const second = await createServer({ dataDir, logLevel: 'silent' });
    expect(second.firstRunAdmin).toBeNull();
    expect(second.secrets).toEqual(first.secrets);
    await second.close();
  });
});
