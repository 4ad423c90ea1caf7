import type { DocumentStore } from '@tessera/store';
import type { FastifyRequest } from 'fastify';
import { httpError } from '../../errors';
import { recordAudit } from '../audit/record';
import { assertAppAccess, requireBuilder } from '../builder-auth/guard';
import { APP_VERSIONS, APPS, type AppRecord, type AppVersionRecord, appSummary, versionId } from './records';
import { type AppDocument, displayName } from './schema-check';

// The writes behind the apps routes: each one is a transaction that also appends its audit entry.

const appsOf = (request: FastifyRequest) => request.server.store.platform().collection<AppRecord>(APPS);
const versionsOf = (request: FastifyRequest) =>
  request.server.store.platform().collection<AppVersionRecord>(APP_VERSIONS);

export async function loadApp(request: FastifyRequest, appId: string): Promise<AppRecord> {
  const record = await appsOf(request).findOne({ _id: appId });
  if (!record) throw httpError(404, `App ${appId} not found`);
  return record;
}

/** Inserts a new app with its version 1 and the audit entry, all or nothing. */
export async function insertApp(
  request: FastifyRequest,
  workspaceId: string,
  schema: AppDocument,
  info: { template: string | null; action: string; summary: string; message: string },
): Promise<AppRecord> {
  const builder = requireBuilder(request);
  const now = new Date().toISOString();
  const schemaJson = JSON.stringify(schema);
  const record: AppRecord = {
    _id: String(schema.id),
    workspaceId,
    name: displayName(schema),
    description: typeof schema.description === 'string' ? schema.description : '',
    template: info.template,
    version: 1,
    schemaJson,
    createdAt: now,
    createdBy: builder.accountId,
    updatedAt: now,
    updatedBy: builder.accountId,
    deletedAt: null,
  };
  await request.server.store.platform().withTransaction(async (tx) => {
    await tx.collection<AppRecord>(APPS).insertOne(record);
    await tx.collection<AppVersionRecord>(APP_VERSIONS).insertOne({
      _id: versionId(record._id, 1),
      appId: record._id,
      workspaceId,
      version: 1,
      schemaJson,
      savedAt: now,
      savedBy: builder.accountId,
      savedByEmail: builder.email,
      message: info.message,
      restoredFrom: null,
    });
    await recordAudit(
      request,
      {
        workspaceId,
        action: info.action,
        target: { type: 'app', id: record._id },
        summary: info.summary.replace('{name}', record.name),
      },
      { db: tx },
    );
  });
  return record;
}

/**
 * Writes a new version on top of `baseVersion` (or the current one when null). A concurrent
 * save makes this a 409 carrying the current version, never a silent overwrite.
 */
export async function saveVersion(
  request: FastifyRequest,
  appId: string,
  schema: AppDocument,
  baseVersion: number | null,
  info: { message: string; restoredFrom: number | null; action: string; summary: string },
): Promise<AppRecord> {
  const builder = requireBuilder(request);
  const current = await loadApp(request, appId);
  if (current.deletedAt) throw httpError(409, 'This app is deleted: restore it before saving');
  const base = baseVersion ?? current.version;
  const stale = () =>
    httpError(
      409,
      `The app changed since version ${base}: it is now at version ${current.version}. Reload it, reapply your change and save against that version.`,
      undefined,
      { currentVersion: current.version, app: appSummary(current) },
    );
  if (base !== current.version) throw stale();
  const now = new Date().toISOString();
  const schemaJson = JSON.stringify(schema);
  const next: AppRecord = {
    ...current,
    name: displayName(schema),
    description: typeof schema.description === 'string' ? schema.description : '',
    version: base + 1,
    schemaJson,
    updatedAt: now,
    updatedBy: builder.accountId,
  };
  const saved = await request.server.store.platform().withTransaction(async (tx: DocumentStore) => {
    const result = await tx
      .collection<AppRecord>(APPS)
      .replaceOne({ _id: appId, version: base, deletedAt: null }, next);
    if (result.matchedCount === 0) return false;
    await tx.collection<AppVersionRecord>(APP_VERSIONS).insertOne({
      _id: versionId(appId, next.version),
      appId,
      workspaceId: current.workspaceId,
      version: next.version,
      schemaJson,
      savedAt: now,
      savedBy: builder.accountId,
      savedByEmail: builder.email,
      message: info.message,
      restoredFrom: info.restoredFrom,
    });
    await recordAudit(
      request,
      {
        workspaceId: current.workspaceId,
        action: info.action,
        target: { type: 'app', id: appId },
        summary: info.summary.replace('{name}', next.name).replace('{version}', String(next.version)),
        data: { version: next.version, ...(info.restoredFrom ? { restoredFrom: info.restoredFrom } : {}) },
      },
      { db: tx },
    );
    return true;
  });
  if (!saved) {
    const latest = await loadApp(request, appId);
    current.version = latest.version;
    Object.assign(current, latest);
    if (latest.deletedAt) throw httpError(409, 'This app is deleted: restore it before saving');
    throw stale();
  }
  return next;
}

export async function loadVersion(
  request: FastifyRequest,
  appId: string,
  version: number,
): Promise<AppVersionRecord> {
  const record = await versionsOf(request).findOne({ _id: versionId(appId, version) });
  if (!record) throw httpError(404, `App ${appId} has no version ${version}`);
  return record;
}

export async function setDeleted(request: FastifyRequest, appId: string, deleted: boolean) {
  const builder = requireBuilder(request);
  await assertAppAccess(request, appId, 'developer');
  const current = await loadApp(request, appId);
  if (Boolean(current.deletedAt) === deleted) {
    throw httpError(409, deleted ? 'This app is already deleted' : 'This app is not deleted');
  }
  const now = new Date().toISOString();
  const change = { deletedAt: deleted ? now : null, updatedAt: now, updatedBy: builder.accountId };
  await request.server.store.platform().withTransaction(async (tx) => {
    const result = await tx
      .collection<AppRecord>(APPS)
      .updateOne({ _id: appId, deletedAt: current.deletedAt }, { $set: change });
    if (result.matchedCount === 0) throw httpError(409, 'The app changed meanwhile; try again');
    await recordAudit(
      request,
      {
        workspaceId: current.workspaceId,
        action: deleted ? 'app.delete' : 'app.restore',
        target: { type: 'app', id: appId },
        summary: `${deleted ? 'Deleted' : 'Restored'} app "${current.name}"`,
      },
      { db: tx },
    );
  });
  return appSummary({ ...current, ...change });
}
