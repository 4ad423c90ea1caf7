import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness';
import { publishAndWait } from './publish-helpers';

// Each successful publish removes the files of the app's older ones beyond TESSERA_PUBLISH_KEEP
// (here 2), except the publish being served; their history stays and says "publish again".
describe('old publishes give their disk space back', () => {
  let server: TestServer;
  let appId: string;
  const ids: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ config: { publishKeep: 2 } });
    const created = await server.admin.post(`/api/workspaces/${server.workspaceId}/apps`, {
      name: 'Retention',
      template: 'blank',
    });
    expect(created.status).toBe(201);
    appId = created.body.id;
    for (const note of ['v1', 'v2'])
      ids.push((await publishAndWait(server.admin, appId, ['web', 'mp'], note)).id);
    // v1 is served again (a rollback), then two more publishes: v1 stays because it is served.
    expect((await server.admin.post(`/api/apps/${appId}/publishes/${ids[0]}/activate`)).status).toBe(200);
    // Without the web target (which used to be the only step creating the publish's folder).
    for (const note of ['v3', 'v4']) {
      const publish = await publishAndWait(server.admin, appId, ['mp'], note);
      expect(publish.status, JSON.stringify(publish.error)).toBe('succeeded');
      ids.push(publish.id);
    }
  }, 240_000);
  afterAll(() => server?.close());

  it('keeps the newest two and the served one; the others answer 410 and stay in the history', async () => {
    const zip = (id: string) => server.admin.get(`/api/apps/${appId}/publishes/${id}/mp.zip`);
    expect((await zip(ids[3] as string)).status).toBe(200);
    expect((await zip(ids[2] as string)).status).toBe(200);
    expect((await zip(ids[0] as string)).status).toBe(200); // served, so kept
    const gone = await zip(ids[1] as string);
    expect(gone.status).toBe(410);
    expect(gone.body.message).toMatch(/gone from the server/);
    const rollback = await server.admin.post(`/api/apps/${appId}/publishes/${ids[1]}/activate`);
    expect(rollback.status).toBe(410);
    expect(rollback.body.message).toMatch(/publish again/);

    const history = await server.admin.get(`/api/apps/${appId}/publishes`);
    expect(history.body.publishes.map((p: { id: string }) => p.id)).toEqual([...ids].reverse());
    const site = await fetch(`${server.url}/sites/${appId}/`);
    expect(site.status).toBe(200);
    expect(await site.text()).toContain('<html');
  });
});
