/** The signed-in end user of a built app (set on `request.appUser` by the app-auth plugin). */
export interface AppUser {
  uid: string;
  appId: string;
  roles: string[];
  anonymous: boolean;
}

/** The `auth` variable of security rules: null when signed out. */
export function ruleAuth(user: AppUser | null): Record<string, unknown> | null {
  if (!user) return null;
  // `openid` mirrors CloudBase's name so its rules (`doc._openid == auth.openid`) work unchanged.
  return { uid: user.uid, openid: user.uid, anonymous: user.anonymous, roles: user.roles };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The app end user on `/app-api/:appId/` requests; null when signed out. */
    appUser: AppUser | null;
  }
}
