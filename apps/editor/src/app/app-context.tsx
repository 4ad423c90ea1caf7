import { createContext, type ReactNode, useContext } from 'react';
import { api, path } from './api';
import { useSession, type WorkspaceRole } from './session';
import { type AsyncState, useAsync } from './ui';

/** GET /api/apps/:appId — an app with its current draft schema (`version` is the draft's). */
export interface AppDetail {
  id: string;
  workspaceId: string;
  name: string;
  description?: string;
  template?: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  schema: Record<string, unknown>;
}

export interface CurrentApp {
  app: AsyncState<AppDetail>;
  /** The signed-in builder's role in the app's workspace (undefined until the app loaded). */
  role: WorkspaceRole | undefined;
}

const AppContext = createContext<CurrentApp | null>(null);

/** Loads the app of an `/apps/:appId/...` route once for the header and every tab below it. */
export function AppProvider({ appId, children }: { appId: string; children: ReactNode }): ReactNode {
  const session = useSession();
  const app = useAsync(
    (signal) => api.get<AppDetail>(path('/api/apps/:appId', { appId }), { signal }),
    [appId],
  );
  const role = session.workspaces.find((w) => w.id === app.data?.workspaceId)?.role;
  return <AppContext.Provider value={{ app, role }}>{children}</AppContext.Provider>;
}

/** The app of the current route (screens under `/apps/:appId/...`). */
export function useCurrentApp(): CurrentApp {
  const value = useContext(AppContext);
  if (!value) throw new Error('useCurrentApp outside of an /apps/:appId screen');
  return value;
}
