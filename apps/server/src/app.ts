import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { Store } from '@tessera/store';
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type RouteOptions } from 'fastify';
import type { ServerConfig, ServerSecrets } from './config';
import { errorHandler, notFoundHandler } from './errors';
import { appAuthPlugin } from './plugins/app-auth';
import { appDbPlugin } from './plugins/app-db';
import { appsPlugin } from './plugins/apps';
import { auditPlugin } from './plugins/audit';
import { builderAuthPlugin } from './plugins/builder-auth';
import { cmsPlugin } from './plugins/cms';
import { docsPlugin } from './plugins/docs';
import { editorAppPlugin } from './plugins/editor-app';
import { functionsPlugin } from './plugins/functions';
import { healthPlugin } from './plugins/health';
import { previewPlugin } from './plugins/preview';
import { publishPlugin } from './plugins/publish';
import { storagePlugin } from './plugins/storage';
import { workspacesPlugin } from './plugins/workspaces';
import { errorResponse } from './schemas';
import { securityHeadersPlugin } from './security-headers';
import './types';

export interface AppDependencies {
  config: ServerConfig;
  store: Store;
  secrets: ServerSecrets;
  /** The app owns the store: it closes it after every plugin's own close (their work may still write). */
  ownsStore?: boolean;
}

/**
 * The domain plugins, in registration order. Each one declares its own routes (with JSON Schemas)
 * under `/api/...` (builders) or `/app-api/:appId/...` (end users of built apps).
 */
const domainPlugins: FastifyPluginAsync[] = [
  // ── platform core (server engineer) ──
  healthPlugin,
  builderAuthPlugin, // decorates request.builder; must come before every /api plugin
  workspacesPlugin,
  appsPlugin,
  auditPlugin,
  // ── app data (app-data engineer): app-auth, app-db, storage ──
  appAuthPlugin, // decorates request.appUser on /app-api/:appId/ requests; before app-db and storage
  appDbPlugin,
  storagePlugin,
  // ── cloud functions (functions engineer) ──
  functionsPlugin,
  // ── CMS ──
  cmsPlugin,
  previewPlugin, // the editor's live preview: /preview/:appId/ and its event stream
  // ── publishing and hosting (/sites/:appId/) ──
  publishPlugin,
  // ── the editor's web app: last, its catch-all GET answers what no other route does ──
  editorAppPlugin,
];

/** Builder routes answer errors in one shape; say so in their OpenAPI entry (serialized loosely). */
function documentErrors(route: RouteOptions): void {
  if (!route.url.startsWith('/api/') || !route.schema?.response) return;
  const response = route.schema.response as Record<string, unknown>;
  response['4xx'] ??= errorResponse;
}

/** Composes the server from its plugins. Owns no routes itself. */
export async function buildApp({
  config,
  store,
  secrets,
  ownsStore,
}: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel },
    // Routes validate with ajv; unknown properties are an error rather than silently dropped.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
  });
  app.decorate('store', store);
  app.decorate('serverConfig', config);
  app.decorate('secrets', secrets);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  // onClose hooks run last-registered first: registered before any plugin, this one runs last.
  if (ownsStore)
    app.addHook('onClose', async () => {
      await store.close();
    });

  await app.register(securityHeadersPlugin);
  await app.register(cookie, { secret: secrets.cookieSecret });
  // preHandler: keys may use the parsed body (login is limited per IP + email).
  await app.register(rateLimit, { global: false, hook: 'preHandler' });
  await app.register(docsPlugin); // before the routes so that OpenAPI sees all of them
  app.addHook('onRoute', documentErrors);

  for (const plugin of domainPlugins) await app.register(plugin);
  return app;
}
