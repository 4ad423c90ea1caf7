import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceRole } from '../src/types';
import { createApp } from './app-data-helpers';
import { appDataBuilderRoutes } from './app-data-routes';
import { Client, startTestServer, type TestServer } from './harness';
import type { RouteIds, ScopedRoute } from './routes';

const rank: Record<WorkspaceRole, number> = { viewer: 0, 'content-editor': 1, developer: 2, owner: 3 };
let server: TestServer;
let ids: RouteIds;
let ownerB: Client;
const members = new Map<WorkspaceRole, Client>();

const name = (route: ScopedRoute) =>
  `${route.method} ${route.path({ workspaceId: 'W', appId: 'A', accountId: 'U' })}`;
const call = (client: Client, route: ScopedRoute) =>
  client.request(route.method, route.path(ids), route.body ? { body: route.body(ids) } : {});

beforeAll(async () => {
  server = await startTestServer();
  const appId = await createApp(server);
  ids = { workspaceId: server.workspaceId, appId, accountId: '' };
  await server.admin.put(`/api/apps/${appId}/db/data/notes/docs/fixed-doc`, { data: { v: 0 } });
  ({ owner: ownerB } = await server.newWorkspace('Workspace B'));
  for (const role of ['viewer', 'content-editor', 'developer'] as WorkspaceRole[])
    members.set(role, await server.member(server.workspaceId, role));
});
afterAll(async () => {
  await server?.close();
});

describe('app-data builder routes', () => {
  it.each(appDataBuilderRoutes.map((route) => [name(route), route]))(
    '%s refuses calls without a session (401)',
    async (_name, route) => {
      for (const client of [server.anonymous, new Client(server.url, { token: 'x'.repeat(43) })]) {
        const reply = await call(client, route as ScopedRoute);
        expect(reply.status, reply.text).toBe(401);
      }
    },
  );

  it.each(appDataBuilderRoutes.map((route) => [name(route), route]))(
    "%s hides another workspace's app (404)",
    async (_name, route) => {
      const reply = await call(ownerB, route as ScopedRoute);
      expect(reply.status, reply.text).toBe(404);
    },
  );

  it.each(appDataBuilderRoutes.map((route) => [name(route), route]))(
    '%s needs its minimum role',
    async (_name, route) => {
      const scoped = route as ScopedRoute;
      for (const [role, client] of members) {
        const reply = await call(client, scoped);
        if (rank[role] < rank[scoped.minRole]) expect(reply.status, `${role}: ${reply.text}`).toBe(403);
        else expect([401, 403, 500], `${role}: ${reply.text}`).not.toContain(reply.status);
      }
    },
  );
});

describe('app end-user routes', () => {
  it('need a signed-in user where the route is about the user', async () => {
    const user = new Client(server.url);
    expect((await user.get(`/app-api/${ids.appId}/auth/me`)).status).toBe(401);
    // Open routes still go through the rules: a signed-out caller sees and changes nothing.
    expect((await user.post(`/app-api/${ids.appId}/db/notes/query`, {})).body.data).toEqual([]);
    expect((await user.post(`/app-api/${ids.appId}/db/notes/docs`, { data: { v: 1 } })).status).toBe(403);
    expect((await user.get(`/app-api/${ids.appId}/db/notes/docs/fixed-doc`)).status).toBe(404);
    expect((await user.post(`/app-api/${ids.appId}/db/notes/remove`, { filter: {} })).body.deleted).toBe(0);
  });

  it('builder sessions are not app-user tokens', async () => {
    const reply = await server.admin.get(`/app-api/${ids.appId}/auth/me`);
    expect(reply.status).toBe(401);
  });
});
