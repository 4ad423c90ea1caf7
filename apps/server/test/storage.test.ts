import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDownload } from '../src/plugins/storage/signed-url';
import { type AppUserClient, appUser, createApp, signedOut } from './app-data-helpers';
import { Client, type Json, startTestServer, type TestServer } from './harness';

const limit = 64 * 1024;
let server: TestServer;
let appId: string;
let otherAppId: string;
let alice: AppUserClient;
let bob: AppUserClient;

beforeAll(async () => {
  process.env.TESSERA_MAX_UPLOAD_BYTES = String(limit);
  server = await startTestServer();
  appId = await createApp(server);
  otherAppId = await createApp(server);
  alice = await appUser(server, appId);
  bob = await appUser(server, appId);
});
afterAll(async () => {
  await server?.close();
});

const storage = (rest: string) => `/app-api/${appId}/storage${rest}`;
const bucketDir = () => path.join(server.dataDir, 'storage', appId);

async function upload(
  user: AppUserClient | null,
  cloudPath: string,
  bytes: Uint8Array | string,
  type = 'image/png',
): Promise<{ status: number; body: Json }> {
  const form = new FormData();
  form.append('cloudPath', cloudPath);
  form.append(
    'file',
    new Blob([typeof bytes === 'string' ? bytes : Uint8Array.from(bytes)], { type }),
    'upload.bin',
  );
  const headers: Record<string, string> = user?.session
    ? { authorization: `Bearer ${user.session.accessToken}` }
    : {};
  const response = await fetch(server.url + storage('/upload'), { method: 'POST', body: form, headers });
  return { status: response.status, body: await response.json() };
}

async function filesOnDisk(): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else found.push(path.relative(path.join(server.dataDir, 'storage'), full));
    }
  };
  await walk(path.join(server.dataDir, 'storage'));
  return found.sort();
}

describe('uploads, temporary URLs, listing and deletion', () => {
  it('round-trips a file', async () => {
    const bytes = new Uint8Array(5000).map((_, i) => i % 251);
    const up = await upload(alice, 'avatars/alice.png', bytes);
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    expect(up.body).toMatchObject({
      fileID: `cloud://${appId}/avatars/alice.png`,
      size: 5000,
      contentType: 'image/png',
    });
    expect((await stat(path.join(bucketDir(), 'avatars', 'alice.png'))).size).toBe(5000);

    const urls = await alice.post(storage('/temp-urls'), {
      fileList: [up.body.fileID, { fileID: `cloud://${appId}/nope.png`, maxAge: 60 }],
    });
    expect(urls.body.fileList[0]).toMatchObject({ code: 'SUCCESS', maxAge: 3600 });
    expect(urls.body.fileList[1].code).toBe('NOT_FOUND');
    const url = new URL(urls.body.fileList[0].tempFileURL);
    const downloaded = await fetch(url);
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers.get('content-type')).toBe('image/png');
    expect(downloaded.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(downloaded.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await downloaded.arrayBuffer())).toEqual(bytes);

    url.searchParams.set('signature', `${url.searchParams.get('signature')!.slice(0, -2)}xx`);
    expect((await fetch(url)).status).toBe(403);
    const stale = signDownload(server.app.secrets.urlSecret, appId, 'avatars/alice.png', Date.now() - 1000);
    const expired = await fetch(`${server.url}${storage(`/download?${stale}`)}`);
    expect(expired.status).toBe(403);
    expect(((await expired.json()) as Json).message).toMatch(/expired/);

    const listed = await signedOut(server, appId).get(storage('/list?prefix=avatars/'));
    expect(listed.body.files.map((file: Json) => file.fileID)).toEqual([up.body.fileID]);
  });

  it('only the uploader overwrites or deletes by default', async () => {
    const up = await upload(alice, 'docs/plan.pdf', 'v1', 'application/pdf');
    expect(up.status).toBe(200);
    expect((await upload(bob, 'docs/plan.pdf', 'v2', 'application/pdf')).status).toBe(403);
    expect((await upload(null, 'docs/anon.pdf', 'x', 'application/pdf')).status).toBe(403);
    expect((await bob.post(storage('/delete'), { fileList: [up.body.fileID] })).body.fileList[0].code).toBe(
      'FORBIDDEN',
    );
    expect((await upload(alice, 'docs/plan.pdf', 'v3!', 'application/pdf')).body.size).toBe(3);
    const deleted = await alice.post(storage('/delete'), { fileList: [up.body.fileID] });
    expect(deleted.body.fileList[0].code).toBe('SUCCESS');
    expect(await filesOnDisk()).not.toContain(`${appId}/docs/plan.pdf`);
    expect((await alice.post(storage('/delete'), { fileList: [up.body.fileID] })).body.fileList[0].code).toBe(
      'NOT_FOUND',
    );
  });
});

describe('limits', () => {
  it('an upload over the limit gets 413 and leaves nothing on disk', async () => {
    const before = await filesOnDisk();
    const reply = await upload(alice, 'big/too-big.png', new Uint8Array(limit + 1));
    expect(reply.status).toBe(413);
    expect(reply.body.message).toMatch(/larger than the limit/);
    expect(await filesOnDisk()).toEqual(before);
    const bigger = await upload(alice, 'big/much-bigger.png', new Uint8Array(limit * 4));
    expect(bigger.status).toBe(413);
    expect(await filesOnDisk()).toEqual(before);
    expect((await alice.get(storage('/list?prefix=big/'))).body.files).toEqual([]);
    expect((await upload(alice, 'big/just-fits.png', new Uint8Array(limit))).status).toBe(200);
  });

  it('refuses content types outside the allow-list', async () => {
    for (const type of ['text/html', 'image/svg+xml', 'application/javascript']) {
      const reply = await upload(alice, 'x/page.bin', '<script>alert(1)</script>', type);
      expect(reply.status, type).toBe(415);
    }
    expect(await filesOnDisk()).not.toContain(`${appId}/x/page.bin`);
  });

  it('refuses requests that are not a proper upload', async () => {
    expect((await alice.post(storage('/upload'), { cloudPath: 'a.png' })).status).toBe(415);
    const form = new FormData();
    form.append('cloudPath', 'a.png');
    const noFile = await fetch(server.url + storage('/upload'), {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${alice.session.accessToken}` },
    });
    expect(noFile.status).toBe(400);
    const noPath = new FormData();
    noPath.append('file', new Blob(['x'], { type: 'image/png' }), 'a.png');
    const missing = await fetch(server.url + storage('/upload'), {
      method: 'POST',
      body: noPath,
      headers: { authorization: `Bearer ${alice.session.accessToken}` },
    });
    expect(missing.status).toBe(400);
    for (const [type, body] of [
      ['multipart/form-data', 'no boundary'],
      ['multipart/form-data; boundary=xyz', 'garbage without parts'],
      [
        'multipart/form-data; boundary=xyz',
        '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\ntruncated',
      ],
    ]) {
      const reply = await fetch(server.url + storage('/upload?cloudPath=m/a.png'), {
        method: 'POST',
        body,
        headers: { 'content-type': type!, authorization: `Bearer ${alice.session.accessToken}` },
      });
      expect(reply.status, `${type} ${body}`).toBeGreaterThanOrEqual(400);
      expect(reply.status, `${type} ${body}`).toBeLessThan(500);
    }
    // Cut-off uploads, many times over: the server answers each and stays up.
    const cut =
      '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n';
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(server.url + storage(`/upload?cloudPath=m/cut${i}.png`), {
          method: 'POST',
          body: cut + 'x'.repeat(i * 1000),
          headers: {
            'content-type': 'multipart/form-data; boundary=xyz',
            authorization: `Bearer ${alice.session.accessToken}`,
          },
        }),
      ),
    );
    expect(replies.every((reply) => reply.status === 400)).toBe(true);
    expect((await server.anonymous.get('/health')).status).toBe(200);
    expect((await filesOnDisk()).filter((file) => file.includes('/m/'))).toEqual([]);
    expect(await readdir(path.join(server.dataDir, 'storage', '.tmp'))).toEqual([]);
  });
});

describe('paths cannot leave the bucket', () => {
  const badPaths = [
    '../escape.png',
    'a/../../escape.png',
    '/etc/passwd',
    'a\\..\\b.png',
    'a%2e%2e/x.png',
    '..%2fx.png',
    '%2E%2E%5Cx.png',
    'a/./b.png',
    'a//b.png',
    'C:/x.png',
    'a/\u0000.png',
    'x/',
    '..',
    '',
  ];

  it.each(badPaths)('upload to %j is refused', async (cloudPath) => {
    const reply = await upload(alice, cloudPath, 'x');
    expect(reply.status).toBe(400);
  });

  it('file IDs with traversal or of another app are refused', async () => {
    const before = await filesOnDisk();
    for (const fileID of [
      `cloud://${appId}/../secrets.json`,
      `cloud://${appId}/a/../../x`,
      `cloud://${appId}/%2e%2e/secrets.json`,
      `cloud://${otherAppId}/avatars/alice.png`,
      `cloud://${appId}`,
      '../../secrets.json',
      `cloud://${appId}//etc/passwd`,
    ]) {
      for (const route of ['/temp-urls', '/delete']) {
        const reply = await alice.post(storage(route), { fileList: [fileID] });
        expect(reply.status, `${route} ${fileID}`).toBe(400);
      }
    }
    const signed = signDownload(server.app.secrets.urlSecret, appId, '../secrets.json', Date.now() + 60_000);
    expect((await fetch(`${server.url}${storage(`/download?${signed}`)}`)).status).toBe(400);
    expect(await filesOnDisk()).toEqual(before);
    expect((await stat(path.join(server.dataDir, 'secrets.json'))).isFile()).toBe(true);
  });
});

describe('storage rules', () => {
  it('apply per path prefix, longest first', async () => {
    const saved = await server.admin.put(`/api/apps/${appId}/storage/rules`, {
      rules: [
        { prefix: '', read: 'false', write: 'false' },
        { prefix: 'public/', read: 'true', write: 'auth != null' },
        {
          prefix: 'private/',
          read: 'auth != null && doc._openid == auth.uid',
          write: 'auth != null && doc._openid == auth.uid',
        },
      ],
    });
    expect(saved.status, saved.text).toBe(200);
    const secret = await upload(alice, 'private/diary.txt', 'dear diary', 'text/plain');
    expect(secret.status).toBe(200);
    expect((await upload(bob, 'public/notice.txt', 'hello', 'text/plain')).status).toBe(200);
    expect((await upload(bob, 'elsewhere/x.txt', 'x', 'text/plain')).status).toBe(403);
    expect(
      (await bob.post(storage('/temp-urls'), { fileList: [secret.body.fileID] })).body.fileList[0].code,
    ).toBe('NOT_FOUND');
    expect(
      (await alice.post(storage('/temp-urls'), { fileList: [secret.body.fileID] })).body.fileList[0].code,
    ).toBe('SUCCESS');
    expect(
      (await bob.post(storage('/delete'), { fileList: [secret.body.fileID] })).body.fileList[0].code,
    ).toBe('NOT_FOUND');
    const bobSees = (await bob.get(storage('/list'))).body.files.map((file: Json) => file.path);
    expect(bobSees).toEqual(['public/notice.txt']);
    const aliceSees = (await alice.get(storage('/list?limit=1&offset=1'))).body.files.map(
      (file: Json) => file.path,
    );
    expect(aliceSees).toEqual(['public/notice.txt']);
  });

  it('refuses rules that do not parse or leave the bucket', async () => {
    const bad = await server.admin.put(`/api/apps/${appId}/storage/rules`, {
      rules: [{ prefix: 'a/', read: 'auth !=', write: 'true' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].pointer).toBe('/rules/0/read');
    expect(
      (
        await server.admin.put(`/api/apps/${appId}/storage/rules`, {
          rules: [{ prefix: '../', read: 'true', write: 'true' }],
        })
      ).status,
    ).toBe(400);
    expect((await server.admin.put(`/api/apps/${appId}/storage/rules`, { rules: 'all' })).status).toBe(400);
    const current = await server.admin.get(`/api/apps/${appId}/storage/rules`);
    expect(current.body.rules).toHaveLength(3);
  });

  it('builders list and delete every file', async () => {
    const files = await server.admin.get(`/api/apps/${appId}/storage/files?prefix=private/`);
    expect(files.body.files.map((file: Json) => file.path)).toEqual(['private/diary.txt']);
    // the editor canvas loads a builder's view of a file by its path, without a signed URL
    const content = await server.admin.bytes(`/api/apps/${appId}/storage/download?path=private/diary.txt`);
    expect(content.status).toBe(200);
    expect(new TextDecoder().decode(content.bytes)).toBe('dear diary');
    expect(content.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(content.headers.get('content-security-policy')).toContain('sandbox');
    expect((await server.admin.get(`/api/apps/${appId}/storage/download?path=private/none.txt`)).status).toBe(
      404,
    );
    expect((await server.admin.get(`/api/apps/${appId}/storage/download?path=../x`)).status).toBe(400);
    expect(
      (await new Client(server.url).get(`/api/apps/${appId}/storage/download?path=private/diary.txt`)).status,
    ).toBe(401);
    const fileID = `cloud://${appId}/private/diary.txt`;
    const deleted = await server.admin.delete(
      `/api/apps/${appId}/storage/files?fileID=${encodeURIComponent(fileID)}`,
    );
    expect(deleted.body.deleted).toBe(true);
    expect(await filesOnDisk()).not.toContain(`${appId}/private/diary.txt`);
    const traversal = await server.admin.delete(
      `/api/apps/${appId}/storage/files?fileID=${encodeURIComponent(`cloud://${appId}/../x`)}`,
    );
    expect(traversal.status).toBe(400);
  });
});
