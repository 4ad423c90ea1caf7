import type { FastifyRequest } from 'fastify';
import { httpError } from '../../errors';
import { type Builder, WORKSPACE_ROLES, type WorkspaceRole } from '../../types';

export type { Builder, WorkspaceRole };

const RANK: Record<WorkspaceRole, number> = { viewer: 0, 'content-editor': 1, developer: 2, owner: 3 };

export function roleAtLeast(role: WorkspaceRole, minimum: WorkspaceRole): boolean {
  return RANK[role] >= RANK[minimum];
}

export function isWorkspaceRole(value: unknown): value is WorkspaceRole {
  return typeof value === 'string' && (WORKSPACE_ROLES as readonly string[]).includes(value);
}

/** The signed-in builder, or 401. */
export function requireBuilder(request: FastifyRequest): Builder {
  if (!request.builder) throw httpError(401, 'Sign in first: this route needs a builder session');
  return request.builder;
}

export interface WorkspaceAccess {
  workspaceId: string;
  role: WorkspaceRole;
}

export interface AppAccess extends WorkspaceAccess {
  appId: string;
}

/** The caller's role in a workspace; 404 when not a member (existence is not revealed), 403 when too low. */
export async function assertWorkspaceAccess(
  request: FastifyRequest,
  workspaceId: string,
  minimumRole: WorkspaceRole,
): Promise<WorkspaceAccess> {
  const builder = requireBuilder(request);
  const membership = await request.server.store
    .platform()
    .collection('memberships')
    .findOne({ workspaceId, accountId: builder.accountId });
  if (!membership || !isWorkspaceRole(membership.role))
    throw httpError(404, `Workspace ${workspaceId} not found`);
  if (!roleAtLeast(membership.role, minimumRole)) {
    throw httpError(403, `This needs the ${minimumRole} role in the workspace; you are ${membership.role}`);
  }
  return { workspaceId, role: membership.role };
}

/**
 * Checks that the signed-in builder may act on an app: 401 when not signed in, 404 when the app
 * does not exist or belongs to a workspace the builder is not in (never leaks existence),
 * 403 when the builder's role is below `minimumRole`. Soft-deleted apps are still found.
 */
export async function assertAppAccess(
  request: FastifyRequest,
  appId: string,
  minimumRole: WorkspaceRole,
): Promise<AppAccess> {
  const builder = requireBuilder(request);
  const platform = request.server.store.platform();
  const app = await platform.collection('apps').findOne({ _id: appId }, { projection: { workspaceId: 1 } });
  const workspaceId = typeof app?.workspaceId === 'string' ? app.workspaceId : undefined;
  if (!workspaceId) throw httpError(404, `App ${appId} not found`);
  const membership = await platform
    .collection('memberships')
    .findOne({ workspaceId, accountId: builder.accountId });
  if (!membership || !isWorkspaceRole(membership.role)) throw httpError(404, `App ${appId} not found`);
  if (!roleAtLeast(membership.role, minimumRole)) {
    throw httpError(
      403,
      `This needs the ${minimumRole} role in the app's workspace; you are ${membership.role}`,
    );
  }
  return { appId, workspaceId, role: membership.role };
}
