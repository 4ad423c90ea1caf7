import type { FastifyInstance, FastifyRequest } from 'fastify';
import { randomId } from '../../ids';
import type { Builder } from '../../types';
import {
  ACCOUNTS,
  type AccountRecord,
  MEMBERSHIPS,
  type MembershipRecord,
  WORKSPACES,
  type WorkspaceRecord,
} from '../builder-auth/accounts';
import { createAppFromTemplate } from './template-install';
import { listTemplates, loadTemplate } from './templates';

export const DEMO_WORKSPACE_NAME = '演示工作区 / Demo workspace';

export interface DemoWorkspace {
  workspaceId: string;
  apps: { id: string; name: string; template: string }[];
  /** Templates that could not be installed (the server starts anyway). */
  failed: { template: string; message: string }[];
}

/**
 * The writes of a first run are the admin's: the audit log shows them as theirs, made by the
 * server itself (no HTTP request behind them).
 */
function firstRunRequest(app: FastifyInstance, admin: AccountRecord): FastifyRequest {
  const builder: Builder = {
    accountId: admin._id,
    email: admin.email,
    name: admin.name,
    isAdmin: true,
    sessionId: 'first-run',
    via: 'bearer',
  };
  return {
    server: app,
    builder,
    ip: '127.0.0.1',
    headers: { 'user-agent': 'tessera first run' },
    log: app.log,
  } as unknown as FastifyRequest;
}

/**
 * On the first start: a workspace owned by the admin holding one app per template, so a new
 * partner opens working apps at once. A template that fails is logged and skipped.
 */
export async function seedDemoWorkspace(app: FastifyInstance, adminEmail: string): Promise<DemoWorkspace> {
  const platform = app.store.platform();
  const admin = await platform.collection<AccountRecord>(ACCOUNTS).findOne({ email: adminEmail });
  if (!admin) throw new Error(`the first-run admin ${adminEmail} is missing`);
  const now = new Date().toISOString();
  const workspaceId = randomId();
  await platform.withTransaction(async (tx) => {
    await tx
      .collection<WorkspaceRecord>(WORKSPACES)
      .insertOne({ _id: workspaceId, name: DEMO_WORKSPACE_NAME, createdAt: now, createdBy: admin._id });
    await tx.collection<MembershipRecord>(MEMBERSHIPS).insertOne({
      _id: randomId(),
      workspaceId,
      accountId: admin._id,
      role: 'owner',
      createdAt: now,
    });
  });
  const request = firstRunRequest(app, admin);
  const demo: DemoWorkspace = { workspaceId, apps: [], failed: [] };
  const templatesDir = app.serverConfig.templatesDir;
  for (const template of await listTemplates(templatesDir)) {
    try {
      const contents = await loadTemplate(templatesDir, template.name);
      const record = await createAppFromTemplate(request, workspaceId, contents);
      demo.apps.push({ id: record._id, name: record.name, template: template.name });
    } catch (error) {
      const message = (error as Error).message;
      app.log.warn({ template: template.name, err: error }, 'demo workspace: template not installed');
      demo.failed.push({ template: template.name, message });
    }
  }
  return demo;
}
