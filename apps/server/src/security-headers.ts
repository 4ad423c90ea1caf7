import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';

/**
 * Helmet's default security headers on every response. Built once: @fastify/helmet rebuilt the
 * helmet middleware (re-parsing its whole configuration) on every request.
 */
export const securityHeadersPlugin: FastifyPluginAsync = fp(
  async (app) => {
    const applyHeaders = helmet();
    app.addHook('onRequest', (request, reply, done) => {
      applyHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
    });
  },
  { name: 'security-headers' },
);
