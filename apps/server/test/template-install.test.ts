// Creating an app from a template folder over real HTTP: content models and published entries,
// seed documents, rules, storage rules, sign-in settings and deployed functions all arrive; a
// broken template is a 422 naming its file and leaves no app and no data behind.
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appUser } from './app-data-helpers';
import { type Json, startTestServer, type TestServer } from './harness';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
let server: TestServer;
let templatesDir: string;

async function writeJson(file: string, value: unknown) {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(value, null, 2));
}

/** A small template in `<templatesDir>/<name>` built on the blank app. */
async function makeTemplate(name: string, change: (dir: string) => Promise<void> = async () => {}) {
  const dir = path.join(templatesDir, name);
  await cp(path.join(repoRoot, 'templates/blank'), dir, { recursive: true });
  await writeJson(path.join(dir, 'template.json'), {
    title: { 'zh-CN': '测试模板', en: 'Test template' },
    description: { 'zh-CN': '用于测试', en: 'For tests' },
    order: 1,
  });
  await writeJson(path.join(dir, 'cms/notice.json'), {
    name: 'notice',
    publicRead: true,
    fields: [
      { name: 'title', type: 'text', required: true },
      { name: 'views', type: 'number' },
    ],
  });
  await writeJson(path.join(dir, 'cms-entries/notice.json'), [
    { data: { title: 'Published one', views: 3 }, publish: true },
    { data: { title: 'Draft one' }, publish: false },
  ]);
  await writeJson(path.join(dir, 'seed/slots.json'), [{ _id: 'slot-1', remaining: 2 }, { remaining: 5 }]);
  await writeJson(path.join(dir, 'rules/slots.json'), { preset: 'public-read' });
  await writeJson(path.join(dir, 'rules/bookings.json'), {
    read: 'auth != null && doc._openid == auth.uid',
    create: 'false',
    update: 'false',
    delete: 'false',
  });
  await writeJson(path.join(dir, 'storage-rules.json'), {
    rules: [{ prefix: 'photos/', read: 'true', write: 'auth != null' }],
  });
  await writeJson(path.join(dir, 'auth.json'), { methods: { phone: false, wechat: false } });
  await writeJson(path.join(dir, 'functions/take/manifest.json'), { name: 'take' });
  await writeFile(
    path.join(dir, 'functions/take/index.ts'),
    `export async function main(event: { id: string }) {
  const r = await db.admin().collection('slots').updateMany({ _id: event.id, remaining: { $gt: 0 } }, { $inc: { remaining: -1 } });
  return { taken: r.matchedCount === 1 };
}
`,
  );
  await change(dir);
}

async function appCount(): Promise<number> {
  const list = await server.admin.get(`/api/workspaces/${server.workspaceId}/apps?deleted=include`);
  return list.body.total;
}

beforeAll(async () => {
  process.env.TESSERA_FUNCTION_WORKERS = '1';
  templatesDir = await mkdtemp(path.join(os.tmpdir(), 'tessera-templates-'));
  await cp(path.join(repoRoot, 'templates/blank'), path.join(templatesDir, 'blank'), { recursive: true });
  await makeTemplate('full');
  server = await startTestServer({ config: { templatesDir } });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await rm(templatesDir, { recursive: true, force: true });
});

describe('listing', () => {
  it('gives titles and descriptions in both locales, ordered', async () => {
    const reply = await server.admin.get('/api/templates');
    expect(reply.status).toBe(200);
    const [first, second] = reply.body.templates;
    expect(first).toEqual({
      name: 'full',
      title: { 'zh-CN': '测试模板', en: 'Test template' },
      description: { 'zh-CN': '用于测试', en: 'For tests' },
      order: 1,
    });
    expect(second.name).toBe('blank');
    expect(second.title).toEqual({ 'zh-CN': '空白应用', en: 'Blank app' });
  });
});

describe('installing', () => {
  let appId: string;
  beforeAll(async () => {
    const created = await server.admin.post(`/api/workspaces/${server.workspaceId}/apps`, {
      name: 'From full',
      template: 'full',
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body.template).toBe('full');
    appId = created.body.id;
  }, 30_000);

  it('creates the content models and publishes the entries marked so', async () => {
    const models = await server.admin.get(`/api/apps/${appId}/cms/models`);
    expect(models.body.data.map((m: Json) => m.name)).toEqual(['notice']);
    const drafts = await server.admin.get(`/api/apps/${appId}/cms/models/notice/entries`);
    expect(drafts.body.data.map((e: Json) => e.title).sort()).toEqual(['Draft one', 'Published one']);
    const published = await server.anonymous.get(`/app-api/${appId}/cms/notice`);
    expect(published.status, published.text).toBe(200);
    expect(published.body.data.map((e: Json) => e.title)).toEqual(['Published one']);
  });

  it('inserts the seed documents (keeping a given _id) and sets the rules', async () => {
    const docs = await server.admin.post(`/api/apps/${appId}/db/data/slots/query`, {});
    expect(docs.status, docs.text).toBe(200);
    const list = docs.body.data;
    expect(list.map((d: Json) => d.remaining).sort()).toEqual([2, 5]);
    expect(list.some((d: Json) => d._id === 'slot-1')).toBe(true);
    const slotRules = await server.admin.get(`/api/apps/${appId}/db/rules/slots`);
    expect(slotRules.body.preset).toBe('public-read');
    const bookingRules = await server.admin.get(`/api/apps/${appId}/db/rules/bookings`);
    expect(bookingRules.body.create).toBe('false');
    const storage = await server.admin.get(`/api/apps/${appId}/storage/rules`);
    expect(storage.body.rules).toEqual([{ prefix: 'photos/', read: 'true', write: 'auth != null' }]);
    const auth = await server.admin.get(`/api/apps/${appId}/auth/settings`);
    expect(auth.body.methods).toMatchObject({ phone: false, wechat: false, password: true });
  });

  it('deploys the functions so that app users can call them', async () => {
    const fns = await server.admin.get(`/api/apps/${appId}/functions`);
    expect(fns.body.functions.map((f: Json) => [f.name, f.activeVersion])).toEqual([['take', 1]]);
    const user = await appUser(server, appId);
    const call = () => user.post(`/app-api/${appId}/functions/take`, { data: { id: 'slot-1' } });
    const results = [await call(), await call(), await call()];
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(results.map((r) => r.body.result.taken)).toEqual([true, true, false]);
  }, 30_000);
});

describe('a broken template', () => {
  const broken: [string, (dir: string) => Promise<void>, string][] = [
    ['bad-json', (dir) => writeFile(path.join(dir, 'seed/slots.json'), '[{'), 'seed/slots.json'],
    [
      'bad-entry',
      (dir) => writeJson(path.join(dir, 'cms-entries/notice.json'), [{ data: { views: 'many' } }]),
      'cms-entries/notice.json',
    ],
    [
      'bad-rule',
      (dir) =>
        writeJson(path.join(dir, 'rules/slots.json'), {
          read: 'auth ==',
          create: 'x',
          update: 'x',
          delete: 'x',
        }),
      'rules/slots.json',
    ],
    [
      'bad-function',
      (dir) => writeFile(path.join(dir, 'functions/take/index.ts'), 'export async function main( {'),
      'functions/take/',
    ],
  ];

  for (const [name, breakIt, file] of broken)
    it(`${name}: 422 naming ${file}, and nothing is left behind`, async () => {
      await makeTemplate(name, breakIt);
      const before = await appCount();
      const reply = await server.admin.post(`/api/workspaces/${server.workspaceId}/apps`, {
        name: 'Broken',
        template: name,
      });
      expect(reply.status, reply.text).toBe(422);
      expect(reply.body.message ?? reply.body.error).toContain(
        `Template "${name}" cannot be installed: ${file}`,
      );
      expect(await appCount()).toBe(before);
      // No function records were left for an app that does not exist.
      const orphans = await server.app.store
        .platform()
        .collection('functions')
        .countDocuments({ appId: { $nin: await appIds() } });
      expect(orphans).toBe(0);
    }, 30_000);
});

async function appIds(): Promise<string[]> {
  const list = await server.admin.get(`/api/workspaces/${server.workspaceId}/apps?deleted=include&limit=200`);
  return list.body.apps.map((a: Json) => a.id);
}
