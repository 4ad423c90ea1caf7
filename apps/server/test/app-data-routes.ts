import type { RouteIds, ScopedRoute } from './routes';

const file = (i: RouteIds) => encodeURIComponent(`cloud://${i.appId}/x.png`);

/** Every builder route of the app-data plugins (app-auth, app-db, storage), with a valid request. */
export const appDataBuilderRoutes: ScopedRoute[] = [
  { method: 'GET', path: (i) => `/api/apps/${i.appId}/auth/settings`, minRole: 'viewer' },
  {
    method: 'PUT',
    path: (i) => `/api/apps/${i.appId}/auth/settings`,
    body: () => ({ methods: { wechat: true } }),
    minRole: 'developer',
  },
  { method: 'GET', path: (i) => `/api/apps/${i.appId}/auth/users`, minRole: 'viewer' },
  {
    method: 'PUT',
    path: (i) => `/api/apps/${i.appId}/auth/users/ffffffffffffffffffffffff/roles`,
    body: () => ({ roles: ['admin'] }),
    minRole: 'developer',
  },
  { method: 'GET', path: (i) => `/api/apps/${i.appId}/db/rules`, minRole: 'viewer' },
  { method: 'GET', path: (i) => `/api/apps/${i.appId}/db/rules/notes`, minRole: 'viewer' },
  {
    method: 'PUT',
    path: (i) => `/api/apps/${i.appId}/db/rules/notes`,
    body: () => ({ preset: 'public-read' }),
    minRole: 'developer',
  },
  { method: 'DELETE', path: (i) => `/api/apps/${i.appId}/db/rules/notes`, minRole: 'developer' },
  { method: 'GET', path: (i) => `/api/apps/${i.appId}/db/collections`, minRole: 'viewer' },
  { method: 'GET', path: (i) => `/api/apps/${i.appId}/db/indexes/notes`, minRole: 'viewer' },
  {
    method: 'POST',
    path: (i) => `/api/apps/${i.appId}/db/indexes/notes`,
    body: () => ({ fields: [{ field: 'v', order: 'desc' }] }),
    minRole: 'developer',
  },
  { method: 'DELETE', path: (i) => `/api/apps/${i.appId}/db/indexes/notes/v_-1`, minRole: 'developer' },
  {
    method: 'POST',
    path: (i) => `/api/apps/${i.appId}/db/data/notes/query`,
    body: () => ({}),
    minRole: 'viewer',
  },
  {
    method: 'POST',
    path: (i) => `/api/apps/${i.appId}/db/data/notes/count`,
    body: () => ({}),
    minRole: 'viewer',
  },
  { method: 'GET', path: (i) => `/api/apps/${i.appId}/db/data/notes/docs/fixed-doc`, minRole: 'viewer' },
  {
    method: 'POST',
    path: (i) => `/api/apps/${i.appId}/db/data/notes/docs`,
    body: () => ({ data: { v: 1 } }),
    minRole: 'content-editor',
  },
  {
    method: 'PUT',
    path: (i) => `/api/apps/${i.appId}/db/data/notes/docs/fixed-doc`,
    body: () => ({ data: { v: 2 } }),
    minRole: 'content-editor',
  },
  {
    method: 'PATCH',
    path: (i) => `/api/apps/${i.appId}/db/data/notes/docs/fixed-doc`,
    body: () => ({ update: { $set: { v: 3 } } }),
    minRole: 'content-editor',
  },
  {
    method: 'POST',
    path: (i) => `/api/apps/${i.appId}/db/data/notes/update`,
    body: () => ({ filter: { v: 99 }, update: { $set: { v: 4 } } }),
    minRole: 'content-editor',
  },
  {
    method: 'POST',
    path: (i) => `/api/apps/${i.appId}/db/data/notes/remove`,
    body: () => ({ filter: { v: 99 } }),
    minRole: 'content-editor',
  },
  {
    method: 'DELETE',
    path: (i) => `/api/apps/${i.appId}/db/data/notes/docs/missing-doc`,
    minRole: 'content-editor',
  },
  { method: 'GET', path: (i) => `/api/apps/${i.appId}/storage/rules`, minRole: 'viewer' },
  {
    method: 'PUT',
    path: (i) => `/api/apps/${i.appId}/storage/rules`,
    body: () => ({ rules: [{ prefix: '', read: 'true', write: 'auth != null' }] }),
    minRole: 'developer',
  },
  { method: 'GET', path: (i) => `/api/apps/${i.appId}/storage/files`, minRole: 'viewer' },
  {
    method: 'DELETE',
    path: (i) => `/api/apps/${i.appId}/storage/files?fileID=${file(i)}`,
    minRole: 'content-editor',
  },
];
