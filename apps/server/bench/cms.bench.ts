// cms.list: the public CMS API listing 20 of 10,000 published entries with one populated reference
// (model lookup, filter checks, the published collection, population, JSON out), beside the bare
// Fastify + better-sqlite3 baseline of server.bench.ts measured in the same run.
import { createApp } from '../test/app-data-helpers';
import { startTestServer } from '../test/harness';
import { bareBaseline, categories, compareWithBaseline, documents, type Load } from './list-load';

const authors = 50;

async function cmsServer() {
  const server = await startTestServer();
  const appId = await createApp(server);
  const api = `/api/apps/${appId}/cms/models`;
  await server.admin.post(api, {
    name: 'person',
    publicRead: true,
    fields: [{ name: 'name', type: 'text' }],
  });
  const created = await server.admin.post(api, {
    name: 'article',
    publicRead: true,
    fields: [
      { name: 'title', type: 'text' },
      { name: 'category', type: 'text' },
      { name: 'price', type: 'number' },
      { name: 'author', type: 'reference', model: 'person' },
    ],
  });
  if (created.status !== 201) throw new Error(`model: ${created.text}`);
  // Seeded straight into the collections the publish route writes (going through HTTP 10,000 times adds minutes, not realism).
  const db = server.app.store.app(appId);
  const now = new Date().toISOString();
  const people = Array.from({ length: authors }, (_, i) => ({
    _id: i.toString(16).padStart(24, 'a'),
    name: `Author ${i}`,
    _version: 1,
    _createdAt: now,
    _updatedAt: now,
    _publishedAt: now,
  }));
  await db.collection('_cms_p_person').insertMany(people);
  const entries = Array.from({ length: documents }, (_, i) => ({
    _id: i.toString(16).padStart(24, '0'),
    title: `Item ${i}`,
    category: `c${i % categories}`,
    price: (i * 37) % 1000,
    author: people[i % authors]!._id,
    _version: 1,
    _createdAt: now,
    _updatedAt: now,
    _publishedAt: now,
  }));
  await db.collection('_cms_p_article').insertMany(entries);
  await db.collection('_cms_p_article').createIndex({ category: 1 });
  const load: Load = {
    url: `${server.url}/app-api/${appId}/cms/article/query`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ filter: { category: 'c7' }, limit: 20, populate: ['author'] }),
  };
  const check = await server.anonymous.post(`/app-api/${appId}/cms/article/query`, JSON.parse(load.body));
  if (
    check.status !== 200 ||
    check.body.data.length !== 20 ||
    typeof check.body.data[0].author?.name !== 'string'
  )
    throw new Error(`unexpected reply: ${check.status} ${check.text.slice(0, 300)}`);
  return { load, close: () => server.close() };
}

const baseline = await bareBaseline();
const cms = await cmsServer();
try {
  const figures = await compareWithBaseline(baseline.load, cms.load);
  console.log(`bench: cms.list.rps = ${Math.round(figures.rps)} req/s`);
  console.log(`bench: server.list.baseline.rps = ${Math.round(figures.baselineRps)} req/s`);
  console.log(`bench: cms.list.ratio = ${figures.ratio.toFixed(2)}`);
} finally {
  await cms.close();
  await baseline.close();
}
