import { createHash } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { httpError } from '../../errors';
import {
  ACCOUNTS,
  type AccountRecord,
  accountSchema,
  ensureIdentityIndexes,
  MEMBERSHIPS,
  type MembershipRecord,
  normalizeEmail,
  publicAccount,
  WORKSPACES,
  type WorkspaceRecord,
} from './accounts';
import { requireBuilder } from './guard';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords';
import {
  CSRF_COOKIE,
  CSRF_HEADER,
  createSession,
  deleteSession,
  findSession,
  type NewSession,
  SESSION_COOKIE,
  safeEqual,
} from './sessions';

export { assertAppAccess, assertWorkspaceAccess, requireBuilder, roleAtLeast } from './guard';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const email = { type: 'string', minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$' } as const;
const password = { type: 'string', minLength: 8, maxLength: 200 } as const;

const sessionResponse = {
  type: 'object',
  required: ['token', 'csrfToken', 'expiresAt', 'account'],
  properties: {
    token: { type: 'string', description: 'session token for Authorization: Bearer (also set as a cookie)' },
    csrfToken: {
      type: 'string',
      description: 'send as x-csrf-token on mutating requests that use the cookie',
    },
    expiresAt: { type: 'string' },
    account: accountSchema,
  },
} as const;

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

/** Resolves the session on every `/api/` request; refuses the unauthenticated and cross-site writes. */
async function authenticate(request: FastifyRequest): Promise<void> {
  // The matched route's pattern, so that an encoded path (/%61pi/...) cannot dodge the check.
  const path = request.routeOptions.url ?? request.url;
  if (!path.startsWith('/api/') && !request.url.startsWith('/api/')) return;
  const { store, serverConfig } = request.server;
  const bearer = bearerToken(request);
  const cookieToken = request.cookies[SESSION_COOKIE];
  const token = bearer ?? cookieToken;
  let csrfToken: string | undefined;
  if (token) {
    const session = await findSession(store, token, serverConfig.sessionTtlSeconds);
    const account = session
      ? await store.platform().collection<AccountRecord>(ACCOUNTS).findOne({ _id: session.accountId })
      : null;
    if (session && account && account.status === 'active') {
      csrfToken = session.csrfToken;
      request.builder = {
        accountId: account._id,
        email: account.email,
        name: account.name,
        isAdmin: account.isAdmin === true,
        sessionId: session._id,
        via: bearer ? 'bearer' : 'cookie',
      };
    }
  }
  if (request.routeOptions.config?.public) return;
  if (!request.builder) throw httpError(401, 'Sign in first: missing, expired or unknown session');
  // A cookie is sent by the browser on its own; the header proves the page itself made the call.
  if (request.builder.via === 'cookie' && MUTATING.has(request.method)) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !csrfToken || !safeEqual(sent, csrfToken)) {
      throw httpError(
        403,
        `Missing or wrong ${CSRF_HEADER} header (take it from the login answer or GET /api/auth/me)`,
      );
    }
  }
}

function setSessionCookies(
  request: FastifyRequest,
  reply: FastifyReply,
  session: NewSession,
  ttlSeconds: number,
) {
  const secure = request.protocol === 'https';
  reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: ttlSeconds,
  });
  // Readable by the editor's scripts so that they can echo it in the x-csrf-token header.
  reply.setCookie(CSRF_COOKIE, session.csrfToken, {
    httpOnly: false,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: ttlSeconds,
  });
}

async function startSession(request: FastifyRequest, reply: FastifyReply, account: AccountRecord) {
  const { store, serverConfig } = request.server;
  const session = await createSession(store, account._id, serverConfig.sessionTtlSeconds, {
    ip: request.ip,
    userAgent: String(request.headers['user-agent'] ?? ''),
  });
  setSessionCookies(request, reply, session, serverConfig.sessionTtlSeconds);
  return {
    token: session.token,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
    account: publicAccount(account),
  };
}

const plugin: FastifyPluginAsync = async (app) => {
  await ensureIdentityIndexes(app.store);
  // Expired sessions are also removed when presented; this sweeps the ones nobody comes back with.
  await app.store
    .platform()
    .collection('sessions')
    .deleteMany({ expiresAt: { $lt: new Date().toISOString() } });
  app.decorateRequest('builder', null);
  app.addHook('onRequest', authenticate);

  const accounts = () => app.store.platform().collection<AccountRecord>(ACCOUNTS);

  app.post<{ Body: { email: string; password: string } }>(
    '/api/auth/login',
    {
      config: {
        public: true,
        rateLimit: {
          max: app.serverConfig.loginRateLimit,
          timeWindow: 60_000,
          keyGenerator: (request: FastifyRequest) => {
            const body = request.body as { email?: unknown } | undefined;
            return `${request.ip}|${typeof body?.email === 'string' ? normalizeEmail(body.email) : ''}`;
          },
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in as a builder; sets the session cookie and returns the token',
        body: {
          type: 'object',
          required: ['email', 'password'],
          additionalProperties: false,
          properties: { email, password: { type: 'string', minLength: 1, maxLength: 200 } },
        },
        response: { 200: sessionResponse },
      },
    },
    async (request, reply) => {
      const account = await accounts().findOne({ email: normalizeEmail(request.body.email) });
      const hash = account?.passwordHash ?? (await dummyPasswordHash());
      const ok = await verifyPassword(request.body.password, hash);
      if (!account || !ok || account.status !== 'active') throw httpError(401, 'Wrong email or password');
      return startSession(request, reply, account);
    },
  );

  app.post<{ Body: { token: string; password: string; name?: string } }>(
    '/api/auth/accept-invite',
    {
      config: {
        public: true,
        rateLimit: { max: app.serverConfig.loginRateLimit, timeWindow: 60_000 },
      },
      schema: {
        tags: ['auth'],
        summary: 'Choose a password for an invited account and sign in',
        body: {
          type: 'object',
          required: ['token', 'password'],
          additionalProperties: false,
          properties: {
            token: { type: 'string', minLength: 10, maxLength: 200 },
            password,
            name: { type: 'string', minLength: 1, maxLength: 100 },
          },
        },
        response: { 200: sessionResponse },
      },
    },
    async (request, reply) => {
      const tokenHash = createHash('sha256').update(request.body.token).digest('hex');
      const account = await accounts().findOne({ inviteTokenHash: tokenHash, status: 'invited' });
      if (!account || !(Date.parse(account.inviteExpiresAt ?? '') > Date.now())) {
        throw httpError(404, 'This invitation is unknown, used or expired; ask for a new one');
      }
      const update = {
        passwordHash: await hashPassword(request.body.password),
        status: 'active' as const,
        ...(request.body.name ? { name: request.body.name } : {}),
      };
      await accounts().updateOne(
        { _id: account._id, status: 'invited' },
        { $set: update, $unset: { inviteTokenHash: '', inviteExpiresAt: '' } },
      );
      return startSession(request, reply, { ...account, ...update });
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'End the current session', response: { 204: { type: 'null' } } } },
    async (request, reply) => {
      const builder = requireBuilder(request);
      await deleteSession(app.store, builder.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      reply.clearCookie(CSRF_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in account, its workspaces and the CSRF token',
        response: {
          200: {
            type: 'object',
            required: ['account', 'workspaces', 'csrfToken'],
            properties: {
              account: accountSchema,
              csrfToken: { type: 'string' },
              workspaces: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['id', 'name', 'role'],
                  properties: { id: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
                },
              },
            },
          },
        },
      },
    },
    async (request) => {
      const builder = requireBuilder(request);
      const platform = app.store.platform();
      const account = await accounts().findOne({ _id: builder.accountId });
      const session = await platform.collection('sessions').findOne({ _id: builder.sessionId });
      if (!account || !session) throw httpError(401, 'Session ended');
      const memberships = await platform
        .collection<MembershipRecord>(MEMBERSHIPS)
        .find({ accountId: builder.accountId })
        .toArray();
      const workspaces = await platform
        .collection<WorkspaceRecord>(WORKSPACES)
        .find({ _id: { $in: memberships.map((m) => m.workspaceId) } })
        .toArray();
      const names = new Map(workspaces.map((w) => [w._id, w.name]));
      return {
        account: publicAccount(account),
        csrfToken: String(session.csrfToken),
        workspaces: memberships
          .filter((m) => names.has(m.workspaceId))
          .map((m) => ({ id: m.workspaceId, name: names.get(m.workspaceId), role: m.role })),
      };
    },
  );

  app.post<{ Body: { currentPassword: string; newPassword: string } }>(
    '/api/auth/password',
    {
      config: { rateLimit: { max: app.serverConfig.loginRateLimit, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Change your own password (other sessions of the account end)',
        body: {
          type: 'object',
          required: ['currentPassword', 'newPassword'],
          additionalProperties: false,
          properties: {
            currentPassword: { type: 'string', minLength: 1, maxLength: 200 },
            newPassword: password,
          },
        },
        response: { 204: { type: 'null' } },
      },
    },
    async (request, reply) => {
      const builder = requireBuilder(request);
      const account = await accounts().findOne({ _id: builder.accountId });
      if (
        !account?.passwordHash ||
        !(await verifyPassword(request.body.currentPassword, account.passwordHash))
      ) {
        throw httpError(403, 'The current password is wrong');
      }
      await accounts().updateOne(
        { _id: account._id },
        { $set: { passwordHash: await hashPassword(request.body.newPassword) } },
      );
      await app.store
        .platform()
        .collection('sessions')
        .deleteMany({ accountId: account._id, _id: { $ne: builder.sessionId } });
      return reply.status(204).send();
    },
  );
};

export const builderAuthPlugin = fp(plugin, { name: 'tessera-builder-auth' });
