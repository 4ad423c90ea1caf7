import type { FastifyPluginAsync } from 'fastify';
import { httpError } from '../../errors';
import { idPattern, isoDate, objectId } from '../../schemas';
import { assertWorkspaceAccess } from '../builder-auth/guard';
import { AUDIT_COLLECTION, type AuditEntry } from './record';

export { type AuditEntry, type AuditEntryInput, recordAudit } from './record';

const entrySchema = {
  type: 'object',
  required: ['id', 'at', 'workspaceId', 'action', 'target', 'summary', 'actor', 'ip', 'userAgent'],
  properties: {
    id: { type: 'string' },
    at: { type: 'string' },
    workspaceId: { type: 'string' },
    action: { type: 'string' },
    target: { type: 'object', properties: { type: { type: 'string' }, id: { type: 'string' } } },
    summary: { type: 'string' },
    data: { type: 'object', additionalProperties: true },
    actor: {
      type: 'object',
      properties: { accountId: { type: ['string', 'null'] }, email: { type: ['string', 'null'] } },
    },
    ip: { type: 'string' },
    userAgent: { type: 'string' },
  },
} as const;

interface AuditQuery {
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  since?: string;
  until?: string;
  cursor?: string;
  limit: number;
}

export const auditPlugin: FastifyPluginAsync = async (app) => {
  app.get<{ Params: { workspaceId: string }; Querystring: AuditQuery }>(
    '/api/workspaces/:workspaceId/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Query the workspace audit log, newest first (developer or owner)',
        params: {
          type: 'object',
          required: ['workspaceId'],
          additionalProperties: false,
          properties: { workspaceId: objectId },
        },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            actor: { type: 'string', minLength: 1, maxLength: 200, description: 'account id or email' },
            action: {
              type: 'string',
              minLength: 1,
              maxLength: 100,
              description: 'exact, or a prefix ending in .*',
            },
            targetType: { type: 'string', minLength: 1, maxLength: 50 },
            targetId: { type: 'string', minLength: 1, maxLength: 100 },
            since: isoDate,
            until: isoDate,
            cursor: { type: 'string', pattern: idPattern },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['entries', 'nextCursor'],
            properties: {
              entries: { type: 'array', items: entrySchema },
              nextCursor: { type: ['string', 'null'] },
            },
          },
        },
      },
    },
    async (request) => {
      const { workspaceId } = request.params;
      await assertWorkspaceAccess(request, workspaceId, 'developer');
      const q = request.query;
      const filter: Record<string, unknown> = { workspaceId };
      if (q.actor) filter[q.actor.includes('@') ? 'actor.email' : 'actor.accountId'] = q.actor.toLowerCase();
      if (q.action) {
        filter.action = q.action.endsWith('.*')
          ? { $regex: '^' + escapeRegex(q.action.slice(0, -1)) }
          : q.action;
      }
      if (q.targetType) filter['target.type'] = q.targetType;
      if (q.targetId) filter['target.id'] = q.targetId;
      if (q.since || q.until) {
        const since = q.since ? new Date(q.since) : undefined;
        const until = q.until ? new Date(q.until) : undefined;
        if (since && until && since > until) throw httpError(400, 'since must not be after until');
        filter.at = {
          ...(since ? { $gte: since.toISOString() } : {}),
          ...(until ? { $lte: until.toISOString() } : {}),
        };
      }
      if (q.cursor) filter._id = { $lt: q.cursor };
      const docs = await app.store
        .platform()
        .collection<AuditEntry>(AUDIT_COLLECTION)
        .find(filter, { sort: { _id: -1 }, limit: q.limit + 1 })
        .toArray();
      const page = docs.slice(0, q.limit);
      return {
        entries: page.map(({ _id, ...rest }) => ({ id: _id, ...rest })),
        nextCursor: docs.length > q.limit ? (page[page.length - 1]?._id ?? null) : null,
      };
    },
  );
};

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
