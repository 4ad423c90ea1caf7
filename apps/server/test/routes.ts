import { strToU8, zipSync } from 'fflate';
import type { WorkspaceRole } from '../src/types';

/** Ids a route's path is built from. */
export interface RouteIds {
  workspaceId: string;
  appId: string;
  accountId: string;
}

/** One builder route scoped to a workspace or an app, with a valid request for it. */
export interface ScopedRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: (ids: RouteIds) => string;
  body?: (ids: RouteIds) => unknown;
  raw?: () => Uint8Array;
  headers?: Record<string, string>;
  /** The least role that may call it. */
  minRole: WorkspaceRole;
}

export function validZip(): Uint8Array {
  return zipSync({
    'manifest.json': strToU8(
      JSON.stringify({
        format: 'tessera-app',
        formatVersion: 1,
        exportedAt: new Date().toISOString(),
        app: {},
      }),
    ),
    'app.json': strToU8('{}'),
  });
}

/** Every workspace- or app-scoped route of the core plugins. */
export const scopedRoutes: ScopedRoute[] = [
  { method: 'GET', path: (i) => `/api/workspaces/${i.workspaceId}`, minRole: 'viewer' },
  {
    method: 'PATCH',
    path: (i) => `/api/workspaces/${i.workspaceId}`,
    body: () => ({ name: 'Renamed' }),
    minRole: 'owner',
  },
  { method: 'GET', path: (i) => `/api/workspaces/${i.workspaceId}/members`, minRole: 'viewer' },
  {
    method: 'POST',
    path: (i) => `/api/workspaces/${i.workspaceId}/members`,
    body: () => ({ email: `someone-${Math.random()}@example.test`, role: 'viewer' }),
    minRole: 'owner',
  },
  {
    method: 'PATCH',
    path: (i) => `/api/workspaces/${i.workspaceId}/members/${i.accountId}`,
    body: () => ({ role: 'developer' }),
    minRole: 'owner',
  },
  {
    method: 'DELETE',
    path: (i) => `/api/workspaces/${i.workspaceId}/members/${i.accountId}`,
    minRole: 'owner',
  },
  { method: 'GET', path: (i) => `/api/workspaces/${i.workspaceId}/audit`, minRole: 'developer' },
  { method: 'GET', path: (i) => `/api/workspaces/${i.workspaceId}/apps`, minRole: 'viewer' },
  {
    method: 'POST',
    path: (i) => `/api/workspaces/${i.workspaceId}/apps`,
    body: () => ({ name: 'New app' }),
    minRole: 'developer',
  },
  {
    method: 'POST',
    path: (i) => `/api/workspaces/${i.workspaceId}/apps/import`,
    raw: validZip,
    headers: { 'content-type': 'application/zip' },
    minRole: 'developer',
  },
  { method: 'GET', path: (i) => `/api/apps/${i.appId}`, minRole: 'viewer' },
  {
    method: 'PUT',
    path: (i) => `/api/apps/${i.appId}/draft`,
    body: (i) => ({ id: i.appId }),
    headers: { 'if-match': '"1"' },
    minRole: 'developer',
  },
  { method: 'GET', path: (i) => `/api/apps/${i.appId}/versions`, minRole: 'viewer' },
  { method: 'GET', path: (i) => `/api/apps/${i.appId}/versions/1`, minRole: 'viewer' },
  { method: 'GET', path: (i) => `/api/apps/${i.appId}/versions/1/diff`, minRole: 'viewer' },
  { method: 'POST', path: (i) => `/api/apps/${i.appId}/versions/1/restore`, minRole: 'developer' },
  { method: 'DELETE', path: (i) => `/api/apps/${i.appId}`, minRole: 'developer' },
  { method: 'POST', path: (i) => `/api/apps/${i.appId}/restore`, minRole: 'developer' },
  { method: 'POST', path: (i) => `/api/apps/${i.appId}/duplicate`, body: () => ({}), minRole: 'developer' },
  { method: 'GET', path: (i) => `/api/apps/${i.appId}/export`, minRole: 'viewer' },
];

/** Builder routes that are not scoped to one workspace (still need a session, except the public ones). */
export const unscopedRoutes: {
  method: ScopedRoute['method'];
  path: string;
  body?: unknown;
  public?: boolean;
}[] = [
  {
    method: 'POST',
    path: '/api/auth/login',
    body: { email: 'x@example.test', password: 'wrong-password' },
    public: true,
  },
  {
    method: 'POST',
    path: '/api/auth/accept-invite',
    body: { token: 'not-a-real-token', password: 'longenough' },
    public: true,
  },
  { method: 'POST', path: '/api/auth/logout' },
  { method: 'GET', path: '/api/auth/me' },
  { method: 'POST', path: '/api/auth/password', body: { currentPassword: 'x', newPassword: 'longenough' } },
  { method: 'GET', path: '/api/workspaces' },
  { method: 'POST', path: '/api/workspaces', body: { name: 'W' } },
  { method: 'GET', path: '/api/templates' },
];
