import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '@tessera/store';

export const SESSIONS = 'sessions';
export const SESSION_COOKIE = 'tessera_session';
export const CSRF_COOKIE = 'tessera_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** A session as stored: keyed by the token's SHA-256 so a copy of the store yields no usable tokens. */
export type SessionRecord = {
  _id: string;
  accountId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  ip: string;
  userAgent: string;
};

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: string;
  sessionId: string;
}

export async function createSession(
  store: Store,
  accountId: string,
  ttlSeconds: number,
  from: { ip: string; userAgent: string },
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = Date.now();
  const record: SessionRecord = {
    _id: hashToken(token),
    accountId,
    csrfToken,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + ttlSeconds * 1000).toISOString(),
    ip: from.ip,
    userAgent: from.userAgent.slice(0, 300),
  };
  await store.platform().collection<SessionRecord>(SESSIONS).insertOne(record);
  return { token, csrfToken, expiresAt: record.expiresAt, sessionId: record._id };
}

/** The live session for a token, or null (unknown or expired). Sliding expiry is renewed at most hourly. */
export async function findSession(
  store: Store,
  token: string,
  ttlSeconds: number,
): Promise<SessionRecord | null> {
  if (token.length < 20 || token.length > 200) return null;
  const sessions = store.platform().collection<SessionRecord>(SESSIONS);
  const session = await sessions.findOne({ _id: hashToken(token) });
  if (!session) return null;
  const now = Date.now();
  const expiresAt = Date.parse(session.expiresAt);
  if (!(expiresAt > now)) {
    await sessions.deleteOne({ _id: session._id });
    return null;
  }
  if (expiresAt - now < ttlSeconds * 1000 - 3600_000) {
    const renewed = new Date(now + ttlSeconds * 1000).toISOString();
    await sessions.updateOne({ _id: session._id }, { $set: { expiresAt: renewed } });
    session.expiresAt = renewed;
  }
  return session;
}

export async function deleteSession(store: Store, sessionId: string): Promise<void> {
  await store.platform().collection(SESSIONS).deleteOne({ _id: sessionId });
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
