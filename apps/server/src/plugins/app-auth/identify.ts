import type { FastifyRequest } from 'fastify';
import { httpError } from '../../errors';
import type { AppAccounts } from './accounts';
import { type VerifyResult, verifyAccessToken } from './tokens';

const appCacheMilliseconds = 5000;
const liveApps = new WeakMap<object, Map<string, { checkedAt: number; live: boolean }>>();

/** 404 unless the app exists and is not deleted (cached briefly: this runs on every app request). */
export async function requireLiveApp(request: FastifyRequest, appId: string): Promise<void> {
  const store = request.server.store;
  let cache = liveApps.get(store);
  if (!cache) {
    cache = new Map();
    liveApps.set(store, cache);
  }
  let entry = cache.get(appId);
  if (!entry || Date.now() - entry.checkedAt > appCacheMilliseconds) {
    const app = /^[0-9a-f]{24}$/.test(appId)
      ? await store
          .platform()
          .collection('apps')
          .findOne({ _id: appId }, { projection: { _id: 1, deletedAt: 1 } })
      : null;
    entry = { checkedAt: Date.now(), live: app !== null && !app.deletedAt };
    cache.set(appId, entry);
  }
  if (!entry.live) throw httpError(404, `App ${appId} not found`);
}

/** Sets request.appUser from `Authorization: Bearer <access token>`; a bad or expired token is 401. */
export function identifyAppUser(request: FastifyRequest, accounts: AppAccounts, appId: string): void {
  const header = request.headers.authorization;
  if (header === undefined || header === '') return;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw httpError(401, 'The Authorization header must be "Bearer <access token>"');
  const result = verifyCached(accounts, appId, match[1]!);
  if (!result.ok)
    throw httpError(
      401,
      result.reason === 'expired'
        ? 'The access token has expired; refresh it'
        : 'The access token is not valid for this app',
    );
  const claims = result.claims;
  if (claims.app !== appId) throw httpError(401, 'The access token is not valid for this app');
  request.appUser = { uid: claims.sub, appId, roles: claims.roles ?? [], anonymous: claims.anon === true };
}

// Verified tokens are remembered until they expire, so repeat calls skip the HMAC and the JSON parse.
const verifiedBy = new WeakMap<AppAccounts, Map<string, { appId: string; result: VerifyResult }>>();
const maxRemembered = 10_000;

function verifyCached(accounts: AppAccounts, appId: string, token: string): VerifyResult {
  let verified = verifiedBy.get(accounts);
  if (!verified) {
    verified = new Map();
    verifiedBy.set(accounts, verified);
  }
  const known = verified.get(token);
  if (known && known.appId === appId && known.result.ok && known.result.claims.exp > Date.now() / 1000)
    return known.result;
  const result = verifyAccessToken(accounts.signingKey(appId), token);
  if (result.ok) {
    if (verified.size >= maxRemembered) verified.clear();
    verified.set(token, { appId, result });
  }
  return result;
}

/** The signed-in app user, or 401. */
export function requireAppUser(request: FastifyRequest) {
  if (!request.appUser) throw httpError(401, 'Sign in first: this needs an app user');
  return request.appUser;
}
