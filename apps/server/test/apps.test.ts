import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Json, startTestServer, type TestServer } from './harness';

let server: TestServer;
let ws: string;

beforeAll(async () => {
  server = await startTestServer();
  ws = server.workspaceId;
});
afterAll(async () => {
  await server?.close();
});

async function create(name: string, extra: Record<string, unknown> = {}): Promise<Json> {
  const reply = await server.admin.post(`/api/workspaces/${ws}/apps`, { name, ...extra });
  expect(reply.status, reply.text).toBe(201);
  return reply.body;
}

function save(appId: string, schema: unknown, version: number | string | undefined) {
  return server.admin.put(`/api/apps/${appId}/draft`, schema, {
    headers:
      version === undefined ? {} : { 'if-match': typeof version === 'number' ? `"${version}"` : version },
  });
}

describe('create, get, list', () => {
  it('creates an app from the blank template, valid and with its own id', async () => {
    const app = await create('Community notices', { description: 'Notices for residents' });
    expect(app.id).toMatch(/^a[0-9a-f]{23}$/);
    expect(app).toMatchObject({ name: 'Community notices', version: 1, template: 'blank', deletedAt: null });
    expect(app.schema).toMatchObject({
      id: app.id,
      name: 'Community notices',
      description: 'Notices for residents',
    });
    const got = await server.admin.get(`/api/apps/${app.id}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('etag')).toBe('"1"');
    expect(got.body.schema).toEqual(app.schema);
    const unchanged = await server.admin.get(`/api/apps/${app.id}`, { headers: { 'if-none-match': '"1"' } });
    expect(unchanged.status).toBe(304);
    expect(unchanged.text).toBe('');
    const changed = await server.admin.get(`/api/apps/${app.id}`, { headers: { 'if-none-match': '"0"' } });
    expect(changed.status).toBe(200);
  });

  it('lists templates', async () => {
    const reply = await server.admin.get('/api/templates');
    expect(reply.body.templates.map((t: Json) => t.name)).toContain('blank');
  });

  it('refuses an unknown template with 404 and a bad template name with 400', async () => {
    const unknown = await server.admin.post(`/api/workspaces/${ws}/apps`, { name: 'x', template: 'nope' });
    expect(unknown.status).toBe(404);
    const bad = await server.admin.post(`/api/workspaces/${ws}/apps`, { name: 'x', template: '../etc' });
    expect(bad.status).toBe(400);
  });

  it('creates from a given schema, validated with pointers', async () => {
    const base = (await create('Base')).schema;
    const copy = await server.admin.post(`/api/workspaces/${ws}/apps`, { name: 'From schema', schema: base });
    expect(copy.status).toBe(201);
    expect(copy.body.template).toBeNull();
    const broken = await server.admin.post(`/api/workspaces/${ws}/apps`, {
      name: 'Broken',
      schema: { ...base, pages: 'not pages' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.details.some((d: Json) => d.pointer.startsWith('/pages'))).toBe(true);
  });

  it('lists with search, newest first, paged', async () => {
    await create('Search Alpha One');
    await create('search alpha two');
    await create('Beta');
    const found = await server.admin.get(`/api/workspaces/${ws}/apps?q=ALPHA`);
    expect(found.status).toBe(200);
    expect(found.body.apps.map((a: Json) => a.name)).toEqual(['search alpha two', 'Search Alpha One']);
    expect(found.body.total).toBe(2);
    expect(found.body.apps[0].schema).toBeUndefined();
    const page = await server.admin.get(`/api/workspaces/${ws}/apps?limit=1&offset=1&q=alpha`);
    expect(page.body.apps.map((a: Json) => a.name)).toEqual(['Search Alpha One']);
    const regexLike = await server.admin.get(`/api/workspaces/${ws}/apps?q=${encodeURIComponent('.*(')}`);
    expect(regexLike.status).toBe(200);
    expect(regexLike.body.total).toBe(0);
  });
});

describe('saving drafts', () => {
  it('saves on top of the edited version and refuses a stale save with 409 and the current version', async () => {
    const app = await create('Concurrency');
    const edited = { ...app.schema, description: 'first edit' };
    const first = await save(app.id, edited, 1);
    expect(first.status, first.text).toBe(200);
    expect(first.body.version).toBe(2);
    expect(first.headers.get('etag')).toBe('"2"');

    const stale = await save(app.id, { ...app.schema, description: 'lost edit' }, 1);
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
    expect(stale.body.message).toMatch(/version 2/);

    const current = await server.admin.get(`/api/apps/${app.id}`);
    expect(current.body.schema.description).toBe('first edit');
    expect((await save(app.id, { ...app.schema, description: 'second' }, 'W/"2"')).status).toBe(200);
    const viaQuery = await server.admin.put(
      `/api/apps/${app.id}/draft?baseVersion=3&message=hello`,
      app.schema,
    );
    expect(viaQuery.status).toBe(200);
  });

  it('lets exactly one of several concurrent saves on the same version win', async () => {
    const app = await create('Race');
    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, i) => save(app.id, { ...app.schema, description: `writer ${i}` }, 1)),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
    const versions = await server.admin.get(`/api/apps/${app.id}/versions`);
    expect(versions.body.versions.map((v: Json) => v.version)).toEqual([2, 1]);
  });

  it('needs If-Match (428) and a well-formed one (400)', async () => {
    const app = await create('Needs version');
    expect((await save(app.id, app.schema, undefined)).status).toBe(428);
    expect((await save(app.id, app.schema, 'abc')).status).toBe(400);
  });

  it('refuses an invalid schema with 400 and JSON pointers, and keeps the draft', async () => {
    const app = await create('Validation');
    const noPages = { ...app.schema };
    delete noPages.pages;
    const reply = await save(app.id, noPages, 1);
    expect(reply.status).toBe(400);
    expect(reply.body.message).toMatch(/invalid/);
    expect(reply.body.details.length).toBeGreaterThan(0);
    expect(reply.body.details[0]).toHaveProperty('pointer');
    const unknownComponent = structuredClone(app.schema);
    unknownComponent.pages[0].root.component = 'NoSuchWidget';
    const bad = await save(app.id, unknownComponent, 1);
    expect(bad.status).toBe(400);
    expect(bad.body.details.some((d: Json) => d.pointer.startsWith('/pages/0/root'))).toBe(true);
    const otherId = await save(app.id, { ...app.schema, id: 'another-app' }, 1);
    expect(otherId.status).toBe(400);
    expect(otherId.body.details[0].pointer).toBe('/id');
    expect((await server.admin.get(`/api/apps/${app.id}`)).body.version).toBe(1);
  });

  it('migrates an older schema version before validating', async () => {
    const app = await create('Migrate');
    const reply = await save(app.id, { ...app.schema, schemaVersion: 1 }, 1);
    // Either upgraded and saved, or refused with a clear 400: never a 500.
    expect([200, 400]).toContain(reply.status);
    if (reply.status === 200) {
      const saved = await server.admin.get(`/api/apps/${app.id}`);
      expect(saved.body.schema.schemaVersion).toBe(app.schema.schemaVersion);
    }
  });
});

describe('versions', () => {
  it('keeps history, diffs by pointer and restores as a new version', async () => {
    const app = await create('History');
    await save(app.id, { ...app.schema, description: 'v2' }, 1);
    await save(app.id, { ...app.schema, description: 'v3', theme: undefined }, 2);
    const list = await server.admin.get(`/api/apps/${app.id}/versions`);
    expect(list.body.versions.map((v: Json) => v.version)).toEqual([3, 2, 1]);
    expect(list.body.versions[0].savedByEmail).toBe('admin@example.test');
    const paged = await server.admin.get(`/api/apps/${app.id}/versions?limit=2`);
    expect(paged.body.nextBefore).toBe(2);
    const older = await server.admin.get(`/api/apps/${app.id}/versions?before=2`);
    expect(older.body.versions.map((v: Json) => v.version)).toEqual([1]);

    const v2 = await server.admin.get(`/api/apps/${app.id}/versions/2`);
    expect(v2.body.schema.description).toBe('v2');
    const diff = await server.admin.get(`/api/apps/${app.id}/versions/3/diff`);
    expect(diff.body.from).toBe(2);
    expect(diff.body.changes).toContainEqual({
      op: 'replace',
      pointer: '/description',
      before: 'v2',
      after: 'v3',
    });
    const against1 = await server.admin.get(`/api/apps/${app.id}/versions/3/diff?against=1`);
    expect(against1.body.changes.find((c: Json) => c.pointer === '/description').before).toBe(
      app.schema.description,
    );
    const first = await server.admin.get(`/api/apps/${app.id}/versions/1/diff`);
    expect(first.body.from).toBeNull();
    expect(first.body.changes.length).toBeGreaterThan(0);
    expect((await server.admin.get(`/api/apps/${app.id}/versions/9`)).status).toBe(404);
    expect((await server.admin.get(`/api/apps/${app.id}/versions/3/diff?against=9`)).status).toBe(404);

    const restored = await server.admin.post(`/api/apps/${app.id}/versions/2/restore`);
    expect(restored.status, restored.text).toBe(200);
    expect(restored.body.version).toBe(4);
    const now = await server.admin.get(`/api/apps/${app.id}`);
    expect(now.body.schema.description).toBe('v2');
    const v4 = (await server.admin.get(`/api/apps/${app.id}/versions?limit=1`)).body.versions[0];
    expect(v4).toMatchObject({ version: 4, restoredFrom: 2, message: 'Restored version 2' });
    const staleRestore = await server.admin.post(`/api/apps/${app.id}/versions/1/restore`, undefined, {
      headers: { 'if-match': '"3"' },
    });
    expect(staleRestore.status).toBe(409);
    expect(staleRestore.body.currentVersion).toBe(4);
  });
});

describe('delete, restore, duplicate', () => {
  it('soft-deletes: hidden from the list, kept, restorable, not saveable while deleted', async () => {
    const app = await create('Bin me');
    const deleted = await server.admin.delete(`/api/apps/${app.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.deletedAt).toEqual(expect.any(String));
    const list = await server.admin.get(`/api/workspaces/${ws}/apps`);
    expect(list.body.apps.map((a: Json) => a.id)).not.toContain(app.id);
    const bin = await server.admin.get(`/api/workspaces/${ws}/apps?deleted=only`);
    expect(bin.body.apps.map((a: Json) => a.id)).toEqual([app.id]);
    expect((await server.admin.get(`/api/apps/${app.id}`)).body.deletedAt).not.toBeNull();
    expect((await save(app.id, app.schema, 1)).status).toBe(409);
    expect((await server.admin.delete(`/api/apps/${app.id}`)).status).toBe(409);
    const restored = await server.admin.post(`/api/apps/${app.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.deletedAt).toBeNull();
    expect((await server.admin.post(`/api/apps/${app.id}/restore`)).status).toBe(409);
    expect((await save(app.id, app.schema, 1)).status).toBe(200);
  });

  it('duplicates into a new app with its own id and name', async () => {
    const app = await create('Original');
    const copy = await server.admin.post(`/api/apps/${app.id}/duplicate`, {});
    expect(copy.status).toBe(201);
    expect(copy.body.id).not.toBe(app.id);
    expect(copy.body.schema.id).toBe(copy.body.id);
    expect(copy.body.name).toBe('Original (copy)');
    const named = await server.admin.post(`/api/apps/${app.id}/duplicate`, { name: 'Second' });
    expect(named.body.schema.name).toBe('Second');
  });
});

describe('export and import', () => {
  it('round-trips an app through a zip', async () => {
    const app = await create('Exported');
    await save(app.id, { ...app.schema, description: 'with changes' }, 1);
    const zip = await server.admin.bytes(`/api/apps/${app.id}/export`);
    expect(zip.status).toBe(200);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(zip.bytes);
    expect(Object.keys(files).sort()).toEqual(['app.json', 'manifest.json']);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    expect(manifest).toMatchObject({
      format: 'tessera-app',
      formatVersion: 1,
      app: { id: app.id, version: 2 },
    });

    const imported = await server.admin.post(`/api/workspaces/${ws}/apps/import?name=Imported`, undefined, {
      raw: zip.bytes,
      headers: { 'content-type': 'application/zip' },
    });
    expect(imported.status, imported.text).toBe(201);
    expect(imported.body.id).not.toBe(app.id);
    expect(imported.body.schema).toMatchObject({
      id: imported.body.id,
      name: 'Imported',
      description: 'with changes',
    });
  });

  it('rejects bad zips with 400 and a message', async () => {
    const send = (raw: Uint8Array | string) =>
      server.admin.post(`/api/workspaces/${ws}/apps/import`, undefined, {
        raw,
        headers: { 'content-type': 'application/zip' },
      });
    const manifest = strToU8(JSON.stringify({ format: 'tessera-app', formatVersion: 1 }));
    const cases: [string, Uint8Array | string][] = [
      ['not a zip', 'garbage bytes'],
      ['empty', new Uint8Array()],
      ['no app.json', zipSync({ 'manifest.json': manifest })],
      ['broken json', zipSync({ 'manifest.json': manifest, 'app.json': strToU8('{') })],
      ['invalid app', zipSync({ 'manifest.json': manifest, 'app.json': strToU8('{"id":"x"}') })],
      ['no manifest', zipSync({ 'app.json': strToU8('{}') })],
    ];
    for (const [name, raw] of cases) {
      const reply = await send(raw);
      expect(reply.status, name).toBe(400);
      expect(reply.body.message, name).toEqual(expect.any(String));
    }
    const json = await server.admin.post(`/api/workspaces/${ws}/apps/import`, { not: 'a zip' });
    expect(json.status).toBe(415);
  });
});
