import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('health, docs, headers', () => {
  it('answers /health without a session', async () => {
    const reply = await server.anonymous.get('/health');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'ok', store: 'ok', uptimeSeconds: expect.any(Number) });
  });

  it('serves the OpenAPI document with every core route, and the docs UI', async () => {
    const doc = await server.anonymous.get('/docs/json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    const paths = Object.keys(doc.body.paths);
    for (const path of [
      '/health',
      '/api/auth/login',
      '/api/auth/logout',
      '/api/auth/me',
      '/api/auth/password',
      '/api/auth/accept-invite',
      '/api/workspaces',
      '/api/workspaces/{workspaceId}',
      '/api/workspaces/{workspaceId}/members',
      '/api/workspaces/{workspaceId}/members/{accountId}',
      '/api/workspaces/{workspaceId}/audit',
      '/api/workspaces/{workspaceId}/apps',
      '/api/workspaces/{workspaceId}/apps/import',
      '/api/templates',
      '/api/apps/{appId}',
      '/api/apps/{appId}/draft',
      '/api/apps/{appId}/versions',
      '/api/apps/{appId}/versions/{version}',
      '/api/apps/{appId}/versions/{version}/diff',
      '/api/apps/{appId}/versions/{version}/restore',
      '/api/apps/{appId}/restore',
      '/api/apps/{appId}/duplicate',
      '/api/apps/{appId}/export',
    ]) {
      expect(paths, path).toContain(path);
    }
    const save = doc.body.paths['/api/apps/{appId}/draft'].put;
    expect(save.requestBody).toBeDefined();
    expect(save.responses['200']).toBeDefined();
    expect(save.responses['4XX'].content['application/json'].schema.required).toEqual([
      'statusCode',
      'error',
      'message',
    ]);
    const ui = await server.anonymous.get('/docs/');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('<html');
  });

  it('sets security headers and answers unknown routes with the error shape', async () => {
    const reply = await server.anonymous.get('/app-api/x/nothing');
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'No route GET /app-api/x/nothing',
    });
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});
