import type { DocumentStore } from '@tessera/store';
import type { FastifyRequest } from 'fastify';
import { timeOrderedId } from '../../ids';

/** What happened, as the caller describes it. */
export type AuditEntryInput = {
  workspaceId: string;
  /** Dotted verb, e.g. `app.save`, `member.role.change`, `rules.update`, `function.deploy`. */
  action: string;
  target: { type: string; id: string };
  /** One human sentence, e.g. `Saved "Service hall" as version 4`. */
  summary: string;
  /** Small structured facts about the change (ids, versions, roles). */
  data?: Record<string, unknown>;
};

export type AuditEntry = AuditEntryInput & {
  _id: string;
  at: string;
  actor: { accountId: string | null; email: string | null };
  ip: string;
  userAgent: string;
};

export const AUDIT_COLLECTION = 'audit';

/**
 * Appends one entry to the workspace's audit log: who (the signed-in builder), when, what,
 * and from where. Pass `db` to write inside the same transaction as the change itself.
 * The log is append-only: nothing in the server updates or deletes entries.
 */
export async function recordAudit(
  request: FastifyRequest,
  entry: AuditEntryInput,
  options: { db?: DocumentStore } = {},
): Promise<AuditEntry> {
  const now = Date.now();
  const doc: AuditEntry = {
    _id: timeOrderedId(now),
    at: new Date(now).toISOString(),
    workspaceId: entry.workspaceId,
    action: entry.action,
    target: { type: entry.target.type, id: entry.target.id },
    summary: entry.summary,
    ...(entry.data ? { data: entry.data } : {}),
    actor: { accountId: request.builder?.accountId ?? null, email: request.builder?.email ?? null },
    ip: request.ip,
    userAgent: String(request.headers['user-agent'] ?? '').slice(0, 300),
  };
  const db = options.db ?? request.server.store.platform();
  await db.collection<AuditEntry>(AUDIT_COLLECTION).insertOne(doc);
  return doc;
}
