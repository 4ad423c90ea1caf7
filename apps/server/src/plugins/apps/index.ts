import type { FastifyPluginAsync } from 'fastify';

export const appsPlugin: FastifyPluginAsync = async () => {};
