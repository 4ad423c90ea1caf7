import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppUserClient, appUser, createApp, signedOut } from './app-data-helpers';
import { type Json, startTestServer, type TestServer } from './harness';

let server: TestServer;
let appId: string;
let alice: AppUserClient;
let bob: AppUserClient;
let admin: AppUserClient;
let anonymous: AppUserClient;
let outsider: AppUserClient;

beforeAll(async () => {
  server = await startTestServer();
  appId = await createApp(server);
  alice = await appUser(server, appId);
  bob = await appUser(server, appId);
  admin = await appUser(server, appId, ['admin']);
  const anon = await server.anonymous.post(`/app-api/${appId}/auth/anonymous`);
  anonymous = new AppUserClient(server.url, appId, anon.body);
  outsider = signedOut(server, appId);
});
afterAll(async () => {
  await server?.close();
});

const builderData = (collection: string, rest = '') => `/api/apps/${appId}/db/data/${collection}${rest}`;

async function setRules(collection: string, rules: Json) {
  return server.admin.put(`/api/apps/${appId}/db/rules/${collection}`, rules);
}

/** A document owned by alice, written by the builder so that no rule is involved. */
async function aliceDoc(collection: string, fields: Json = {}): Promise<string> {
  const reply = await server.admin.post(builderData(collection, '/docs'), {
    data: { _openid: alice.uid, ...fields },
  });
  expect(reply.status, reply.text).toBe(200);
  return reply.body.id;
}

describe('rule presets hold for every operation', () => {
  type Actor = 'signedOut' | 'alice' | 'bob' | 'admin' | 'anonymous';
  const actors = (): Record<Actor, AppUserClient> => ({ signedOut: outsider, alice, bob, admin, anonymous });
  // Who may read alice's document, create, and update/delete alice's document.
  const table: Record<string, { read: Actor[]; create: Actor[]; write: Actor[] }> = {
    'public-read': {
      read: ['signedOut', 'alice', 'bob', 'admin', 'anonymous'],
      create: ['alice', 'bob', 'admin', 'anonymous'],
      write: ['alice'],
    },
    'owner-only': { read: ['alice'], create: ['alice', 'bob', 'admin', 'anonymous'], write: ['alice'] },
    'signed-in-read': {
      read: ['alice', 'bob', 'admin', 'anonymous'],
      create: ['alice', 'bob', 'admin', 'anonymous'],
      write: ['alice'],
    },
    'admin-only': { read: ['admin'], create: ['admin'], write: ['admin'] },
  };

  for (const [preset, allowed] of Object.entries(table)) {
    it(preset, async () => {
      const collection = `p_${preset.replace(/-/g, '_')}`;
      expect((await setRules(collection, { preset })).status).toBe(200);
      for (const [name, client] of Object.entries(actors()) as [Actor, AppUserClient][]) {
        const label = `${preset} / ${name}`;
        const canRead = allowed.read.includes(name);
        const canWrite = allowed.write.includes(name);
        const id = await aliceDoc(collection, { label });

        const listed = await client.post(client.db(collection, '/query'), { filter: { label } });
        expect(listed.status, label).toBe(200);
        expect(listed.body.data.length, `${label}: query`).toBe(canRead ? 1 : 0);
        const counted = await client.post(client.db(collection, '/count'), { filter: { label } });
        expect(counted.body.total, `${label}: count`).toBe(canRead ? 1 : 0);
        const got = await client.get(client.db(collection, `/docs/${id}`));
        expect(got.status, `${label}: get`).toBe(canRead ? 200 : 404);

        const added = await client.post(client.db(collection, '/docs'), { data: { label: `${label} new` } });
        expect(added.status, `${label}: add`).toBe(allowed.create.includes(name) ? 200 : 403);
        if (added.status === 200) {
          const stored = await server.admin.get(builderData(collection, `/docs/${added.body.id}`));
          expect(stored.body.data._openid, `${label}: owner stamped`).toBe(client.uid);
        }

        const writeStatus = canWrite ? 200 : canRead ? 403 : 404;
        const patched = await client.patch(client.db(collection, `/docs/${id}`), {
          update: { $set: { touched: name } },
        });
        expect(patched.status, `${label}: update by id`).toBe(writeStatus);
        const byFilter = await client.post(client.db(collection, '/update'), {
          filter: { label },
          update: { $inc: { hits: 1 } },
        });
        expect(byFilter.status, `${label}: update by filter`).toBe(canWrite ? 200 : canRead ? 403 : 200);
        expect(byFilter.body.updated ?? 0, `${label}: update by filter count`).toBe(canWrite ? 1 : 0);
        const stored = await server.admin.get(builderData(collection, `/docs/${id}`));
        expect(stored.body.data.touched, `${label}: change applied only when allowed`).toBe(
          canWrite ? name : undefined,
        );
        expect(stored.body.data.hits, `${label}: filter update applied only when allowed`).toBe(
          canWrite ? 1 : undefined,
        );

        const replaced = await client.put(client.db(collection, `/docs/${id}`), {
          data: { label, replaced: true },
        });
        expect(replaced.status, `${label}: set`).toBe(canWrite ? 200 : 403);
        const after = (await server.admin.get(builderData(collection, `/docs/${id}`))).body.data;
        expect(after.replaced, `${label}: set applied only when allowed`).toBe(canWrite ? true : undefined);
        expect(after._openid, `${label}: owner kept`).toBe(alice.uid);

        const removedByFilter = await client.post(client.db(collection, '/remove'), {
          filter: { label, _id: id },
        });
        expect(removedByFilter.status, `${label}: remove by filter`).toBe(
          canWrite ? 200 : canRead ? 403 : 200,
        );
        if (!canWrite) {
          const removed = await client.delete(client.db(collection, `/docs/${id}`));
          expect(removed.status, `${label}: remove by id`).toBe(writeStatus);
          expect(
            (await server.admin.get(builderData(collection, `/docs/${id}`))).status,
            `${label}: still there`,
          ).toBe(200);
        } else {
          expect(removedByFilter.body.deleted).toBe(1);
          const again = await client.delete(client.db(collection, `/docs/${id}`));
          expect(again.status, `${label}: remove twice`).toBe(404);
        }
      }
    });
  }

  it('a collection without rules is owner-only', async () => {
    const id = await aliceDoc('unconfigured', { x: 1 });
    expect((await alice.get(alice.db('unconfigured', `/docs/${id}`))).status).toBe(200);
    expect((await bob.get(bob.db('unconfigured', `/docs/${id}`))).status).toBe(404);
    const rules = await server.admin.get(`/api/apps/${appId}/db/rules/unconfigured`);
    expect(rules.body.preset).toBe('owner-only');
  });
});

describe('custom rules', () => {
  it('paginated reads of a rule-filtered collection have full pages and no gaps', async () => {
    const saved = await setRules('posts', {
      read: 'doc.public == true || (auth != null && doc._openid == auth.uid)',
      create: 'auth != null',
      update: 'auth != null && doc._openid == auth.uid',
      delete: 'auth != null && doc._openid == auth.uid',
    });
    expect(saved.status, saved.text).toBe(200);
    for (let n = 0; n < 30; n++)
      expect(
        (await alice.post(alice.db('posts', '/docs'), { data: { n, public: n % 3 === 0 } })).status,
      ).toBe(200);
    for (let n = 100; n < 115; n++)
      expect((await bob.post(bob.db('posts', '/docs'), { data: { n, public: false } })).status).toBe(200);

    const expected = [
      ...Array.from({ length: 10 }, (_, i) => i * 3),
      ...Array.from({ length: 15 }, (_, i) => 100 + i),
    ];
    const seen: number[] = [];
    const pageSizes: number[] = [];
    for (let skip = 0; ; skip += 7) {
      const page = await bob.post(bob.db('posts', '/query'), { sort: { n: 1 }, skip, limit: 7 });
      expect(page.status).toBe(200);
      pageSizes.push(page.body.data.length);
      seen.push(...page.body.data.map((doc: Json) => doc.n));
      if (page.body.data.length < 7) break;
    }
    expect(pageSizes).toEqual([7, 7, 7, 4]);
    expect(seen).toEqual(expected);
    expect((await bob.post(bob.db('posts', '/count'), {})).body.total).toBe(25);
    // The client's own filter narrows further, still within the rule.
    const filtered = await bob.post(bob.db('posts', '/query'), {
      filter: { n: { $lt: 50 } },
      sort: { n: -1 },
      limit: 3,
    });
    expect(filtered.body.data.map((doc: Json) => doc.n)).toEqual([27, 24, 21]);
    const signedOutPage = await outsider.post(outsider.db('posts', '/query'), {
      sort: { n: 1 },
      skip: 5,
      limit: 5,
    });
    expect(signedOutPage.body.data.map((doc: Json) => doc.n)).toEqual([15, 18, 21, 24, 27]);
  });

  it('request.data and role checks in write rules', async () => {
    const saved = await setRules('reviews', {
      read: 'true',
      create: 'auth != null && request.data.stars >= 1 && request.data.stars <= 5',
      update: "auth != null && (doc._openid == auth.uid || auth.roles.includes('admin'))",
      delete: "auth != null && auth.roles.includes('admin')",
    });
    expect(saved.status, saved.text).toBe(200);
    expect((await alice.post(alice.db('reviews', '/docs'), { data: { stars: 9 } })).status).toBe(403);
    const ok = await alice.post(alice.db('reviews', '/docs'), { data: { stars: 4 } });
    expect(ok.status).toBe(200);
    expect(
      (await bob.patch(bob.db('reviews', `/docs/${ok.body.id}`), { update: { $set: { stars: 1 } } })).status,
    ).toBe(403);
    expect(
      (await admin.patch(admin.db('reviews', `/docs/${ok.body.id}`), { update: { $set: { stars: 5 } } }))
        .status,
    ).toBe(200);
    expect((await alice.delete(alice.db('reviews', `/docs/${ok.body.id}`))).status).toBe(403);
    expect((await admin.delete(admin.db('reviews', `/docs/${ok.body.id}`))).status).toBe(200);
  });

  it('an update by filter that the rule refuses for one document changes none', async () => {
    await setRules('tasks', { preset: 'public-read' });
    const mine = await alice.post(alice.db('tasks', '/docs'), { data: { group: 'g', done: false } });
    await bob.post(bob.db('tasks', '/docs'), { data: { group: 'g', done: false } });
    const refused = await alice.post(alice.db('tasks', '/update'), {
      filter: { group: 'g' },
      update: { $set: { done: true } },
    });
    expect(refused.status).toBe(403);
    const all = await alice.post(alice.db('tasks', '/query'), { filter: { group: 'g' } });
    expect(all.body.data.every((doc: Json) => doc.done === false)).toBe(true);
    const own = await alice.post(alice.db('tasks', '/update'), {
      filter: { group: 'g', _openid: alice.uid },
      update: { $set: { done: true } },
    });
    expect(own.body.updated).toBe(1);
    expect((await alice.get(alice.db('tasks', `/docs/${mine.body.id}`))).body.data.done).toBe(true);
  });

  it('clients cannot set or change _id and _openid', async () => {
    await setRules('owned', { preset: 'public-read' });
    const added = await bob.post(bob.db('owned', '/docs'), { data: { _openid: alice.uid, v: 1 } });
    expect((await bob.get(bob.db('owned', `/docs/${added.body.id}`))).body.data._openid).toBe(bob.uid);
    const steal = await bob.patch(bob.db('owned', `/docs/${added.body.id}`), {
      update: { $set: { _openid: alice.uid } },
    });
    expect(steal.status).toBe(400);
    expect(steal.body.details[0].pointer).toBe(`/update/$set/_openid`);
    const chosen = await bob.post(bob.db('owned', '/docs'), { data: { _id: 'my-own-id', v: 2 } });
    expect(chosen.body.id).toBe('my-own-id');
    expect((await bob.post(bob.db('owned', '/docs'), { data: { _id: 'my-own-id' } })).status).toBe(409);
  });

  it('stamps server dates', async () => {
    await setRules('dated', { preset: 'owner-only' });
    const before = Date.now();
    const added = await alice.post(alice.db('dated', '/docs'), {
      data: { at: { $serverDate: {} }, given: { $date: '2020-01-01T00:00:00.000Z' } },
    });
    const doc = (await alice.get(alice.db('dated', `/docs/${added.body.id}`))).body.data;
    expect(Date.parse(doc.at)).toBeGreaterThanOrEqual(before - 1000);
    expect(doc.given).toBe('2020-01-01T00:00:00.000Z');
    const later = await alice.post(alice.db('dated', '/query'), {
      filter: { given: { $lt: { $date: '2021-01-01T00:00:00.000Z' } } },
    });
    expect(later.body.data).toHaveLength(1);
  });
});

describe('rules that cannot be used are refused when saved', () => {
  it.each([
    ['doc.a == doc.b', /compare one document field/],
    ['doc.published', /doc.published == true/],
    ['doc.owner = auth.uid', /read/],
    ['request.data.x == 1', /read rule/],
    ['doc.title.length > 3', /length/],
  ])('read rule %s', async (read, message) => {
    const reply = await setRules('refused', { read, create: 'true', update: 'true', delete: 'true' });
    expect(reply.status).toBe(400);
    expect(reply.body.message).toMatch(message);
    expect(reply.body.details[0].pointer).toBe('/read');
  });

  it('write rule syntax errors, missing rules and preset mixed with rules', async () => {
    const bad = await setRules('refused', {
      read: 'true',
      create: 'auth !=',
      update: 'true',
      delete: 'true',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].pointer).toBe('/create');
    expect((await setRules('refused', { read: 'true' })).status).toBe(400);
    expect((await setRules('refused', { preset: 'owner-only', read: 'true' })).status).toBe(400);
    expect((await setRules('refused', { preset: 'nobody' })).status).toBe(400);
    expect((await setRules('_users', { preset: 'public-read' })).status).toBe(400);
    expect((await server.admin.get(`/api/apps/${appId}/db/rules/refused`)).body.preset).toBe('owner-only');
  });
});

describe('filters and bodies are validated', () => {
  it.each([
    [{ $where: 'sleep(1000)' }, /\$where is not allowed/],
    [{ a: { $function: { body: 'x' } } }, /\$function is not allowed/],
    [{ $expr: { $eq: ['$a', 1] } }, /\$expr is not allowed/],
    [{ a: { $accumulator: {} } }, /\$accumulator is not allowed/],
    [{ a: { b: { $gt: 1 } } }, /not allowed inside a value/],
    [{ $and: [] }, /non-empty array/],
    [{ a: { $gt: 1, b: 2 } }, /cannot mix operators/],
    [{ 'a..b': 1 }, /not a valid field path/],
    [{ a: { $regex: '(a+)+$' } }, /nested quantifiers/],
    [{ a: { $in: 'x' } }, /takes an array/],
  ])('filter %j', async (filter, message) => {
    const reply = await alice.post(alice.db('posts', '/query'), { filter });
    expect(reply.status, reply.text).toBe(400);
    expect(reply.body.message).toMatch(message);
    expect(reply.body.details[0].pointer).toMatch(/^\/filter/);
  });

  it('deeply nested filters and bad sort/projection/update', async () => {
    let deep: Json = { x: 1 };
    for (let i = 0; i < 20; i++) deep = { $and: [deep] };
    expect((await alice.post(alice.db('posts', '/query'), { filter: deep })).body.message).toMatch(
      /nested too deeply/,
    );
    expect((await alice.post(alice.db('posts', '/query'), { sort: { n: 2 } })).status).toBe(400);
    expect((await alice.post(alice.db('posts', '/query'), { projection: { n: 1, public: 0 } })).status).toBe(
      400,
    );
    expect((await alice.post(alice.db('posts', '/query'), { limit: 5000 })).status).toBe(400);
    const doc = await alice.post(alice.db('posts', '/docs'), { data: { n: 1000 } });
    for (const update of [
      {},
      { n: 1 },
      { $rename: { n: 'm' } },
      { $inc: { n: 'x' } },
      { $set: { $bad: 1 } },
    ]) {
      const reply = await alice.patch(alice.db('posts', `/docs/${doc.body.id}`), { update });
      expect(reply.status, JSON.stringify(update)).toBe(400);
    }
    // An update the data cannot take is the client's fault too.
    await alice.patch(alice.db('posts', `/docs/${doc.body.id}`), { update: { $set: { text: 'abc' } } });
    const typeClash = await alice.patch(alice.db('posts', `/docs/${doc.body.id}`), {
      update: { $inc: { text: 1 } },
    });
    expect(typeClash.status, typeClash.text).toBe(400);
  });

  it('malformed bodies and names get 400 with a message, never 500', async () => {
    const raw = (method: string, path: string, body: string) =>
      alice.request(method, path, { raw: body, headers: { 'content-type': 'application/json' } });
    for (const [method, path, body] of [
      ['POST', alice.db('posts', '/query'), '{"filter": '],
      ['POST', alice.db('posts', '/query'), '[]'],
      ['POST', alice.db('posts', '/query'), '{"filter": [1]}'],
      ['POST', alice.db('posts', '/query'), '{"unknown": 1}'],
      ['POST', alice.db('posts', '/docs'), '{"data": "text"}'],
      ['POST', alice.db('posts', '/docs'), '{}'],
      ['PATCH', alice.db('posts', '/docs/abc'), '{"update": 5}'],
      ['POST', alice.db('posts', '/update'), '{"update": {"$set": {"a": 1}}}'],
      ['POST', alice.db('_users', '/query'), '{}'],
      ['POST', alice.db('bad name!', '/query'), '{}'],
      ['GET', alice.db('posts', '/docs/bad$id'), ''],
    ] as const) {
      const reply = method === 'GET' ? await alice.get(path) : await raw(method, path, body);
      expect(reply.status, `${method} ${path} ${body}: ${reply.text}`).toBe(400);
      expect(typeof reply.body.message).toBe('string');
    }
  });

  it('unknown apps are 404 and bad tokens 401', async () => {
    const other = signedOut(server, 'ffffffffffffffffffffffff');
    expect((await other.post(other.db('posts', '/query'), {})).status).toBe(404);
    expect((await alice.post(`/app-api/not-an-id/db/posts/query`, {})).status).toBe(404);
    const forged = await alice.post(
      alice.db('posts', '/query'),
      {},
      { headers: { authorization: 'Bearer abc.def.ghi' } },
    );
    expect(forged.status).toBe(401);
  });
});

describe('builder routes', () => {
  it('read and write data bypassing rules, and are audited', async () => {
    const id = await aliceDoc('notes', { title: 'secret' });
    const list = await server.admin.post(builderData('notes', '/query'), { filter: { title: 'secret' } });
    expect(list.body.data.map((doc: Json) => doc._id)).toContain(id);
    expect((await server.admin.post(builderData('notes', '/count'), {})).body.total).toBeGreaterThan(0);
    expect(
      (
        await server.admin.patch(builderData('notes', `/docs/${id}`), {
          update: { $set: { title: 'edited' } },
        })
      ).body.updated,
    ).toBe(1);
    expect(
      (await server.admin.put(builderData('notes', `/docs/${id}`), { data: { title: 'replaced' } })).body
        .created,
    ).toBe(false);
    expect(
      (
        await server.admin.post(builderData('notes', '/update'), {
          filter: { title: 'replaced' },
          update: { $set: { n: 1 } },
        })
      ).body.updated,
    ).toBe(1);
    expect((await server.admin.delete(builderData('notes', `/docs/${id}`))).body.deleted).toBe(1);
    expect(
      (await server.admin.post(builderData('notes', '/remove'), { filter: { title: 'none' } })).body.deleted,
    ).toBe(0);
    const collections = await server.admin.get(`/api/apps/${appId}/db/collections`);
    expect(collections.body.collections).toContain('notes');
    expect(collections.body.collections.some((name: string) => name.startsWith('_'))).toBe(false);
    const rules = await server.admin.get(`/api/apps/${appId}/db/rules`);
    expect(rules.body.rules.map((rule: Json) => rule.collection)).toContain('posts');
    expect(Object.keys(rules.body.presets)).toEqual([
      'public-read',
      'owner-only',
      'signed-in-read',
      'admin-only',
    ]);
    const audit = await server.admin.get(`/api/workspaces/${server.workspaceId}/audit?limit=200`);
    const actions = audit.body.entries.map((entry: Json) => entry.action);
    expect(actions).toContain('rules.update');
    expect(actions).toContain('app.data.update');
    expect(actions).toContain('app.data.remove');
  });

  it('resetting rules goes back to owner-only', async () => {
    await setRules('resettable', { preset: 'public-read' });
    expect((await server.admin.delete(`/api/apps/${appId}/db/rules/resettable`)).body.reset).toBe(true);
    expect((await server.admin.get(`/api/apps/${appId}/db/rules/resettable`)).body.preset).toBe('owner-only');
  });

  it('appDatabase() needs an explicit caller and applies rules unless bypassing', async () => {
    const id = await aliceDoc('fn', { v: 1 });
    const asBob = server.app.appDatabase(appId, { as: { uid: bob.uid, appId, roles: [], anonymous: false } });
    expect(await asBob.collection('fn').query({})).toEqual([]);
    await expect(asBob.collection('fn').get(id)).rejects.toMatchObject({ statusCode: 404 });
    const bypass = server.app.appDatabase(appId, { as: 'bypass' });
    expect((await bypass.collection('fn').get(id)).v).toBe(1);
    expect(() => server.app.appDatabase(appId, {} as never)).toThrow(/needs \{ as/);
  });
});
