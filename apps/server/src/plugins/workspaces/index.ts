import type { Collection } from '@tessera/store';
import type { FastifyPluginAsync } from 'fastify';
import { httpError } from '../../errors';
import { randomId } from '../../ids';
import { objectId, roleSchema, workspaceParams } from '../../schemas';
import type { WorkspaceRole } from '../../types';
import { recordAudit } from '../audit/record';
import {
  ACCOUNTS,
  type AccountRecord,
  createInvitedAccount,
  MEMBERSHIPS,
  type MembershipRecord,
  normalizeEmail,
  renewInvite,
  WORKSPACES,
  type WorkspaceRecord,
} from '../builder-auth/accounts';
import { assertWorkspaceAccess, requireBuilder } from '../builder-auth/guard';

const workspaceSchema = {
  type: 'object',
  required: ['id', 'name', 'role', 'createdAt'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    createdAt: { type: 'string' },
  },
} as const;

const memberSchema = {
  type: 'object',
  required: ['accountId', 'email', 'name', 'role', 'status'],
  properties: {
    accountId: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    status: { type: 'string' },
  },
} as const;

const memberParams = {
  type: 'object',
  required: ['workspaceId', 'accountId'],
  additionalProperties: false,
  properties: { workspaceId: objectId, accountId: objectId },
} as const;

const workspaceName = { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' } as const;

export const workspacesPlugin: FastifyPluginAsync = async (app) => {
  const platform = () => app.store.platform();
  const workspaces = () => platform().collection<WorkspaceRecord>(WORKSPACES);
  const memberships = () => platform().collection<MembershipRecord>(MEMBERSHIPS);

  app.get(
    '/api/workspaces',
    {
      schema: {
        tags: ['workspaces'],
        summary: 'Workspaces you are a member of, with your role',
        response: {
          200: { type: 'object', properties: { workspaces: { type: 'array', items: workspaceSchema } } },
        },
      },
    },
    async (request) => {
      const builder = requireBuilder(request);
      const mine = await memberships().find({ accountId: builder.accountId }).toArray();
      const found = await workspaces()
        .find({ _id: { $in: mine.map((m) => m.workspaceId) } }, { sort: { name: 1 } })
        .toArray();
      const roles = new Map(mine.map((m) => [m.workspaceId, m.role]));
      return {
        workspaces: found.map((w) => ({
          id: w._id,
          name: w.name,
          role: roles.get(w._id),
          createdAt: w.createdAt,
        })),
      };
    },
  );

  app.post<{ Body: { name: string } }>(
    '/api/workspaces',
    {
      schema: {
        tags: ['workspaces'],
        summary: 'Create a workspace (a partner organisation); you become its owner',
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: { name: workspaceName },
        },
        response: { 201: workspaceSchema },
      },
    },
    async (request, reply) => {
      const builder = requireBuilder(request);
      const now = new Date().toISOString();
      const workspace: WorkspaceRecord = {
        _id: randomId(),
        name: request.body.name.trim(),
        createdAt: now,
        createdBy: builder.accountId,
      };
      await platform().withTransaction(async (tx) => {
        await tx.collection<WorkspaceRecord>(WORKSPACES).insertOne(workspace);
        await tx.collection<MembershipRecord>(MEMBERSHIPS).insertOne({
          _id: randomId(),
          workspaceId: workspace._id,
          accountId: builder.accountId,
          role: 'owner',
          createdAt: now,
        });
        await recordAudit(
          request,
          {
            workspaceId: workspace._id,
            action: 'workspace.create',
            target: { type: 'workspace', id: workspace._id },
            summary: `Created workspace "${workspace.name}"`,
          },
          { db: tx },
        );
      });
      return reply
        .status(201)
        .send({ id: workspace._id, name: workspace.name, role: 'owner', createdAt: now });
    },
  );

  app.get<{ Params: { workspaceId: string } }>(
    '/api/workspaces/:workspaceId',
    {
      schema: {
        tags: ['workspaces'],
        summary: 'One workspace',
        params: workspaceParams,
        response: { 200: workspaceSchema },
      },
    },
    async (request) => {
      const { role } = await assertWorkspaceAccess(request, request.params.workspaceId, 'viewer');
      const workspace = await workspaces().findOne({ _id: request.params.workspaceId });
      if (!workspace) throw httpError(404, `Workspace ${request.params.workspaceId} not found`);
      return { id: workspace._id, name: workspace.name, role, createdAt: workspace.createdAt };
    },
  );

  app.patch<{ Params: { workspaceId: string }; Body: { name: string } }>(
    '/api/workspaces/:workspaceId',
    {
      schema: {
        tags: ['workspaces'],
        summary: 'Rename a workspace (owner)',
        params: workspaceParams,
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: { name: workspaceName },
        },
        response: { 200: workspaceSchema },
      },
    },
    async (request) => {
      const { workspaceId } = request.params;
      const { role } = await assertWorkspaceAccess(request, workspaceId, 'owner');
      const name = request.body.name.trim();
      const before = await workspaces().findOne({ _id: workspaceId });
      if (!before) throw httpError(404, `Workspace ${workspaceId} not found`);
      await platform().withTransaction(async (tx) => {
        await tx.collection(WORKSPACES).updateOne({ _id: workspaceId }, { $set: { name } });
        await recordAudit(
          request,
          {
            workspaceId,
            action: 'workspace.rename',
            target: { type: 'workspace', id: workspaceId },
            summary: `Renamed workspace "${before.name}" to "${name}"`,
          },
          { db: tx },
        );
      });
      return { id: workspaceId, name, role, createdAt: before.createdAt };
    },
  );

  app.get<{ Params: { workspaceId: string } }>(
    '/api/workspaces/:workspaceId/members',
    {
      schema: {
        tags: ['workspaces'],
        summary: 'Members of a workspace',
        params: workspaceParams,
        response: {
          200: { type: 'object', properties: { members: { type: 'array', items: memberSchema } } },
        },
      },
    },
    async (request) => {
      const { workspaceId } = request.params;
      await assertWorkspaceAccess(request, workspaceId, 'viewer');
      const members = await memberships().find({ workspaceId }).toArray();
      const accounts = await platform()
        .collection<AccountRecord>(ACCOUNTS)
        .find({ _id: { $in: members.map((m) => m.accountId) } }, { sort: { email: 1 } })
        .toArray();
      const roles = new Map(members.map((m) => [m.accountId, m.role]));
      return {
        members: accounts.map((a) => ({
          accountId: a._id,
          email: a.email,
          name: a.name,
          role: roles.get(a._id),
          status: a.status,
        })),
      };
    },
  );

  app.post<{ Params: { workspaceId: string }; Body: { email: string; role: WorkspaceRole; name?: string } }>(
    '/api/workspaces/:workspaceId/members',
    {
      schema: {
        tags: ['workspaces'],
        summary:
          'Add a member (owner). An unknown email gets an invited account; the answer then holds its one-time inviteToken',
        params: workspaceParams,
        body: {
          type: 'object',
          required: ['email', 'role'],
          additionalProperties: false,
          properties: {
            email: { type: 'string', minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$' },
            role: roleSchema,
            name: { type: 'string', minLength: 1, maxLength: 100 },
          },
        },
        response: {
          201: {
            type: 'object',
            required: ['member'],
            properties: { member: memberSchema, inviteToken: { type: 'string' } },
          },
        },
      },
    },
    async (request, reply) => {
      const { workspaceId } = request.params;
      await assertWorkspaceAccess(request, workspaceId, 'owner');
      const email = normalizeEmail(request.body.email);
      const accounts = platform().collection<AccountRecord>(ACCOUNTS);
      let account = await accounts.findOne({ email });
      let inviteToken: string | undefined;
      if (!account) {
        const created = await createInvitedAccount(
          app.store,
          email,
          request.body.name ?? email.split('@')[0] ?? email,
        );
        account = created.account;
        inviteToken = created.inviteToken;
      } else {
        const existing = await memberships().findOne({ workspaceId, accountId: account._id });
        if (existing) throw httpError(409, `${email} is already a member (role ${existing.role})`);
        // Invited elsewhere but not accepted yet: this owner gets a link to share too.
        if (account.status === 'invited')
          inviteToken = (await renewInvite(app.store, account._id)) ?? undefined;
      }
      const { role } = request.body;
      await platform().withTransaction(async (tx) => {
        await tx.collection<MembershipRecord>(MEMBERSHIPS).insertOne({
          _id: randomId(),
          workspaceId,
          accountId: account._id,
          role,
          createdAt: new Date().toISOString(),
        });
        await recordAudit(
          request,
          {
            workspaceId,
            action: inviteToken ? 'member.invite' : 'member.add',
            target: { type: 'account', id: account._id },
            summary: `${inviteToken ? 'Invited' : 'Added'} ${email} as ${role}`,
            data: { role },
          },
          { db: tx },
        );
      });
      return reply.status(201).send({
        member: { accountId: account._id, email, name: account.name, role, status: account.status },
        ...(inviteToken ? { inviteToken } : {}),
      });
    },
  );

  app.patch<{ Params: { workspaceId: string; accountId: string }; Body: { role: WorkspaceRole } }>(
    '/api/workspaces/:workspaceId/members/:accountId',
    {
      schema: {
        tags: ['workspaces'],
        summary: "Change a member's role (owner); the last owner cannot be demoted",
        params: memberParams,
        body: {
          type: 'object',
          required: ['role'],
          additionalProperties: false,
          properties: { role: roleSchema },
        },
        response: { 200: memberSchema },
      },
    },
    async (request) => {
      const { workspaceId, accountId } = request.params;
      await assertWorkspaceAccess(request, workspaceId, 'owner');
      const { role } = request.body;
      const account = await platform().collection<AccountRecord>(ACCOUNTS).findOne({ _id: accountId });
      const before = await platform().withTransaction(async (tx) => {
        const members = tx.collection<MembershipRecord>(MEMBERSHIPS);
        const membership = await members.findOne({ workspaceId, accountId });
        if (!membership || !account)
          throw httpError(404, `Account ${accountId} is not a member of this workspace`);
        if (membership.role === 'owner' && role !== 'owner') await refuseLastOwner(members, workspaceId);
        await members.updateOne({ _id: membership._id }, { $set: { role } });
        await recordAudit(
          request,
          {
            workspaceId,
            action: 'member.role.change',
            target: { type: 'account', id: accountId },
            summary: `Changed ${account.email} from ${membership.role} to ${role}`,
            data: { from: membership.role, to: role },
          },
          { db: tx },
        );
        return membership;
      });
      return {
        accountId,
        email: account?.email ?? '',
        name: account?.name ?? '',
        role: role ?? before.role,
        status: account?.status ?? 'active',
      };
    },
  );

  app.delete<{ Params: { workspaceId: string; accountId: string } }>(
    '/api/workspaces/:workspaceId/members/:accountId',
    {
      schema: {
        tags: ['workspaces'],
        summary: 'Remove a member (owner), or leave a workspace yourself; the last owner cannot be removed',
        params: memberParams,
        response: { 204: { type: 'null' } },
      },
    },
    async (request, reply) => {
      const { workspaceId, accountId } = request.params;
      const builder = requireBuilder(request);
      await assertWorkspaceAccess(request, workspaceId, builder.accountId === accountId ? 'viewer' : 'owner');
      const account = await platform().collection<AccountRecord>(ACCOUNTS).findOne({ _id: accountId });
      await platform().withTransaction(async (tx) => {
        const members = tx.collection<MembershipRecord>(MEMBERSHIPS);
        const membership = await members.findOne({ workspaceId, accountId });
        if (!membership) throw httpError(404, `Account ${accountId} is not a member of this workspace`);
        if (membership.role === 'owner') await refuseLastOwner(members, workspaceId);
        await members.deleteOne({ _id: membership._id });
        await recordAudit(
          request,
          {
            workspaceId,
            action: 'member.remove',
            target: { type: 'account', id: accountId },
            summary: `Removed ${account?.email ?? accountId} (${membership.role})`,
            data: { role: membership.role },
          },
          { db: tx },
        );
      });
      return reply.status(204).send();
    },
  );
};

async function refuseLastOwner(members: Collection<MembershipRecord>, workspaceId: string): Promise<void> {
  const owners = await members.countDocuments({ workspaceId, role: 'owner' });
  if (owners <= 1) {
    throw httpError(409, 'A workspace needs at least one owner: make someone else owner first');
  }
}
