import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app-data-helpers';
import { startTestServer, type TestServer } from './harness';

let server: TestServer;
let appId: string;
beforeAll(async () => {
  server = await startTestServer();
  appId = await createApp(server);
});
afterAll(async () => server?.close());

const url = (collection: string) => `/api/apps/${appId}/db/rules/${collection}/test`;

describe('trying security rules as an app user (POST /api/apps/:appId/db/rules/:collection/test)', () => {
  it('answers for the saved rules: owner-only by default', async () => {
    const mine = await server.admin.post(url('notes'), {
      operation: 'update',
      user: { uid: 'u1' },
      doc: { _openid: 'u1', text: 'x' },
    });
    expect(mine.status).toBe(200);
    expect(mine.body.allowed).toBe(true);
    const theirs = await server.admin.post(url('notes'), {
      operation: 'delete',
      user: { uid: 'u2' },
      doc: { _openid: 'u1' },
    });
    expect(theirs.body).toMatchObject({ allowed: false });
    expect(theirs.body.explanation).toContain('delete rule');
    const read = await server.admin.post(url('notes'), { operation: 'read', user: { uid: 'u2' } });
    expect(read.body).toMatchObject({ allowed: true, filter: { _openid: { $eq: 'u2' } } });
    const readDoc = await server.admin.post(url('notes'), {
      operation: 'read',
      user: { uid: 'u2' },
      doc: { _openid: 'u1' },
    });
    expect(readDoc.body.allowed).toBe(false);
    const signedOut = await server.admin.post(url('notes'), { operation: 'create', user: null, doc: {} });
    expect(signedOut.body.allowed).toBe(false);
  });

  it('tries draft rules before they are saved, with roles', async () => {
    const rules = {
      read: 'true',
      create: "auth != null && auth.roles.includes('staff')",
      update: 'false',
      delete: 'false',
    };
    const staff = await server.admin.post(url('replies'), {
      operation: 'create',
      user: { uid: 's', roles: ['staff'] },
      doc: {},
      rules,
    });
    expect(staff.body.allowed).toBe(true);
    const resident = await server.admin.post(url('replies'), {
      operation: 'create',
      user: { uid: 'r' },
      doc: {},
      rules,
    });
    expect(resident.body.allowed).toBe(false);
  });

  it('names the broken rule and refuses bad input with 400', async () => {
    const broken = await server.admin.post(url('x'), {
      operation: 'read',
      user: null,
      rules: { read: 'auth.uid ==', create: 'true', update: 'true', delete: 'true' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.details[0].pointer).toBe('/rules/read');
    const bad = await server.admin.post(url('x'), { operation: 'drop', user: null });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/operation/);
  });
});
