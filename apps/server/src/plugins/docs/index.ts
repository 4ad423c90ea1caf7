import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

/** OpenAPI document of every route at `/docs/json`, browsable at `/docs`. */
export const docsPlugin: FastifyPluginAsync = fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Tessera platform API',
          description:
            'Builder API under /api (session cookie + x-csrf-token, or Authorization: Bearer <session token>); ' +
            'app end-user API under /app-api/:appId.',
          version: '0.1.0',
        },
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: 'tessera_session' },
            bearer: { type: 'http', scheme: 'bearer' },
          },
        },
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  },
  { name: 'tessera-docs' },
);
