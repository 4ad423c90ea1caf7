// CMS API tokens: secrets shown once, stored as SHA-256 hashes, read-only or full, with expiry.
import { createHash, randomBytes } from 'node:crypto';
import type { Document, DocumentStore } from '@tessera/store';
import { httpError } from '../../errors';

export const TOKENS = '_cms_tokens';
export const tokenHeader = 'x-cms-token';

export interface TokenDoc extends Document {
  _id: string;
  name: string;
  scope: 'read' | 'full';
  hash: string;
  prefix: string;
  expiresAt: string | null;
  createdAt: string;
  createdBy: string | null;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return `tcms_${randomBytes(24).toString('hex')}`;
}

/** The scope of a presented token; 401 when it is unknown or expired. */
export async function tokenScope(db: DocumentStore, token: string): Promise<'read' | 'full'> {
  const doc = await db.collection<TokenDoc>(TOKENS).findOne({ hash: hashToken(token) });
  if (!doc) throw httpError(401, 'The CMS token is not valid for this app');
  if (doc.expiresAt && Date.parse(doc.expiresAt) <= Date.now())
    throw httpError(401, 'The CMS token has expired');
  return doc.scope;
}

export function describeToken(doc: TokenDoc) {
  return {
    id: doc._id,
    name: doc.name,
    scope: doc.scope,
    prefix: doc.prefix,
    expiresAt: doc.expiresAt,
    createdAt: doc.createdAt,
  };
}
