import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceRole } from '../src/types';
import { Client, startTestServer, type TestServer } from './harness';
import { type RouteIds, type ScopedRoute, scopedRoutes, unscopedRoutes } from './routes';

const RANK: Record<WorkspaceRole, number> = { viewer: 0, 'content-editor': 1, developer: 2, owner: 3 };
const ROLES: WorkspaceRole[] = ['viewer', 'content-editor', 'developer', 'owner'];

let server: TestServer;
let appInA: string;
let memberOfA: string;
let ownerB: Client;
let workspaceB: string;

async function newApp(client: Client, workspaceId: string, name = 'App'): Promise<string> {
  const created = await client.post(`/api/workspaces/${workspaceId}/apps`, { name });
  expect(created.status, created.text).toBe(201);
  return created.body.id;
}

function call(client: Client, route: ScopedRoute, ids: RouteIds) {
  return client.request(route.method, route.path(ids), {
    ...(route.body ? { body: route.body(ids) } : {}),
    ...(route.raw ? { raw: route.raw() } : {}),
    ...(route.headers ? { headers: route.headers } : {}),
  });
}

beforeAll(async () => {
  server = await startTestServer();
  appInA = await newApp(server.admin, server.workspaceId, 'Service hall');
  const member = await server.member(server.workspaceId, 'viewer');
  memberOfA = member.account!.id;
  ({ owner: ownerB, workspaceId: workspaceB } = await server.newWorkspace('Workspace B'));
});

afterAll(async () => {
  await server?.close();
});

describe('without a session', () => {
  it.each(
    scopedRoutes.map((r) => [`${r.method} ${r.path({ workspaceId: 'W', appId: 'A', accountId: 'U' })}`, r]),
  )('%s is refused with 401', async (_name, route) => {
    const ids = { workspaceId: server.workspaceId, appId: appInA, accountId: memberOfA };
    for (const client of [server.anonymous, new Client(server.url, { token: 'x'.repeat(43) })]) {
      const reply = await call(client, route as ScopedRoute, ids);
      expect(reply.status).toBe(401);
      expect(reply.body.message).toMatch(/Sign in/);
    }
  });

  it.each(unscopedRoutes.filter((r) => !r.public).map((r) => [`${r.method} ${r.path}`, r]))(
    '%s is refused with 401',
    async (_name, route) => {
      const reply = await server.anonymous.request(
        route.method,
        route.path,
        route.body ? { body: route.body } : {},
      );
      expect(reply.status).toBe(401);
    },
  );

  it('unknown /api routes are refused too, health and docs are open', async () => {
    expect((await server.anonymous.get('/api/nothing-here')).status).toBe(401);
    expect((await server.anonymous.get('/health')).status).toBe(200);
    expect((await server.anonymous.get('/docs/json')).status).toBe(200);
  });
});

describe('a member of workspace B', () => {
  it.each(
    scopedRoutes.map((r) => [`${r.method} ${r.path({ workspaceId: 'A', appId: 'a', accountId: 'u' })}`, r]),
  )("gets 404 for A's %s", async (_name, route) => {
    const ids = { workspaceId: server.workspaceId, appId: appInA, accountId: memberOfA };
    const reply = await call(ownerB, route as ScopedRoute, ids);
    expect(reply.status, reply.text).toBe(404);
    expect(reply.text).not.toContain('Service hall');
  });

  it("left workspace A's data untouched", async () => {
    const app = await server.admin.get(`/api/apps/${appInA}`);
    expect(app.body).toMatchObject({ version: 1, deletedAt: null, name: 'Service hall' });
    const members = await server.admin.get(`/api/workspaces/${server.workspaceId}/members`);
    expect(members.body.members.map((m: { accountId: string }) => m.accountId)).toContain(memberOfA);
    const workspace = await server.admin.get(`/api/workspaces/${server.workspaceId}`);
    expect(workspace.body.name).toBe('Default workspace');
    const apps = await server.admin.get(`/api/workspaces/${server.workspaceId}/apps`);
    expect(apps.body.total).toBe(1);
  });

  it("does not see A's apps in its own lists", async () => {
    const mine = await ownerB.get(`/api/workspaces/${workspaceB}/apps?deleted=include`);
    expect(mine.status).toBe(200);
    expect(mine.body.apps.map((a: { id: string }) => a.id)).not.toContain(appInA);
    const workspaces = await ownerB.get('/api/workspaces');
    expect(workspaces.body.workspaces.map((w: { id: string }) => w.id)).toEqual([workspaceB]);
  });
});

describe('roles inside a workspace', () => {
  const clients = new Map<WorkspaceRole, Client>();
  beforeAll(async () => {
    for (const role of ROLES) clients.set(role, await server.member(server.workspaceId, role));
  });

  const cases = scopedRoutes.flatMap((route) => ROLES.map((role) => [role, route] as const));
  it.each(
    cases.map(([role, route]) => [
      role,
      `${route.method} ${route.path({ workspaceId: 'W', appId: 'A', accountId: 'U' })}`,
      RANK[role] >= RANK[route.minRole] ? 'allowed' : 'refused with 403',
      route,
    ]),
  )('%s: %s is %s', async (role, _name, expected, route) => {
    // Fresh targets for the routes that change or remove what they touch.
    const r = route as ScopedRoute;
    const sample = r.path({ workspaceId: 'W', appId: 'A', accountId: 'U' });
    const appId =
      sample.includes('/A') && r.method !== 'GET' ? await newApp(server.admin, server.workspaceId) : appInA;
    const accountId = sample.endsWith('/U')
      ? (await server.member(server.workspaceId, 'viewer')).account!.id
      : memberOfA;
    const ids = { workspaceId: server.workspaceId, appId, accountId };
    const reply = await call(clients.get(role as WorkspaceRole)!, route as ScopedRoute, ids);
    if (expected === 'allowed') {
      expect([401, 403, 404, 500], reply.text).not.toContain(reply.status);
      expect(reply.status).toBeLessThan(500);
    } else {
      expect(reply.status, reply.text).toBe(403);
      expect(reply.body.message).toMatch(/role/);
    }
  });
});

describe('encoded paths', () => {
  it('cannot reach a builder route without a session by percent-encoding /api', async () => {
    for (const url of ['/%61pi/auth/me', `/%61pi/workspaces/${server.workspaceId}/apps`, '/api/%61uth/me']) {
      const reply = await server.anonymous.get(url);
      expect([401, 404], url).toContain(reply.status);
      expect(reply.text).not.toContain('Service hall');
    }
  });
});
