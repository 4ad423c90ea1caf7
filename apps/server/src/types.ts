import type { Store } from '@tessera/store';
import type { ServerConfig, ServerSecrets } from './config';

/** Roles inside a workspace, from least to most powerful. */
export type WorkspaceRole = 'viewer' | 'content-editor' | 'developer' | 'owner';
export const WORKSPACE_ROLES: readonly WorkspaceRole[] = ['viewer', 'content-editor', 'developer', 'owner'];

/** The signed-in builder (partner staff using the editor or CLI). */
export interface Builder {
  accountId: string;
  email: string;
  name: string;
  /** The platform administrator created on first run. */
  isAdmin: boolean;
  sessionId: string;
  /** How the session token came: a browser cookie (CSRF-checked) or an Authorization header. */
  via: 'cookie' | 'bearer';
}

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    serverConfig: ServerConfig;
    secrets: ServerSecrets;
  }
  interface FastifyRequest {
    /** Set by the builder-auth plugin on `/api/` requests; null when not signed in. */
    builder: Builder | null;
  }
  interface FastifyContextConfig {
    /** A builder route that needs no session (login, invitation acceptance). */
    public?: boolean;
  }
}
