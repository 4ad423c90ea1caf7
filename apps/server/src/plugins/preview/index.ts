import { extname } from 'node:path';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { httpError } from '../../errors';
import { appParams } from '../../schemas';
import { APPS, type AppRecord } from '../apps/records';
import { ACCOUNTS, type AccountRecord } from '../builder-auth/accounts';
import { assertAppAccess } from '../builder-auth/guard';
import { findSession, SESSION_COOKIE } from '../builder-auth/sessions';
import { type PreviewEvent, Previews, previewBase, reloadScriptPath } from './previews';
import { RELOAD_SCRIPT } from './reload-script';

/** The preview runs the app's own scripts only; its SDK and event stream talk to this server. */
const PREVIEW_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob: https:",
  "media-src 'self' blob: https:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** esbuild's `assets/<name>-<HASH>.js`, the pages' data files and the stylesheet. */
const HASHED_ASSET = /^assets\/[^/]*-[A-Z0-9]{8}\.(js|css)$/;

/** Mutating builder routes of an app; a successful one may have changed the draft. */
const APP_WRITE = /^\/api\/apps\/:appId(\/|$)/;

/**
 * Live preview for the editor: `GET /preview/:appId/...` serves the web build of the app's current
 * draft (rebuilt incrementally by the compiler's watch mode), and
 * `GET /api/apps/:appId/preview/events` streams a server-sent event after each build.
 * Wrapped by fastify-plugin so that its hook sees the draft saves of the apps plugin.
 */
export const previewPlugin: FastifyPluginAsync = fp(
  async (app) => {
    const previews = new Previews(async (appId) => {
      const record = await app.store
        .platform()
        .collection<AppRecord>(APPS)
        .findOne({ _id: appId }, { projection: { version: 1, schemaJson: 1, deletedAt: 1 } });
      return record && !record.deletedAt ? { version: record.version, schemaJson: record.schemaJson } : null;
    }, app.log);
    const streams = new Set<FastifyReply>();
    app.addHook('preClose', async () => {
      for (const reply of streams) reply.raw.end();
    });
    app.addHook('onClose', async () => previews.close());

    // A saved draft (or a restore, an import) rebuilds at once for whoever has the preview open.
    app.addHook('onResponse', async (request, reply) => {
      if (request.method === 'GET' || reply.statusCode >= 300) return;
      const appId = (request.params as { appId?: unknown } | undefined)?.appId;
      if (typeof appId !== 'string' || !APP_WRITE.test(request.routeOptions.url ?? '')) return;
      if (previews.has(appId)) void previews.sync(appId).catch((error) => app.log.error(error));
    });

    const previewParams = {
      type: 'object',
      required: ['appId'],
      properties: { appId: appParams.properties.appId, '*': { type: 'string' } },
    } as const;

    app.get<{ Params: { appId: string } }>(
      '/preview/:appId',
      { schema: { hide: true, params: previewParams } },
      async (request, reply) => reply.redirect(previewBase(request.params.appId), 302),
    );

    app.get<{ Params: { appId: string; '*': string } }>(
      '/preview/:appId/*',
      {
        schema: {
          tags: ['preview'],
          summary:
            "The web build of the app's current draft, rebuilt when the draft changes (builder session; paths without an extension → index.html)",
          params: previewParams,
        },
      },
      async (request, reply) => {
        const { appId } = request.params;
        await signedInBuilder(request);
        await assertAppAccess(request, appId, 'viewer');
        const wanted = request.params['*'] ?? '';
        reply.header('content-security-policy', PREVIEW_CSP).header('cache-control', 'no-store');
        if (wanted === '__preview/reload.js') return reply.type(TYPES['.js'] as string).send(RELOAD_SCRIPT);
        const { files, builtVersion, last } = await previews.current(appId);
        if (!files) {
          if (!last) throw httpError(404, `App ${appId} not found`);
          if (extname(wanted) !== '') throw httpError(404, `No file ${wanted}: the draft cannot be built`);
          return reply.type(TYPES['.html'] as string).send(errorPage(appId, last));
        }
        const name = files[wanted] !== undefined ? wanted : extname(wanted) === '' ? 'index.html' : null;
        const body = name === null ? undefined : files[name];
        if (name === null || body === undefined) throw httpError(404, `No file ${wanted} in the preview`);
        // Content-hashed files never change: a reload after a rebuild fetches only the new ones.
        if (HASHED_ASSET.test(name)) reply.header('cache-control', 'private, max-age=31536000, immutable');
        const text =
          name === 'index.html'
            ? body.replace(
                `src="${reloadScriptPath(appId)}"`,
                `src="${reloadScriptPath(appId)}?v=${builtVersion}"`,
              )
            : body;
        return reply.type(TYPES[extname(name)] ?? 'application/octet-stream').send(text);
      },
    );

    app.get<{ Params: { appId: string } }>(
      '/api/apps/:appId/preview/events',
      {
        schema: {
          tags: ['preview'],
          summary:
            'Server-sent events of the live preview: {type:"rebuilt",version,ms,changed} or {type:"error",version,details:[{pointer,message}]} after each build; the latest is sent on connect (viewer)',
          params: appParams,
        },
      },
      async (request, reply) => {
        const { appId } = request.params;
        await assertAppAccess(request, appId, 'viewer');
        reply.hijack();
        reply.raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        reply.raw.write('retry: 1000\n\n');
        const send = (event: PreviewEvent) => reply.raw.write(`data: ${JSON.stringify(event)}\n\n`);
        const stop = previews.listen(appId, send);
        streams.add(reply);
        // Comments keep proxies from closing a quiet stream.
        const heartbeat = setInterval(() => reply.raw.write(': keep-alive\n\n'), 15_000);
        reply.raw.on('close', () => {
          clearInterval(heartbeat);
          stop();
          streams.delete(reply);
        });
        // Builds the draft if nobody did yet; the listener hears the result.
        void previews.sync(appId).catch((error) => app.log.error(error));
      },
    );
  },
  { name: 'preview', dependencies: ['tessera-builder-auth'] },
);

/**
 * The builder of a preview request. Builder auth resolves sessions on `/api/` only; the preview
 * lives under `/preview/` so that the app's own routes and relative URLs work, so it reads the
 * same session cookie (or bearer token) here.
 */
async function signedInBuilder(request: FastifyRequest): Promise<void> {
  if (request.builder) return;
  const header = request.headers.authorization;
  const bearer = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
  const token = bearer ?? request.cookies[SESSION_COOKIE];
  const { store, serverConfig } = request.server;
  const session = token ? await findSession(store, token, serverConfig.sessionTtlSeconds) : null;
  const account = session
    ? await store.platform().collection<AccountRecord>(ACCOUNTS).findOne({ _id: session.accountId })
    : null;
  if (!session || !account || account.status !== 'active')
    throw httpError(401, 'Sign in first: the preview needs a builder session');
  request.builder = {
    accountId: account._id,
    email: account.email,
    name: account.name,
    isAdmin: account.isAdmin === true,
    sessionId: session._id,
    via: bearer ? 'bearer' : 'cookie',
  };
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** Shown while the draft has never built: its problems, and the reload script for the fix. */
function errorPage(appId: string, event: PreviewEvent): string {
  const details = event.type === 'error' ? event.details : [];
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><title>Preview: the draft cannot be built</title>',
    `<script type="module" src="${reloadScriptPath(appId)}?v=0"></script></head>`,
    '<body><main><h1>The draft cannot be built</h1><ul>',
    ...details.map((d) => `<li><code>${escapeHtml(d.pointer || '/')}</code>: ${escapeHtml(d.message)}</li>`),
    '</ul></main></body>',
    '</html>',
    '',
  ].join('\n');
}
