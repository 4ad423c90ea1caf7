import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogSmsProvider } from '../src/plugins/app-auth';
import { signAccessToken } from '../src/plugins/app-auth/tokens';
import { createApp } from './app-data-helpers';
import { Client, type Json, startTestServer, type TestServer } from './harness';

let server: TestServer;
let appId: string;
let otherAppId: string;
let user: Client;

beforeAll(async () => {
  server = await startTestServer();
  appId = await createApp(server);
  otherAppId = await createApp(server);
  user = new Client(server.url);
});
afterAll(async () => {
  await server?.close();
});

const auth = (path: string, id = appId) => `/app-api/${id}/auth${path}`;
const bearer = (session: Json) => ({ headers: { authorization: `Bearer ${session.accessToken}` } });
const sms = () => server.app.appAccounts.sms as LogSmsProvider;

describe('username and password', () => {
  it('signs up, signs in, and refuses wrong passwords and taken names', async () => {
    const up = await user.post(auth('/sign-up'), { username: 'Mei_Lin', password: 'correct-horse' });
    expect(up.status, up.text).toBe(200);
    expect(up.body.user).toMatchObject({ username: 'mei_lin', anonymous: false, roles: [] });
    expect(up.body.accessToken.split('.')).toHaveLength(3);
    expect(up.body.accessTokenExpiresAt).toBeGreaterThan(Date.now());
    const me = await user.get(auth('/me'), bearer(up.body));
    expect(me.body.uid).toBe(up.body.user.uid);
    expect((await user.post(auth('/sign-up'), { username: 'mei_lin', password: 'another-one' })).status).toBe(
      409,
    );
    const signIn = await user.post(auth('/sign-in'), { username: 'MEI_LIN', password: 'correct-horse' });
    expect(signIn.body.user.uid).toBe(up.body.user.uid);
    expect((await user.post(auth('/sign-in'), { username: 'mei_lin', password: 'wrong-horse' })).status).toBe(
      401,
    );
    expect((await user.post(auth('/sign-in'), { username: 'nobody', password: 'wrong-horse' })).status).toBe(
      401,
    );
  });

  it('rejects weak or malformed input with 400', async () => {
    for (const body of [
      { username: 'ab', password: 'long-enough' },
      { username: 'ok_name', password: 'short' },
      { username: 'bad name', password: 'long-enough' },
      {},
      { username: 1, password: 2 },
    ]) {
      const reply = await user.post(auth('/sign-up'), body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.message).toBeTruthy();
    }
    const raw = await user.request('POST', auth('/sign-in'), {
      raw: '{"username":',
      headers: { 'content-type': 'application/json' },
    });
    expect(raw.status).toBe(400);
  });
});

describe('anonymous users', () => {
  it('upgrades to an account keeping the uid and the data', async () => {
    const anon = await user.post(auth('/anonymous'));
    expect(anon.body.user.anonymous).toBe(true);
    const uid = anon.body.user.uid;
    await server.admin.put(`/api/apps/${appId}/db/rules/drafts`, { preset: 'owner-only' });
    const added = await user.post(
      `/app-api/${appId}/db/drafts/docs`,
      { data: { text: 'kept' } },
      bearer(anon.body),
    );
    expect(added.status).toBe(200);
    const upgraded = await user.post(
      auth('/sign-up'),
      { username: 'was_anonymous', password: 'password-1' },
      bearer(anon.body),
    );
    expect(upgraded.body.user).toMatchObject({ uid, anonymous: false, username: 'was_anonymous' });
    const mine = await user.post(`/app-api/${appId}/db/drafts/query`, {}, bearer(upgraded.body));
    expect(mine.body.data.map((doc: Json) => doc.text)).toEqual(['kept']);
  });
});

describe('tokens', () => {
  it('rotates refresh tokens and revokes the family when one is reused', async () => {
    const first = (await user.post(auth('/sign-up'), { username: 'rotator', password: 'password-1' })).body;
    const second = await user.post(auth('/refresh'), { refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect(second.body.user.uid).toBe(first.user.uid);
    // The first token again: someone stole it; both it and its successor stop working.
    expect((await user.post(auth('/refresh'), { refreshToken: first.refreshToken })).status).toBe(401);
    expect((await user.post(auth('/refresh'), { refreshToken: second.body.refreshToken })).status).toBe(401);
  });

  it('sign-out revokes the refresh token', async () => {
    const session = (await user.post(auth('/anonymous'))).body;
    expect((await user.post(auth('/sign-out'), { refreshToken: session.refreshToken })).body.ok).toBe(true);
    expect((await user.post(auth('/refresh'), { refreshToken: session.refreshToken })).status).toBe(401);
  });

  it('refuses expired, forged, malformed and other apps’ tokens', async () => {
    const session = (await user.post(auth('/anonymous'))).body;
    expect((await user.get(auth('/me', otherAppId), bearer(session))).status).toBe(401);
    const key = server.app.appAccounts.signingKey(appId);
    const past = Math.floor(Date.now() / 1000) - 10;
    const expired = signAccessToken(key, {
      sub: session.user.uid,
      app: appId,
      roles: [],
      anon: true,
      iat: past - 60,
      exp: past,
    });
    const reply = await user.get(auth('/me'), { headers: { authorization: `Bearer ${expired}` } });
    expect(reply.status).toBe(401);
    expect(reply.body.message).toMatch(/expired/);
    const [head, , signature] = session.accessToken.split('.');
    const claims = Buffer.from(
      JSON.stringify({ sub: 'someone-else', app: appId, roles: ['admin'], anon: false, iat: 1, exp: 9e9 }),
    ).toString('base64url');
    expect(
      (await user.get(auth('/me'), { headers: { authorization: `Bearer ${head}.${claims}.${signature}` } }))
        .status,
    ).toBe(401);
    expect((await user.get(auth('/me'), { headers: { authorization: 'Basic abc' } })).status).toBe(401);
    expect((await user.get(auth('/me'))).status).toBe(401);
    expect((await user.post(auth('/refresh'), { refreshToken: 'made-up' })).status).toBe(401);
  });
});

describe('phone codes', () => {
  it('signs in with the code sent, once', async () => {
    const phone = '+8613800000001';
    const sent = await user.post(auth('/phone/send-code'), { phone });
    expect(sent.body.expiresInSeconds).toBe(300);
    const code = sms().lastCode(appId, phone)!;
    expect(code).toMatch(/^\d{6}$/);
    const wrong = code === '000000' ? '000001' : '000000';
    expect((await user.post(auth('/phone/sign-in'), { phone, code: wrong })).status).toBe(401);
    const signedIn = await user.post(auth('/phone/sign-in'), { phone, code });
    expect(signedIn.status, signedIn.text).toBe(200);
    expect(signedIn.body.user.phone).toBe(phone);
    expect((await user.post(auth('/phone/sign-in'), { phone, code })).status).toBe(401);
  });

  it('limits resending and wrong guesses', async () => {
    const phone = '13800000002';
    expect((await user.post(auth('/phone/send-code'), { phone })).status).toBe(200);
    expect((await user.post(auth('/phone/send-code'), { phone })).status).toBe(429);
    const code = sms().lastCode(appId, phone)!;
    const wrong = code === '111111' ? '222222' : '111111';
    for (let i = 0; i < 5; i++)
      expect((await user.post(auth('/phone/sign-in'), { phone, code: wrong })).status).toBe(401);
    // The right code no longer helps once the attempts are used up.
    expect((await user.post(auth('/phone/sign-in'), { phone, code })).status).toBe(429);
    expect((await user.post(auth('/phone/send-code'), { phone: 'not a phone' })).status).toBe(400);
  });

  it('expired codes are refused', async () => {
    const phone = '13800000003';
    await user.post(auth('/phone/send-code'), { phone });
    const code = sms().lastCode(appId, phone)!;
    await server.app.store
      .app(appId)
      .collection('_phone_codes')
      .updateOne({ _id: phone }, { $set: { expiresAt: Date.now() - 1 } });
    expect((await user.post(auth('/phone/sign-in'), { phone, code })).status).toBe(401);
  });
});

describe('WeChat mini-program login', () => {
  it('maps the same code to the same user through the dev provider', async () => {
    const first = await user.post(auth('/wechat'), { code: 'wx-code-1' });
    expect(first.status).toBe(200);
    expect(first.body.user.wechat).toBe(true);
    const again = await user.post(auth('/wechat'), { code: 'wx-code-1' });
    expect(again.body.user.uid).toBe(first.body.user.uid);
    const other = await user.post(auth('/wechat'), { code: 'wx-code-2' });
    expect(other.body.user.uid).not.toBe(first.body.user.uid);
    expect((await user.post(auth('/wechat'), { code: '' })).status).toBe(400);
  });
});

describe('builder settings and users', () => {
  it('turns sign-in methods off and on, audited', async () => {
    const off = await server.admin.put(`/api/apps/${appId}/auth/settings`, { methods: { anonymous: false } });
    expect(off.body.methods).toEqual({ anonymous: false, password: true, phone: true, wechat: true });
    expect((await user.get(auth('/methods'))).body.anonymous).toBe(false);
    const refused = await user.post(auth('/anonymous'));
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/turned off/);
    await server.admin.put(`/api/apps/${appId}/auth/settings`, { methods: { anonymous: true } });
    expect((await user.post(auth('/anonymous'))).status).toBe(200);
    expect(
      (await server.admin.put(`/api/apps/${appId}/auth/settings`, { accessTokenSeconds: 5 })).status,
    ).toBe(400);
    const audit = await server.admin.get(`/api/workspaces/${server.workspaceId}/audit?limit=100`);
    expect(audit.body.entries.map((entry: Json) => entry.action)).toContain('app.auth.settings.update');
  });

  it('lists users and sets roles, which reach rules after a refresh', async () => {
    const session = (await user.post(auth('/sign-up'), { username: 'future_admin', password: 'password-1' }))
      .body;
    const list = await server.admin.get(`/api/apps/${appId}/auth/users?limit=200`);
    expect(list.body.users.map((entry: Json) => entry.uid)).toContain(session.user.uid);
    expect(list.body.total).toBeGreaterThan(1);
    const set = await server.admin.put(`/api/apps/${appId}/auth/users/${session.user.uid}/roles`, {
      roles: ['admin'],
    });
    expect(set.body.roles).toEqual(['admin']);
    const refreshed = await user.post(auth('/refresh'), { refreshToken: session.refreshToken });
    expect(refreshed.body.user.roles).toEqual(['admin']);
    expect(
      (await server.admin.put(`/api/apps/${appId}/auth/users/ffffffffffffffffffffffff/roles`, { roles: [] }))
        .status,
    ).toBe(404);
    expect(
      (
        await server.admin.put(`/api/apps/${appId}/auth/users/${session.user.uid}/roles`, {
          roles: ['bad role'],
        })
      ).status,
    ).toBe(400);
  });
});

describe('sign-in rate limit', () => {
  it('limits password attempts per IP, app and username', async () => {
    const limited = await startTestServer({ config: { loginRateLimit: 3 } });
    try {
      const limitedApp = await createApp(limited);
      const client = new Client(limited.url);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push(
          (
            await client.post(`/app-api/${limitedApp}/auth/sign-in`, {
              username: 'target',
              password: 'guess-number',
            })
          ).status,
        );
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      // Another username is counted on its own.
      expect(
        (
          await client.post(`/app-api/${limitedApp}/auth/sign-in`, {
            username: 'other',
            password: 'guess-number',
          })
        ).status,
      ).toBe(401);
    } finally {
      await limited.close();
    }
  });
});
