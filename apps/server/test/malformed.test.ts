import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type Json, startTestServer, type TestServer } from './harness';
import { type RouteIds, scopedRoutes, unscopedRoutes } from './routes';

let server: TestServer;
let ids: RouteIds;

beforeAll(async () => {
  server = await startTestServer();
  const app = await server.admin.post(`/api/workspaces/${server.workspaceId}/apps`, { name: 'Fuzz target' });
  const member = await server.member(server.workspaceId, 'viewer');
  ids = { workspaceId: server.workspaceId, appId: app.body.id, accountId: member.account!.id };
});
afterAll(async () => {
  await server?.close();
});

const deep = '['.repeat(5000) + ']'.repeat(5000);
const deepObject = '{"a":'.repeat(3000) + '1' + '}'.repeat(3000);

/** Bodies that no JSON route of ours accepts: each must be a 4xx with a message, never a 500. */
const malformedBodies: [string, string, string?][] = [
  ['truncated JSON', '{"name": "x"'],
  ['not JSON at all', 'name=x&role=owner'],
  ['an array', '[1, 2, 3]'],
  ['a string', '"hello"'],
  ['a number', '42'],
  ['null', 'null'],
  ['deeply nested arrays', deep],
  ['deeply nested objects', deepObject],
  [
    'operator injection',
    '{"email":{"$ne":null},"password":{"$gt":""},"name":{"$where":"1"},"role":{"$in":["owner"]}}',
  ],
  [
    'wrong types everywhere',
    '{"email":1,"password":true,"name":[],"role":7,"token":{},"template":5,"schema":"x"}',
  ],
  ['text/plain body', 'hello', 'text/plain'],
  ['an empty JSON body', '', 'application/json'],
];

const sampleIds: RouteIds = { workspaceId: 'w', appId: 'a', accountId: 'u' };
const bodyRoutes = [
  ...scopedRoutes
    .filter((r) => r.body)
    .map((r) => ({ method: r.method, path: r.path, headers: r.headers ?? {}, valid: r.body!(sampleIds) })),
  ...unscopedRoutes
    .filter((r) => r.body)
    .map((r) => ({ method: r.method, path: () => r.path, headers: {}, valid: r.body })),
];

/** Any JSON, or the route's valid body with its fields swapped for random JSON (the likelier trouble). */
function bodiesFor(valid: unknown) {
  const keys = valid && typeof valid === 'object' ? Object.keys(valid) : [];
  const mutated = keys.length
    ? fc.record(Object.fromEntries(keys.map((k) => [k, fc.jsonValue({ maxDepth: 3 })])), { requiredKeys: [] })
    : fc.constant({});
  return fc.oneof(fc.jsonValue({ maxDepth: 4 }), mutated);
}

async function expectClientError(client: Client, method: string, url: string, options: Json, label: string) {
  const reply = await client.request(method, url, options);
  expect(reply.status, `${label}: ${reply.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect(reply.status, label).toBeLessThan(500);
  expect(reply.body.message, label).toEqual(expect.any(String));
  expect(reply.body.statusCode).toBe(reply.status);
  return reply;
}

describe('malformed bodies get 4xx with a message, never 500', () => {
  it.each(
    bodyRoutes.map((r) => [`${r.method} ${r.path({ workspaceId: 'W', appId: 'A', accountId: 'U' })}`, r]),
  )('%s', async (_name, route) => {
    for (const [label, raw, type] of malformedBodies) {
      const reply = await expectClientError(
        server.admin,
        route.method,
        route.path(ids),
        { raw, headers: { ...route.headers, 'content-type': type ?? 'application/json' } },
        label,
      );
      if (label !== 'text/plain body') expect([400, 413], label).toContain(reply.status);
    }
  });

  it.each(
    bodyRoutes.map((r) => [`${r.method} ${r.path({ workspaceId: 'W', appId: 'A', accountId: 'U' })}`, r]),
  )('random JSON bodies never crash %s', async (_name, route) => {
    await fc.assert(
      fc.asyncProperty(bodiesFor(route.valid), async (value) => {
        const reply = await server.admin.request(route.method, route.path(ids), {
          raw: JSON.stringify(value) ?? 'null',
          headers: { ...route.headers, 'content-type': 'application/json' },
        });
        expect(reply.status, reply.text.slice(0, 200)).toBeLessThan(500);
        if (reply.status >= 400) expect(reply.body.message).toEqual(expect.any(String));
      }),
      { numRuns: 16, seed: 3 },
    );
  });

  it('refuses a body over the size limit with 413', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) });
    const reply = await server.admin.request('POST', '/api/workspaces', {
      raw: big,
      headers: { 'content-type': 'application/json' },
    });
    expect(reply.status).toBe(413);
  });

  it('names the offending field by JSON pointer', async () => {
    const reply = await server.admin.post('/api/workspaces', { name: 5, extra: true });
    expect(reply.status).toBe(400);
    expect(reply.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ pointer: expect.any(String) })]),
    );
    const draft = await server.admin.put(`/api/apps/${ids.appId}/draft`, JSON.parse(deepObject), {
      headers: { 'if-match': '1' },
    });
    expect(draft.status).toBe(400);
  });
});

describe('malformed parameters and query strings get 400', () => {
  const cases: [string, string][] = [
    ['GET', '/api/apps/NOT_AN_ID'],
    ['GET', '/api/apps/..%2F..%2Fetc'],
    ['GET', `/api/workspaces/zzz/apps`],
    ['GET', `/api/workspaces/{ws}/apps?limit=abc`],
    ['GET', `/api/workspaces/{ws}/apps?limit=-1`],
    ['GET', `/api/workspaces/{ws}/apps?deleted=maybe`],
    ['GET', `/api/workspaces/{ws}/apps?unknown=1`],
    ['GET', `/api/workspaces/{ws}/audit?cursor=zzz`],
    ['GET', `/api/workspaces/{ws}/audit?until=tomorrow`],
    ['GET', `/api/workspaces/{ws}/audit?limit=100000`],
    ['GET', `/api/apps/{app}/versions/0`],
    ['GET', `/api/apps/{app}/versions/abc`],
    ['GET', `/api/apps/{app}/versions/1/diff?against=x`],
    ['POST', `/api/apps/{app}/versions/-1/restore`],
    ['PATCH', `/api/workspaces/{ws}/members/not-an-id`],
    ['PUT', `/api/apps/{app}/draft?baseVersion=x`],
  ];
  it.each(cases)('%s %s', async (method, template) => {
    const url = template.replace('{ws}', ids.workspaceId).replace('{app}', ids.appId);
    const reply = await expectClientError(
      server.admin,
      method,
      url,
      method === 'GET' ? {} : { body: {} },
      url,
    );
    expect(reply.status).toBe(400);
  });
});
