import { rm } from 'node:fs/promises';
import { afterAll, expect, it } from 'vitest';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  type ChildServer,
  type Client,
  login,
  makeDataDir,
  spawnServer,
} from './harness';

const WRITERS = 4;
const ROUNDS = 2;

let dataDir: string;
const children: ChildServer[] = [];

afterAll(async () => {
  for (const child of children)
    if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** How many saves were acknowledged in the current round, across writers. */
const progress = { acked: 0 };

/** Saves one app over and over; returns the versions the server acknowledged, with their marker. */
async function writeUntilKilled(
  client: Client,
  appId: string,
  schema: Record<string, unknown>,
  from: number,
) {
  const acked = new Map<number, string>();
  let version = from;
  for (;;) {
    const marker = `${appId}@${version + 1}`;
    try {
      const reply = await client.put(
        `/api/apps/${appId}/draft`,
        { ...schema, description: marker },
        {
          headers: { 'if-match': `"${version}"` },
        },
      );
      if (reply.status !== 200) throw new Error(`unexpected ${reply.status}: ${reply.text}`);
      version = reply.body.version;
      acked.set(version, marker);
      progress.acked += 1;
    } catch (error) {
      if (/unexpected/.test(String(error))) throw error;
      return acked; // the connection died with the server
    }
  }
}

it('keeps every acknowledged write when the server is SIGKILLed at a random moment', async () => {
  dataDir = await makeDataDir();
  let server = await spawnServer(dataDir);
  children.push(server);
  let admin = await login(server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  const workspaceId = (await admin.get('/api/auth/me')).body.workspaces[0].id;
  const apps: { id: string; schema: Record<string, unknown> }[] = [];
  for (let i = 0; i < WRITERS; i++) {
    const created = await admin.post(`/api/workspaces/${workspaceId}/apps`, { name: `Crash ${i}` });
    apps.push({ id: created.body.id, schema: created.body.schema });
  }
  const lastAcked = new Map(apps.map((a) => [a.id, 1]));
  const allAcked = new Map<string, Map<number, string>>(apps.map((a) => [a.id, new Map()]));

  for (let round = 1; round <= ROUNDS; round++) {
    progress.acked = 0;
    const writers = apps.map((a) => writeUntilKilled(admin, a.id, a.schema, lastAcked.get(a.id)!));
    // Kill at a random moment once writing is under way (a loaded machine may be slow to start).
    while (progress.acked === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const delay = Math.floor(Math.random() * 1200);
    await new Promise((resolve) => setTimeout(resolve, delay));
    server.process.kill('SIGKILL');
    expect(await server.exited).toBe('SIGKILL');
    const results = await Promise.all(writers);
    let acknowledged = 0;
    results.forEach((acked, i) => {
      const appId = apps[i]!.id;
      for (const [version, marker] of acked) allAcked.get(appId)!.set(version, marker);
      acknowledged += acked.size;
      if (acked.size > 0) lastAcked.set(appId, Math.max(...acked.keys()));
    });

    server = await spawnServer(dataDir);
    children.push(server);
    admin = await login(server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    let found = 0;
    let extra = 0;
    for (const app of apps) {
      const current = await admin.get(`/api/apps/${app.id}`);
      expect(current.status).toBe(200);
      // A save in flight at the kill may have been committed without its answer arriving.
      expect(current.body.version).toBeGreaterThanOrEqual(lastAcked.get(app.id)!);
      extra += current.body.version - lastAcked.get(app.id)!;
      lastAcked.set(app.id, current.body.version);
      for (const [version, marker] of allAcked.get(app.id)!) {
        const saved = await admin.get(`/api/apps/${app.id}/versions/${version}`);
        expect(saved.status).toBe(200);
        expect(saved.body.schema.description).toBe(marker);
        found += 1;
      }
      const latest = await admin.get(`/api/apps/${app.id}/versions/${current.body.version}`);
      expect(latest.body.schema).toEqual(current.body.schema);
    }
    const total = [...allAcked.values()].reduce((n, m) => n + m.size, 0);
    console.log(
      `crash round ${round}: killed ${delay} ms after the first acknowledged save; ${acknowledged} saves acknowledged this round, ` +
        `${found}/${total} acknowledged saves found after restart, ${extra} unacknowledged but committed`,
    );
    expect(found).toBe(total);
    expect(acknowledged).toBeGreaterThan(0);
  }
  server.process.kill('SIGTERM');
  await server.exited;
}, 180_000);
