import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type Json, startTestServer, type TestServer } from './harness';
import { publishAndWait, readPublishEvents, waitForPublish } from './publish-helpers';

/** The hosted index.html's <title> (the app's name, so it tells the versions apart). */
async function servedTitle(server: TestServer, appId: string): Promise<string | undefined> {
  const reply = await server.anonymous.get(`/sites/${appId}/`);
  if (reply.status !== 200) return `HTTP ${reply.status}`;
  return /<title>([^<]*)<\/title>/.exec(reply.text)?.[1];
}

async function saveDraft(client: Client, appId: string, change: (schema: Json) => void): Promise<void> {
  const current = await client.get(`/api/apps/${appId}`);
  change(current.body.schema);
  const saved = await client.put(`/api/apps/${appId}/draft`, current.body.schema, {
    headers: { 'if-match': `"${current.body.version}"` },
  });
  if (saved.status !== 200) throw new Error(`save: ${saved.status} ${saved.text}`);
}

describe('publish history: rollback, failures with pointers, roles and audit', () => {
  let server: TestServer;
  let viewer: Client;
  let appId: string;
  let first: Json;
  let second: Json;

  beforeAll(async () => {
    server = await startTestServer();
    viewer = await server.member(server.workspaceId, 'viewer');
    const created = await server.admin.post(`/api/workspaces/${server.workspaceId}/apps`, {
      name: 'Rollback v1',
      template: 'blank',
    });
    appId = created.body.id;
    first = await publishAndWait(server.admin, appId, ['web'], 'v1');
    await saveDraft(server.admin, appId, (schema) => {
      schema.name = 'Rollback v2';
    });
    second = await publishAndWait(server.admin, appId, ['web', 'mp'], 'v2');
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  it('serves the newest publish, and an earlier one again after activating it', async () => {
    expect(first).toMatchObject({ status: 'succeeded', appVersion: 1 });
    expect(second).toMatchObject({ status: 'succeeded', appVersion: 2, active: true });
    expect(await servedTitle(server, appId)).toBe('Rollback v2');
    const v2Tag = (await server.anonymous.get(`/sites/${appId}/`)).headers.get('etag');

    const rollback = await server.admin.post(`/api/apps/${appId}/publishes/${first.id}/activate`);
    expect(rollback.status).toBe(200);
    expect(rollback.body.publish).toMatchObject({ id: first.id, active: true });
    expect(await servedTitle(server, appId)).toBe('Rollback v1');
    // A cached copy of the newer index.html is not confirmed as current.
    const revalidated = await server.anonymous.get(`/sites/${appId}/`, {
      headers: { 'if-none-match': v2Tag as string },
    });
    expect(revalidated.status).toBe(200);

    const history = await server.admin.get(`/api/apps/${appId}/publishes`);
    expect(history.body.activePublishId).toBe(first.id);
    expect(history.body.publishes.map((p: Json) => [p.note, p.active])).toEqual([
      ['v2', false],
      ['v1', true],
    ]);
    const paged = await server.admin.get(`/api/apps/${appId}/publishes?limit=1`);
    expect(paged.body.publishes.map((p: Json) => p.id)).toEqual([second.id]);
    const next = await server.admin.get(
      `/api/apps/${appId}/publishes?limit=1&before=${paged.body.nextBefore}`,
    );
    expect(next.body.publishes.map((p: Json) => p.id)).toEqual([first.id]);
    expect(next.body.nextBefore).toBeNull();

    expect((await server.admin.post(`/api/apps/${appId}/publishes/${second.id}/activate`)).status).toBe(200);
    expect(await servedTitle(server, appId)).toBe('Rollback v2');
  });

  it('fails an invalid draft with the JSON pointer and the node, and keeps serving the last good build', async () => {
    // The draft route refuses invalid schemas, so the bad draft is written straight into the store.
    const record = await server.app.store.platform().collection('apps').findOne({ _id: appId });
    const schema = JSON.parse(record?.schemaJson as string);
    schema.pages[0].root.children[0].component = 'NoSuchWidget';
    await server.app.store
      .platform()
      .collection('apps')
      .updateOne({ _id: appId }, { $set: { schemaJson: JSON.stringify(schema) } });

    const failed = await publishAndWait(server.admin, appId, ['web', 'mp']);
    expect(failed.status).toBe('failed');
    expect(failed.result).toBeNull();
    expect(failed.steps.map((s: Json) => s.status)).toEqual([
      'failed',
      'pending',
      'pending',
      'skipped',
      'pending',
      'pending',
    ]);
    expect(failed.error.step).toBe('validate');
    expect(failed.error.message).toContain('/pages/0/root/children/0');
    const detail = failed.error.details.find((d: Json) => d.pointer.startsWith('/pages/0/root/children/0'));
    expect(detail).toMatchObject({ pageId: 'home', nodeId: 'home_welcome' });
    expect(detail.message).toMatch(/NoSuchWidget/);

    // Its event stream is one final event; it cannot be activated or downloaded.
    const events = await readPublishEvents(server.admin, appId, failed.id);
    expect(events).toEqual([failed]);
    expect((await server.admin.post(`/api/apps/${appId}/publishes/${failed.id}/activate`)).status).toBe(409);
    expect((await server.admin.get(`/api/apps/${appId}/publishes/${failed.id}/mp.zip`)).status).toBe(409);
    expect(await servedTitle(server, appId)).toBe('Rollback v2');

    // Put a valid draft back for the tests after this one.
    await server.app.store
      .platform()
      .collection('apps')
      .updateOne({ _id: appId }, { $set: { schemaJson: record?.schemaJson } });
  }, 60_000);

  it('lets a viewer read, follow and download but not publish or roll back', async () => {
    const publish = await viewer.post(`/api/apps/${appId}/publish`, { targets: ['web'] });
    expect(publish.status).toBe(403);
    expect(publish.body.message).toMatch(/developer role.*you are viewer/);
    const activate = await viewer.post(`/api/apps/${appId}/publishes/${first.id}/activate`);
    expect(activate.status).toBe(403);
    expect((await viewer.get(`/api/apps/${appId}/publishes`)).status).toBe(200);
    expect((await viewer.get(`/api/apps/${appId}/publishes/${second.id}`)).body.publish.id).toBe(second.id);
    expect((await readPublishEvents(viewer, appId, second.id)).at(-1).status).toBe('succeeded');
    const zip = await viewer.bytes(`/api/apps/${appId}/publishes/${second.id}/mp.zip`);
    expect(zip.status).toBe(200);
    expect(zip.bytes.byteLength).toBe(second.result.sizes.zips.mp);

    // Outsiders and anonymous callers learn nothing.
    const { owner: outsider } = await server.newWorkspace();
    expect((await outsider.get(`/api/apps/${appId}/publishes`)).status).toBe(404);
    expect((await outsider.post(`/api/apps/${appId}/publish`, { targets: ['web'] })).status).toBe(404);
    expect((await server.anonymous.get(`/api/apps/${appId}/publishes/${second.id}`)).status).toBe(401);
    expect((await server.anonymous.get(`/api/apps/${appId}/publishes/${second.id}/events`)).status).toBe(401);
  }, 60_000);

  it('records publishes, failures and activations in the audit log', async () => {
    const audit = await server.admin.get(`/api/workspaces/${server.workspaceId}/audit?action=app.publish.*`);
    expect(audit.status).toBe(200);
    const entries = audit.body.entries.map((e: Json) => [e.action, e.target.id]);
    const failed = (await server.admin.get(`/api/apps/${appId}/publishes`)).body.publishes[0];
    expect(entries).toEqual([
      ['app.publish.fail', failed.id],
      ['app.publish.activate', second.id],
      ['app.publish.activate', first.id],
      ['app.publish.succeed', second.id],
      ['app.publish.succeed', first.id],
    ]);
    expect(audit.body.entries[0].summary).toMatch(/failed: .*NoSuchWidget/);
    expect(audit.body.entries[0].actor.email).toBe(server.admin.account?.email);
  });

  it('answers random publish bodies with a 4xx (or a started publish), never a 500', async () => {
    const bodies = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record(
        {
          targets: fc.oneof(
            fc.array(fc.oneof(fc.constantFrom('web', 'mp', 'app'), fc.string()), { maxLength: 4 }),
            fc.jsonValue({ maxDepth: 2 }),
          ),
          note: fc.jsonValue({ maxDepth: 2 }),
          serverUrl: fc.oneof(fc.webUrl(), fc.string()),
        },
        { requiredKeys: [] },
      ),
    );
    const started: string[] = [];
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const reply = await server.admin.post(`/api/apps/${appId}/publish`, body);
        expect([202, 400, 409], reply.text).toContain(reply.status);
        if (reply.status === 202) started.push(reply.body.publish.id);
        else expect(reply.body.message).toEqual(expect.any(String));
      }),
      { numRuns: 30 },
    );
    for (const id of started)
      expect((await waitForPublish(server.admin, appId, id)).status).not.toBe('running');
    for (const id of ['not-an-id', '0123456789abcdef0123456g', '%00']) {
      const reply = await server.admin.post(`/api/apps/${appId}/publishes/${id}/activate`);
      expect([400, 404]).toContain(reply.status);
    }
  }, 90_000);

  it('fails a publish left running by a stopped server once its heartbeat is old', async () => {
    const publishes = server.app.store.platform().collection('publishes');
    const template = await publishes.findOne({ _id: first.id });
    const orphan = (updatedAt: string, _id: string) => ({
      ...template,
      _id,
      status: 'running',
      result: null,
      finishedAt: null,
      runner: 'a-server-that-stopped',
      updatedAt,
    });
    const old = new Date(Date.now() - 120_000).toISOString();
    await publishes.insertOne(orphan(old, '0fffffffffff000000000001'));
    const reported = await server.admin.get(`/api/apps/${appId}/publishes/0fffffffffff000000000001`);
    expect(reported.body.publish).toMatchObject({
      status: 'failed',
      error: { message: expect.stringMatching(/stopped/) },
    });
    // A fresh heartbeat from another process still counts as running and blocks a second publish.
    await publishes.insertOne(orphan(new Date().toISOString(), '0fffffffffff000000000002'));
    const blocked = await server.admin.post(`/api/apps/${appId}/publish`, { targets: ['web'] });
    expect(blocked.status).toBe(409);
    expect(blocked.body.publishId).toBe('0fffffffffff000000000002');
    await publishes.updateOne({ _id: '0fffffffffff000000000002' }, { $set: { updatedAt: old } });
    const started = await server.admin.post(`/api/apps/${appId}/publish`, { targets: ['web'] });
    expect(started.status).toBe(202);
    expect((await waitForPublish(server.admin, appId, started.body.publish.id)).status).toBe('succeeded');
  }, 60_000);

  it('stops serving a deleted app', async () => {
    expect((await server.admin.delete(`/api/apps/${appId}`)).status).toBe(200);
    // The live-app check is cached for a few seconds per process.
    await new Promise((resolve) => setTimeout(resolve, 5200));
    expect((await server.anonymous.get(`/sites/${appId}/`)).status).toBe(404);
    expect((await server.admin.post(`/api/apps/${appId}/publish`, { targets: ['web'] })).status).toBe(409);
  }, 15_000);
});
