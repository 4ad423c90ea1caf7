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

describe('malformed bodies get 400 with a message, never 500', () => {
  const bodies = ['{"broken":', '[]', '"text"', '42', 'null', '{"x":1}'];
  const appRoutes = (appId: string): [string, string][] => [
    ['POST', `/app-api/${appId}/auth/sign-up`],
    ['POST', `/app-api/${appId}/auth/sign-in`],
    ['POST', `/app-api/${appId}/auth/phone/send-code`],
    ['POST', `/app-api/${appId}/auth/phone/sign-in`],
    ['POST', `/app-api/${appId}/auth/wechat`],
    ['POST', `/app-api/${appId}/auth/refresh`],
    ['POST', `/app-api/${appId}/auth/sign-out`],
    ['POST', `/app-api/${appId}/db/notes/query`],
    ['POST', `/app-api/${appId}/db/notes/count`],
    ['POST', `/app-api/${appId}/db/notes/docs`],
    ['PUT', `/app-api/${appId}/db/notes/docs/fixed-doc`],
    ['PATCH', `/app-api/${appId}/db/notes/docs/fixed-doc`],
    ['POST', `/app-api/${appId}/db/notes/update`],
    ['POST', `/app-api/${appId}/db/notes/remove`],
    ['POST', `/app-api/${appId}/storage/temp-urls`],
    ['POST', `/app-api/${appId}/storage/delete`],
  ];

  it('on every app end-user route', async () => {
    const client = new Client(server.url);
    for (const [method, path] of appRoutes(ids.appId))
      for (const body of bodies) {
        // `{"x":1}` is valid JSON for routes whose body is all optional (query, count).
        if (body === '{"x":1}' && /\/(query|count)$/.test(path)) continue;
        const reply = await client.request(method, path, {
          raw: body,
          headers: { 'content-type': 'application/json' },
        });
        expect(reply.status, `${method} ${path} ${body}: ${reply.text}`).toBe(400);
        expect(reply.body.message, `${method} ${path} ${body}`).toBeTruthy();
      }
  });

  it('on every builder route with a body', async () => {
    for (const route of appDataBuilderRoutes.filter((candidate) => candidate.body))
      for (const body of bodies.slice(0, 4)) {
        const reply = await server.admin.request(route.method, route.path(ids), {
          raw: body,
          headers: { 'content-type': 'application/json' },
        });
        expect(reply.status, `${name(route)} ${body}: ${reply.text}`).toBe(400);
      }
  });
});

describe('cross-origin calls from built web apps', () => {
  it('/app-api answers preflights and errors with CORS headers; /api does not', async () => {
    const preflight = await fetch(`${server.url}/app-api/${ids.appId}/db/notes/query`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const refused = await fetch(`${server.url}/app-api/${ids.appId}/auth/me`, {
      headers: { origin: 'https://shop.example.com' },
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
    const builder = await fetch(`${server.url}/api/auth/me`, {
      headers: { origin: 'https://evil.example.com' },
    });
    expect(builder.headers.get('access-control-allow-origin')).toBeNull();
  });
});
