import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Claims of an app end-user access token (a JWT signed with HS256). */
export interface AccessClaims {
  sub: string;
  app: string;
  roles: string[];
  anon: boolean;
  iat: number;
  exp: number;
}

const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/** Each app signs with its own key derived from the server secret, so a token of one app is useless in another. */
export function appSigningKey(serverSecret: string, appId: string): Buffer {
  return createHmac('sha256', serverSecret).update(`app-auth:${appId}`).digest();
}

export function signAccessToken(key: Buffer, claims: AccessClaims): string {
  const body = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

export type VerifyResult =
  | { ok: true; claims: AccessClaims }
  | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

export function verifyAccessToken(
  key: Buffer,
  token: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): VerifyResult {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== header) return { ok: false, reason: 'malformed' };
  const expected = createHmac('sha256', key).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2]!, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'signature' };
  let claims: AccessClaims;
  try {
    claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as AccessClaims;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

/** A refresh token is random; only its hash is stored, so a leaked database cannot mint sessions. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
