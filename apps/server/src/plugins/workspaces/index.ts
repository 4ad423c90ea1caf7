import type { FastifyPluginAsync } from 'fastify';

export const workspacesPlugin: FastifyPluginAsync = async () => {};
