import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { ApiError, api, setUnauthorizedHandler } from './api';

export type WorkspaceRole = 'owner' | 'developer' | 'content-editor' | 'viewer';

export interface Account {
  id: string;
  email: string;
  name: string;
  status: 'active' | 'invited';
  isAdmin: boolean;
}

export interface WorkspaceSummary {
  id: string;
  name: string;
  role: WorkspaceRole;
}

export interface Session {
  account: Account;
  workspaces: WorkspaceSummary[];
  /** Re-reads the account and its workspaces (after creating or leaving one). */
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** The signed-in builder; only usable below `<SessionGate>`. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside of a signed-in screen');
  return session;
}

/** True when `role` may change an app (content editors change CMS entries only; viewers read). */
export function canEdit(role: WorkspaceRole | undefined): boolean {
  return role === 'owner' || role === 'developer';
}

interface Me {
  account: Account;
  workspaces: WorkspaceSummary[];
}

/**
 * Loads `/api/auth/me`; shows `signIn` while nobody is signed in (and again whenever the server
 * answers 401), `loading` while it asks.
 */
export function SessionGate({
  children,
  signIn,
  loading,
}: {
  children: ReactNode;
  signIn: (onSignedIn: () => void) => ReactNode;
  loading: ReactNode;
}): ReactNode {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const load = useCallback(async () => {
    try {
      setMe(await api.get<Me>('/api/auth/me'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setMe(null);
      else throw error;
    }
  }, []);
  useEffect(() => {
    setUnauthorizedHandler(() => setMe(null));
    void load();
  }, [load]);
  if (me === undefined) return loading;
  if (me === null) return signIn(() => void load());
  const session: Session = {
    ...me,
    refresh: load,
    async signOut() {
      await api.post('/api/auth/logout').catch(() => undefined);
      setMe(null);
    },
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
