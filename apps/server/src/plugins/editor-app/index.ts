import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

/** Paths that belong to the server itself: never answered with the editor's index.html. */
const SERVER_PATHS = /^\/(api|app-api|docs|health|sites|preview|assets)(\/|$)/;
/** Bundle files named with a content hash never change: cache them for a year. */
const HASHED = /-[A-Z0-9]{8}\.[a-z0-9]+$/;

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Tessera</title>
<p>The Tessera server is running, but the editor has not been built. Start the platform with
<code>pnpm start</code> (it builds the editor), or run the API alone and use <a href="/docs">/docs</a>.</p>`;

/**
 * Serves the editor (the builder's web app, built by apps/editor/src/build.ts into
 * `serverConfig.editorDir`): its assets under /assets/, and index.html for every other GET the
 * server does not answer itself, so that the editor's client-side routes load on refresh.
 */
export const editorAppPlugin: FastifyPluginAsync = async (app) => {
  const dir = app.serverConfig.editorDir;
  if (dir) {
    await app.register(fastifyStatic, {
      root: path.join(dir, 'assets'),
      prefix: '/assets/',
      index: false,
      wildcard: true,
      cacheControl: false,
      // @fastify/static 10 passes the Fastify reply here (typed as a raw response).
      setHeaders(reply, file) {
        (reply as unknown as FastifyReply).header(
          'cache-control',
          HASHED.test(path.basename(file)) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }

  const sendIndex = async (request: FastifyRequest, reply: FastifyReply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    if (SERVER_PATHS.test(pathname)) return reply.callNotFound();
    let html = NOT_BUILT;
    if (dir) {
      // Read per request (it is small and cached by the OS): a rebuild is served without a restart.
      html = await readFile(path.join(dir, 'index.html'), 'utf8').catch(() => NOT_BUILT);
    }
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  };
  app.get('/', { schema: { hide: true } }, sendIndex);
  app.get('/*', { schema: { hide: true } }, sendIndex);
};
