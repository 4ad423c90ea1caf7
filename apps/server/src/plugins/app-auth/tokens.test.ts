import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords';
import { appSigningKey, signAccessToken, verifyAccessToken } from './tokens';

const claims = { sub: 'u1', app: 'a1', roles: ['admin'], anon: false, iat: 1000, exp: 2000 };

describe('access tokens', () => {
  it('verify with the same key until they expire', () => {
    const key = appSigningKey('secret', 'a1');
    const token = signAccessToken(key, claims);
    expect(verifyAccessToken(key, token, 1500)).toEqual({ ok: true, claims });
    expect(verifyAccessToken(key, token, 2000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('are refused with another app’s key, tampered claims or a bad shape', () => {
    const key = appSigningKey('secret', 'a1');
    const token = signAccessToken(key, claims);
    expect(verifyAccessToken(appSigningKey('secret', 'a2'), token, 1500).ok).toBe(false);
    expect(verifyAccessToken(appSigningKey('other', 'a1'), token, 1500).ok).toBe(false);
    const [head, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'u2' })).toString('base64url');
    expect(verifyAccessToken(key, `${head}.${forged}.${signature}`, 1500)).toEqual({
      ok: false,
      reason: 'signature',
    });
    for (const bad of ['', 'a.b', 'a.b.c', `x.${forged}.${signature}`])
      expect(verifyAccessToken(key, bad, 1500).ok).toBe(false);
  });
});

describe('passwords', () => {
  it('hash with a salt and verify', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await hashPassword('correct horse')).not.toBe(hash);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('wrong horse', hash)).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });
});
