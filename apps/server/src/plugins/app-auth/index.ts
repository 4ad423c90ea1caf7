import cors from '@fastify/cors';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { httpError } from '../../errors';
import { errorResponse } from '../../schemas';
import { recordAudit } from '../audit/record';
import { assertAppAccess } from '../builder-auth/guard';
import {
  AppAccounts,
  defaultPhoneCodeLimits,
  type PhoneCodeLimits,
  phonePattern,
  usernamePattern,
} from './accounts';
import './app-user';
import { identifyAppUser, requireAppUser, requireLiveApp } from './identify';
import { DevWeChatProvider, LogSmsProvider, type SmsProvider, type WeChatProvider } from './providers';
import { AuthSettingsRepository } from './settings';

export type { AppUser } from './app-user';
export type { SmsProvider, WeChatProvider } from './providers';
export { DevWeChatProvider, LogSmsProvider } from './providers';

declare module 'fastify' {
  interface FastifyInstance {
    /** App end-user accounts and sign-in flows (with the SMS and WeChat providers in use). */
    appAccounts: AppAccounts;
    appAuthSettings: AuthSettingsRepository;
  }
}

export interface AppAuthOptions {
  smsProvider?: SmsProvider;
  wechatProvider?: WeChatProvider;
  phoneCodeLimits?: Partial<PhoneCodeLimits>;
}

const appParams = {
  type: 'object',
  required: ['appId'],
  properties: { appId: { type: 'string', pattern: '^[0-9a-f]{24}$' } },
} as const;
const username = {
  type: 'string',
  pattern: usernamePattern,
  description: '3-32 letters, digits, "_", "." or "-"',
} as const;
const password = { type: 'string', minLength: 8, maxLength: 128 } as const;
const phone = {
  type: 'string',
  pattern: phonePattern,
  description: 'digits, optionally starting with +',
} as const;
const publicUser = {
  type: 'object',
  properties: {
    uid: { type: 'string' },
    anonymous: { type: 'boolean' },
    roles: { type: 'array', items: { type: 'string' } },
    username: { type: ['string', 'null'] },
    phone: { type: ['string', 'null'] },
    wechat: { type: 'boolean' },
    disabled: { type: 'boolean' },
  },
} as const;
const session = {
  type: 'object',
  properties: {
    accessToken: { type: 'string' },
    accessTokenExpiresAt: { type: 'integer', description: 'milliseconds since 1970' },
    refreshToken: { type: 'string' },
    user: publicUser,
  },
} as const;
const errors = {
  400: errorResponse,
  401: errorResponse,
  403: errorResponse,
  404: errorResponse,
  409: errorResponse,
  429: errorResponse,
};

function body(properties: Record<string, unknown>, required: string[]) {
  return { type: 'object', required, additionalProperties: false, properties };
}

// Built once rather than per request (@fastify/cors copies them before use, so sharing is safe).
const appApiCors = {
  origin: '*',
  methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
  allowedHeaders: ['authorization', 'content-type'],
  maxAge: 600,
};
const sameOriginOnly = { origin: false };

/** Identifies app end users on every `/app-api/:appId/` request and serves their sign-in routes. */
export function createAppAuthPlugin(options: AppAuthOptions = {}): FastifyPluginAsync {
  return fp(
    async (app) => {
      const settings = new AuthSettingsRepository(app.store);
      const accounts = new AppAccounts(
        app.store,
        settings,
        app.secrets.tokenSecret,
        options.smsProvider ?? new LogSmsProvider((message) => app.log.info(message)),
        options.wechatProvider ?? new DevWeChatProvider(),
        { ...defaultPhoneCodeLimits, ...options.phoneCodeLimits },
      );
      // Built web apps are served from other origins; their API calls carry a bearer token, never
      // cookies, so any origin may call /app-api. Builder routes (/api) stay same-origin.
      await app.register(cors, {
        delegator: (request, callback) =>
          callback(null, request.url?.startsWith('/app-api/') ? appApiCors : sameOriginOnly),
      });
      app.decorate('appAccounts', accounts);
      app.decorate('appAuthSettings', settings);
      app.decorateRequest('appUser', null);
      app.addHook('onRequest', async (request) => {
        if (!request.url.startsWith('/app-api/')) return;
        const appId = (request.params as { appId?: string } | undefined)?.appId;
        if (appId === undefined) return;
        await requireLiveApp(request, appId);
        identifyAppUser(request, accounts, appId);
        if (request.appUser && (await accounts.isDisabled(appId, request.appUser.uid)))
          throw httpError(401, "This account is disabled; ask the app's team to enable it");
      });
      await app.register(appAuthRoutes);
      await app.register(builderAuthRoutes);
    },
    { name: 'app-auth' },
  );
}

export const appAuthPlugin = createAppAuthPlugin();

function appIdOf(request: FastifyRequest): string {
  return (request.params as { appId: string }).appId;
}

async function appAuthRoutes(app: FastifyInstance): Promise<void> {
  const accounts = app.appAccounts;
  const tags = ['app-auth'];
  const prefix = '/app-api/:appId/auth';
  const loginLimit = {
    rateLimit: {
      max: app.serverConfig.loginRateLimit,
      timeWindow: 60_000,
      keyGenerator: (request: FastifyRequest) =>
        `${request.ip}:${appIdOf(request)}:${String((request.body as { username?: unknown } | undefined)?.username ?? '')}`,
    },
  };

  app.post(
    `${prefix}/anonymous`,
    {
      schema: {
        tags,
        summary: 'Sign in anonymously (a new uid, upgradable later)',
        params: appParams,
        response: { 200: session, ...errors },
      },
    },
    async (request) => accounts.signInAnonymously(appIdOf(request)),
  );

  app.post<{ Body: { username: string; password: string } }>(
    `${prefix}/sign-up`,
    {
      schema: {
        tags,
        summary: 'Create a username account; an anonymous caller keeps its uid',
        params: appParams,
        body: body({ username, password }, ['username', 'password']),
        response: { 200: session, ...errors },
      },
      config: loginLimit,
    },
    async (request) =>
      accounts.signUp(appIdOf(request), request.body.username, request.body.password, request.appUser),
  );

  app.post<{ Body: { username: string; password: string } }>(
    `${prefix}/sign-in`,
    {
      schema: {
        tags,
        summary: 'Sign in with username and password',
        params: appParams,
        body: body(
          { username: { type: 'string', maxLength: 64 }, password: { type: 'string', maxLength: 128 } },
          ['username', 'password'],
        ),
        response: { 200: session, ...errors },
      },
      config: loginLimit,
    },
    async (request) =>
      accounts.signInWithPassword(appIdOf(request), request.body.username, request.body.password),
  );

  app.post<{ Body: { phone: string } }>(
    `${prefix}/phone/send-code`,
    {
      schema: {
        tags,
        summary: 'Send a one-time sign-in code by SMS',
        params: appParams,
        body: body({ phone }, ['phone']),
        response: {
          200: { type: 'object', properties: { expiresInSeconds: { type: 'integer' } } },
          ...errors,
        },
      },
    },
    async (request) => accounts.sendPhoneCode(appIdOf(request), request.body.phone),
  );

  app.post<{ Body: { phone: string; code: string } }>(
    `${prefix}/phone/sign-in`,
    {
      schema: {
        tags,
        summary: 'Sign in with a phone number and the code sent to it',
        params: appParams,
        body: body({ phone, code: { type: 'string', pattern: '^[0-9]{6}$' } }, ['phone', 'code']),
        response: { 200: session, ...errors },
      },
    },
    async (request) =>
      accounts.signInWithPhoneCode(appIdOf(request), request.body.phone, request.body.code, request.appUser),
  );

  app.post<{ Body: { code: string } }>(
    `${prefix}/wechat`,
    {
      schema: {
        tags,
        summary: 'Sign in from a WeChat mini-program with a wx.login() code',
        params: appParams,
        body: body({ code: { type: 'string', minLength: 1, maxLength: 128 } }, ['code']),
        response: { 200: session, ...errors },
      },
    },
    async (request) => accounts.signInWithWeChat(appIdOf(request), request.body.code, request.appUser),
  );

  app.post<{ Body: { refreshToken: string } }>(
    `${prefix}/refresh`,
    {
      schema: {
        tags,
        summary: 'Exchange a refresh token for new tokens (the old one stops working)',
        params: appParams,
        body: body({ refreshToken: { type: 'string', minLength: 1, maxLength: 256 } }, ['refreshToken']),
        response: { 200: session, ...errors },
      },
    },
    async (request) => accounts.refresh(appIdOf(request), request.body.refreshToken),
  );

  app.post<{ Body: { refreshToken: string } }>(
    `${prefix}/sign-out`,
    {
      schema: {
        tags,
        summary: 'Revoke a refresh token (and every token rotated from it)',
        params: appParams,
        body: body({ refreshToken: { type: 'string', minLength: 1, maxLength: 256 } }, ['refreshToken']),
        response: { 200: { type: 'object', properties: { ok: { type: 'boolean' } } }, ...errors },
      },
    },
    async (request) => {
      await accounts.signOut(appIdOf(request), request.body.refreshToken);
      return { ok: true };
    },
  );

  app.get(
    `${prefix}/me`,
    {
      schema: {
        tags,
        summary: 'The signed-in app user',
        params: appParams,
        response: { 200: publicUser, ...errors },
      },
    },
    async (request) => accounts.profile(appIdOf(request), requireAppUser(request).uid),
  );

  app.get(
    `${prefix}/methods`,
    {
      schema: {
        tags,
        summary: 'Sign-in methods this app offers',
        params: appParams,
        response: { 200: { type: 'object', properties: methodsSchema.properties }, ...errors },
      },
    },
    async (request) => (await app.appAuthSettings.get(appIdOf(request))).methods,
  );
}

const methodsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    anonymous: { type: 'boolean' },
    password: { type: 'boolean' },
    phone: { type: 'boolean' },
    wechat: { type: 'boolean' },
  },
} as const;
const settingsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    methods: methodsSchema,
    accessTokenSeconds: { type: 'integer', minimum: 60, maximum: 86400 },
    refreshTokenDays: { type: 'integer', minimum: 1, maximum: 365 },
  },
} as const;

async function builderAuthRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['app-auth (builder)'];
  const builderParams = { ...appParams, additionalProperties: false } as const;

  app.get(
    '/api/apps/:appId/auth/settings',
    {
      schema: {
        tags,
        summary: "An app's sign-in settings",
        params: builderParams,
        response: { 200: settingsSchema, ...errors },
      },
    },
    async (request) => {
      await assertAppAccess(request, appIdOf(request), 'viewer');
      return app.appAuthSettings.get(appIdOf(request));
    },
  );

  app.put<{
    Body: { methods?: Record<string, boolean>; accessTokenSeconds?: number; refreshTokenDays?: number };
  }>(
    '/api/apps/:appId/auth/settings',
    {
      schema: {
        tags,
        summary: 'Change sign-in settings',
        params: builderParams,
        body: settingsSchema,
        response: { 200: settingsSchema, ...errors },
      },
    },
    async (request) => {
      const access = await assertAppAccess(request, appIdOf(request), 'developer');
      const saved = await app.appAuthSettings.save(appIdOf(request), request.body as never);
      await recordAudit(request, {
        workspaceId: access.workspaceId,
        action: 'app.auth.settings.update',
        target: { type: 'app', id: access.appId },
        summary: `Changed sign-in settings: ${
          Object.entries(saved.methods)
            .filter(([, on]) => on)
            .map(([name]) => name)
            .join(', ') || 'no methods'
        } enabled`,
        data: { ...saved },
      });
      return saved;
    },
  );

  app.get<{ Querystring: { skip: number; limit: number; search?: string } }>(
    '/api/apps/:appId/auth/users',
    {
      schema: {
        tags,
        summary: "An app's end users, newest first",
        params: builderParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            skip: { type: 'integer', minimum: 0, default: 0 },
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
            search: { type: 'string', maxLength: 100, description: 'start of a username, phone or uid' },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: { users: { type: 'array', items: publicUser }, total: { type: 'integer' } },
          },
          ...errors,
        },
      },
    },
    async (request) => {
      await assertAppAccess(request, appIdOf(request), 'viewer');
      return app.appAccounts.listUsers(
        appIdOf(request),
        request.query.skip,
        request.query.limit,
        request.query.search,
      );
    },
  );

  app.put<{ Params: { appId: string; uid: string }; Body: { roles: string[] } }>(
    '/api/apps/:appId/auth/users/:uid/roles',
    {
      schema: {
        tags,
        summary: "Set an app user's roles (effective at their next token refresh)",
        params: {
          type: 'object',
          required: ['appId', 'uid'],
          additionalProperties: false,
          properties: {
            appId: appParams.properties.appId,
            uid: { type: 'string', pattern: '^[0-9a-f]{24}$' },
          },
        },
        body: body(
          {
            roles: {
              type: 'array',
              maxItems: 32,
              uniqueItems: true,
              items: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,32}$' },
            },
          },
          ['roles'],
        ),
        response: { 200: publicUser, ...errors },
      },
    },
    async (request) => {
      const access = await assertAppAccess(request, request.params.appId, 'developer');
      const user = await app.appAccounts.setRoles(
        request.params.appId,
        request.params.uid,
        request.body.roles,
      );
      await recordAudit(request, {
        workspaceId: access.workspaceId,
        action: 'app.user.roles.change',
        target: { type: 'app-user', id: request.params.uid },
        summary: `Set roles of app user ${request.params.uid} to [${request.body.roles.join(', ')}]`,
        data: { appId: access.appId, roles: request.body.roles },
      });
      return user;
    },
  );

  const userParams = {
    type: 'object',
    required: ['appId', 'uid'],
    additionalProperties: false,
    properties: {
      appId: appParams.properties.appId,
      uid: { type: 'string', pattern: '^[0-9a-f]{24}$' },
    },
  } as const;

  app.patch<{ Params: { appId: string; uid: string }; Body: { disabled: boolean } }>(
    '/api/apps/:appId/auth/users/:uid',
    {
      schema: {
        tags,
        summary:
          'Disable or enable an app user (developer). A disabled user cannot sign in, refresh or use its tokens',
        params: userParams,
        body: body({ disabled: { type: 'boolean' } }, ['disabled']),
        response: { 200: publicUser, ...errors },
      },
    },
    async (request) => {
      const access = await assertAppAccess(request, request.params.appId, 'developer');
      const { uid } = request.params;
      const user = await app.appAccounts.setDisabled(access.appId, uid, request.body.disabled);
      await recordAudit(request, {
        workspaceId: access.workspaceId,
        action: request.body.disabled ? 'app.user.disable' : 'app.user.enable',
        target: { type: 'app-user', id: uid },
        summary: `${request.body.disabled ? 'Disabled' : 'Enabled'} app user ${user.username ?? uid}`,
        data: { appId: access.appId },
      });
      return user;
    },
  );

  app.post<{ Params: { appId: string; uid: string } }>(
    '/api/apps/:appId/auth/users/:uid/reset-password',
    {
      schema: {
        tags,
        summary:
          "Give a username account a new random password, shown only in this answer; the user's sessions end (developer)",
        params: userParams,
        response: {
          200: {
            type: 'object',
            properties: { temporaryPassword: { type: 'string' }, user: publicUser },
          },
          ...errors,
        },
      },
    },
    async (request) => {
      const access = await assertAppAccess(request, request.params.appId, 'developer');
      const { uid } = request.params;
      const reset = await app.appAccounts.resetPassword(access.appId, uid);
      await recordAudit(request, {
        workspaceId: access.workspaceId,
        action: 'app.user.password.reset',
        target: { type: 'app-user', id: uid },
        summary: `Reset the password of app user ${reset.user.username ?? uid}`,
        data: { appId: access.appId },
      });
      return reset;
    },
  );
}
