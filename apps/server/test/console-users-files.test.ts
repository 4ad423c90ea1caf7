import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type Json, startTestServer, type TestServer } from './harness';

// Console routes added for the builder screens: storage upload, and app-user disable / password reset.

let server: TestServer;
let viewer: Client;
let editor: Client;
let appId: string;

beforeAll(async () => {
  server = await startTestServer();
  viewer = await server.member(server.workspaceId, 'viewer');
  editor = await server.member(server.workspaceId, 'content-editor');
  const created = await server.admin.post(`/api/workspaces/${server.workspaceId}/apps`, { name: 'Console' });
  appId = created.body.id;
}, 30_000);

afterAll(async () => {
  await server?.close();
});

async function builderUpload(
  client: Client,
  fields: Record<string, string>,
  file: { bytes: string | Uint8Array; type: string } | null,
  query = '',
): Promise<{ status: number; body: Json }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file) form.append('file', new Blob([file.bytes as BlobPart], { type: file.type }), 'upload.bin');
  const response = await fetch(`${server.url}/api/apps/${appId}/storage/files${query}`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${client.auth.token}` },
  });
  return { status: response.status, body: await response.json() };
}

describe('builder upload: POST /api/apps/:appId/storage/files', () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

  it('stores the file at the given path, lists it, and replaces it on a second upload', async () => {
    const first = await builderUpload(editor, { path: 'images/logo.png' }, { bytes: png, type: 'image/png' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      fileID: `cloud://${appId}/images/logo.png`,
      path: 'images/logo.png',
      size: png.byteLength,
      contentType: 'image/png',
    });
    const onDisk = path.join(server.dataDir, 'storage', appId, 'images', 'logo.png');
    expect(new Uint8Array(await readFile(onDisk))).toEqual(png);

    const replaced = await builderUpload(
      server.admin,
      {},
      { bytes: 'hello', type: 'text/plain' },
      '?path=images/logo.png',
    );
    expect(replaced.status).toBe(201);
    expect(replaced.body).toMatchObject({ size: 5, contentType: 'text/plain' });
    expect(await readFile(onDisk, 'utf8')).toBe('hello');
    const listed = await viewer.get(`/api/apps/${appId}/storage/files?prefix=images/`);
    expect(listed.body.files.map((f: Json) => [f.path, f.size])).toEqual([['images/logo.png', 5]]);

    const audit = await server.admin.get(
      `/api/workspaces/${server.workspaceId}/audit?action=app.file.upload`,
    );
    expect(audit.body.entries.map((e: Json) => e.summary)).toEqual([
      'Replaced file images/logo.png (5 bytes)',
      `Uploaded file images/logo.png (${png.byteLength} bytes)`,
    ]);
  });

  it('refuses viewers, missing or unsafe paths, refused types and non-multipart bodies', async () => {
    const asViewer = await builderUpload(viewer, { path: 'a.png' }, { bytes: png, type: 'image/png' });
    expect(asViewer.status).toBe(403);
    expect(asViewer.body.message).toContain('content-editor');
    const noPath = await builderUpload(editor, {}, { bytes: png, type: 'image/png' });
    expect(noPath.status).toBe(400);
    expect(noPath.body.details).toEqual([{ pointer: '/path', message: 'is required' }]);
    const unsafe = await builderUpload(editor, { path: '../escape.png' }, { bytes: png, type: 'image/png' });
    expect(unsafe.status).toBe(400);
    expect(unsafe.body.details[0].pointer).toBe('/path');
    const html = await builderUpload(editor, { path: 'x.html' }, { bytes: '<script>', type: 'text/html' });
    expect(html.status).toBe(415);
    const noFile = await builderUpload(editor, { path: 'x.png' }, null);
    expect(noFile.status).toBe(400);
    const json = await editor.post(`/api/apps/${appId}/storage/files`, { path: 'x.png' });
    expect(json.status).toBe(415);
    const listed = await server.admin.get(`/api/apps/${appId}/storage/files`);
    expect(listed.body.files.map((f: Json) => f.path)).toEqual(['images/logo.png']);
  });
});

describe('app users: disable / enable and password reset', () => {
  const auth = (rest: string) => `/app-api/${appId}/auth${rest}`;
  let uid: string;
  let session: Json;

  beforeAll(async () => {
    const settings = await server.admin.put(`/api/apps/${appId}/auth/settings`, {
      methods: { anonymous: true, password: true, phone: false, wechat: false },
    });
    expect(settings.status).toBe(200);
    const signUp = await server.anonymous.post(auth('/sign-up'), {
      username: 'mei',
      password: 'first-password',
    });
    expect(signUp.status).toBe(200);
    session = signUp.body;
    uid = session.user.uid;
  });

  const me = (token: string) =>
    server.anonymous.get(auth('/me'), { headers: { authorization: `Bearer ${token}` } });
  const signIn = (password: string) => server.anonymous.post(auth('/sign-in'), { username: 'mei', password });

  it('a disabled user cannot use its tokens, refresh or sign in; enabling lets it back', async () => {
    expect((await me(session.accessToken)).status).toBe(200);
    const disabled = await server.admin.patch(`/api/apps/${appId}/auth/users/${uid}`, { disabled: true });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ uid, username: 'mei', disabled: true });

    const withToken = await me(session.accessToken);
    expect(withToken.status).toBe(401);
    expect(withToken.body.message).toContain('disabled');
    // Data routes refuse the token too, not just the auth ones.
    const query = await server.anonymous.post(
      `/app-api/${appId}/db/notes/query`,
      {},
      {
        headers: { authorization: `Bearer ${session.accessToken}` },
      },
    );
    expect(query.status).toBe(401);
    expect(
      (await server.anonymous.post(auth('/refresh'), { refreshToken: session.refreshToken })).status,
    ).toBe(401);
    const refused = await signIn('first-password');
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('disabled');
    // A wrong password still says only that.
    expect((await signIn('wrong-password')).status).toBe(401);
    const listed = await viewer.get(`/api/apps/${appId}/auth/users`);
    expect(listed.body.users.find((u: Json) => u.uid === uid).disabled).toBe(true);

    const enabled = await server.admin.patch(`/api/apps/${appId}/auth/users/${uid}`, { disabled: false });
    expect(enabled.body.disabled).toBe(false);
    const back = await signIn('first-password');
    expect(back.status).toBe(200);
    session = back.body;
    expect((await me(session.accessToken)).status).toBe(200);
  });

  it('a password reset returns a temporary password once; the old one and old sessions stop working', async () => {
    const reset = await server.admin.post(`/api/apps/${appId}/auth/users/${uid}/reset-password`);
    expect(reset.status).toBe(200);
    const temporary = reset.body.temporaryPassword as string;
    expect(temporary).toMatch(/^[a-zA-Z2-9]{16}$/);
    expect(reset.body.user).toMatchObject({ uid, username: 'mei' });
    expect(JSON.stringify(await server.admin.get(`/api/apps/${appId}/auth/users`))).not.toContain(temporary);
    expect((await signIn('first-password')).status).toBe(401);
    expect(
      (await server.anonymous.post(auth('/refresh'), { refreshToken: session.refreshToken })).status,
    ).toBe(401);
    expect((await signIn(temporary)).status).toBe(200);
    const again = await server.admin.post(`/api/apps/${appId}/auth/users/${uid}/reset-password`);
    expect(again.body.temporaryPassword).not.toBe(temporary);
  });

  it('refuses viewers, bad bodies, unknown users and accounts without a password', async () => {
    const asViewer = await viewer.patch(`/api/apps/${appId}/auth/users/${uid}`, { disabled: true });
    expect(asViewer.status).toBe(403);
    expect((await viewer.post(`/api/apps/${appId}/auth/users/${uid}/reset-password`)).status).toBe(403);
    expect((await editor.patch(`/api/apps/${appId}/auth/users/${uid}`, { disabled: true })).status).toBe(403);
    for (const body of [{}, { disabled: 'yes' }, { disabled: true, roles: [] }])
      expect((await server.admin.patch(`/api/apps/${appId}/auth/users/${uid}`, body)).status).toBe(400);
    const unknown = '0123456789abcdef01234567';
    expect(
      (await server.admin.patch(`/api/apps/${appId}/auth/users/${unknown}`, { disabled: true })).status,
    ).toBe(404);
    expect((await server.admin.post(`/api/apps/${appId}/auth/users/${unknown}/reset-password`)).status).toBe(
      404,
    );
    expect(
      (await server.admin.patch(`/api/apps/${appId}/auth/users/not-an-id`, { disabled: true })).status,
    ).toBe(400);
    const anonymous = await server.anonymous.post(auth('/anonymous'));
    const noPassword = await server.admin.post(
      `/api/apps/${appId}/auth/users/${anonymous.body.user.uid}/reset-password`,
    );
    expect(noPassword.status).toBe(409);
    expect((await me(anonymous.body.accessToken)).body.disabled).toBe(false);

    const audit = await server.admin.get(`/api/workspaces/${server.workspaceId}/audit?action=app.user.*`);
    expect(audit.body.entries.map((e: Json) => e.action)).toEqual([
      'app.user.password.reset',
      'app.user.password.reset',
      'app.user.enable',
      'app.user.disable',
    ]);
  });
});
