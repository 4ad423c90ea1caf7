import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '@tessera/store';
import { StoreError } from '@tessera/store';
import { randomId } from '../../ids';
import { generatePassword, hashPassword } from './passwords';

export const ACCOUNTS = 'accounts';
export const WORKSPACES = 'workspaces';
export const MEMBERSHIPS = 'memberships';

export type AccountRecord = {
  _id: string;
  email: string;
  name: string;
  /** null until an invited account sets its password. */
  passwordHash: string | null;
  status: 'active' | 'invited';
  isAdmin: boolean;
  createdAt: string;
  inviteTokenHash?: string;
  inviteExpiresAt?: string;
};

export type WorkspaceRecord = {
  _id: string;
  name: string;
  createdAt: string;
  createdBy: string;
};

export type MembershipRecord = {
  _id: string;
  workspaceId: string;
  accountId: string;
  role: 'viewer' | 'content-editor' | 'developer' | 'owner';
  createdAt: string;
};

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function publicAccount(account: AccountRecord) {
  return {
    id: account._id,
    email: account.email,
    name: account.name,
    status: account.status,
    isAdmin: account.isAdmin,
  };
}

export const accountSchema = {
  type: 'object',
  required: ['id', 'email', 'name', 'status', 'isAdmin'],
  properties: {
    id: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    status: { type: 'string', enum: ['active', 'invited'] },
    isAdmin: { type: 'boolean' },
  },
} as const;

export async function ensureIdentityIndexes(store: Store): Promise<void> {
  const platform = store.platform();
  await platform.collection(ACCOUNTS).createIndex({ email: 1 }, { unique: true });
  await platform.collection(ACCOUNTS).createIndex({ inviteTokenHash: 1 });
  await platform.collection(MEMBERSHIPS).createIndex({ workspaceId: 1, accountId: 1 }, { unique: true });
  await platform.collection(MEMBERSHIPS).createIndex({ accountId: 1 });
  await platform.collection('sessions').createIndex({ accountId: 1 });
  await platform.collection('sessions').createIndex({ expiresAt: 1 });
}

/** Creates an account that has no password yet; the returned token lets its owner choose one. */
function newInvite(): { inviteToken: string; inviteTokenHash: string; inviteExpiresAt: string } {
  const inviteToken = randomBytes(24).toString('base64url');
  return {
    inviteToken,
    inviteTokenHash: createHash('sha256').update(inviteToken).digest('hex'),
    inviteExpiresAt: new Date(Date.now() + 14 * 24 * 3600_000).toISOString(),
  };
}

/** A fresh invitation for an account that has not accepted yet; the previous token stops working. */
export async function renewInvite(store: Store, accountId: string): Promise<string | null> {
  const { inviteToken, inviteTokenHash, inviteExpiresAt } = newInvite();
  const result = await store
    .platform()
    .collection<AccountRecord>(ACCOUNTS)
    .updateOne({ _id: accountId, status: 'invited' }, { $set: { inviteTokenHash, inviteExpiresAt } });
  return result.matchedCount === 1 ? inviteToken : null;
}

export async function createInvitedAccount(
  store: Store,
  email: string,
  name: string,
): Promise<{ account: AccountRecord; inviteToken: string }> {
  const { inviteToken, inviteTokenHash, inviteExpiresAt } = newInvite();
  const account: AccountRecord = {
    _id: randomId(),
    email: normalizeEmail(email),
    name,
    passwordHash: null,
    status: 'invited',
    isAdmin: false,
    createdAt: new Date().toISOString(),
    inviteTokenHash,
    inviteExpiresAt,
  };
  await store.platform().collection<AccountRecord>(ACCOUNTS).insertOne(account);
  return { account, inviteToken };
}

export interface FirstRunAdmin {
  email: string;
  /** Only present when the server generated it (it is shown once and never stored in clear). */
  password?: string;
  workspaceId: string;
  /** The demo workspace seeded on this first start (when the config asks for it). */
  demo?: {
    workspaceId: string;
    apps: { id: string; name: string; template: string }[];
    failed: { template: string; message: string }[];
  };
}

/**
 * On a fresh store, creates the platform admin and a default workspace they own.
 * Credentials come from the config (TESSERA_ADMIN_EMAIL / TESSERA_ADMIN_PASSWORD) or are generated.
 * Returns null when accounts already exist (or another process won the race).
 */
export async function ensureFirstRunAdmin(
  store: Store,
  wanted: { email?: string; password?: string },
): Promise<FirstRunAdmin | null> {
  const platform = store.platform();
  if ((await platform.collection(ACCOUNTS).countDocuments({})) > 0) return null;
  const email = normalizeEmail(wanted.email ?? 'admin@tessera.local');
  const password = wanted.password ?? generatePassword();
  const now = new Date().toISOString();
  const account: AccountRecord = {
    _id: randomId(),
    email,
    name: 'Administrator',
    passwordHash: await hashPassword(password),
    status: 'active',
    isAdmin: true,
    createdAt: now,
  };
  const workspaceId = randomId();
  try {
    await platform.withTransaction(async (tx) => {
      await tx.collection<AccountRecord>(ACCOUNTS).insertOne(account);
      await tx
        .collection<WorkspaceRecord>(WORKSPACES)
        .insertOne({ _id: workspaceId, name: 'Default workspace', createdAt: now, createdBy: account._id });
      await tx.collection<MembershipRecord>(MEMBERSHIPS).insertOne({
        _id: randomId(),
        workspaceId,
        accountId: account._id,
        role: 'owner',
        createdAt: now,
      });
    });
  } catch (error) {
    if (error instanceof StoreError && error.code === 11000) return null;
    throw error;
  }
  return { email, ...(wanted.password ? {} : { password }), workspaceId };
}
