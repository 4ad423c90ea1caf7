import type { FastifyPluginAsync } from 'fastify';

const startedAt = Date.now();

export const healthPlugin: FastifyPluginAsync = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness and store reachability',
        response: {
          200: {
            type: 'object',
            required: ['status', 'store', 'uptimeSeconds'],
            properties: {
              status: { type: 'string', enum: ['ok'] },
              store: { type: 'string', enum: ['ok'] },
              uptimeSeconds: { type: 'integer' },
            },
          },
          503: {
            type: 'object',
            properties: {
              statusCode: { type: 'integer' },
              error: { type: 'string' },
              message: { type: 'string' },
            },
          },
        },
      },
    },
    async (_request, reply) => {
      try {
        await app.store.platform().collection('accounts').findOne({});
      } catch (error) {
        app.log.error({ err: error }, 'health check: store unreachable');
        return reply
          .status(503)
          .send({ statusCode: 503, error: 'Service Unavailable', message: 'The store is unreachable' });
      }
      return { status: 'ok', store: 'ok', uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) };
    },
  );
};
