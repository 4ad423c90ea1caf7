import { createHmac, timingSafeEqual } from 'node:crypto';

/** Query string of a temporary download URL: the path, when it expires (ms), and an HMAC of both. */
export function signDownload(secret: string, appId: string, cloudPath: string, expiresAt: number): string {
  const signature = sign(secret, appId, cloudPath, expiresAt);
  return `path=${encodeURIComponent(cloudPath)}&expires=${expiresAt}&signature=${signature}`;
}

export function verifyDownload(
  secret: string,
  appId: string,
  cloudPath: string,
  expiresAt: number,
  signature: string,
): 'ok' | 'expired' | 'invalid' {
  const expected = Buffer.from(sign(secret, appId, cloudPath, expiresAt));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  return expiresAt < Date.now() ? 'expired' : 'ok';
}

function sign(secret: string, appId: string, cloudPath: string, expiresAt: number): string {
  return createHmac('sha256', secret)
    .update(`download\n${appId}\n${cloudPath}\n${expiresAt}`)
    .digest('base64url');
}
