// server.list: listing 20 of 10,000 documents filtered on an indexed field through the whole
// server (access token check, owner-only read rule compiled into the filter, validation, the
// store, JSON out), beside a bare Fastify + better-sqlite3 handler running the same query.
// The load generator (autocannon) runs in a child process so it does not share the event loop.
import { appUser, createApp } from '../test/app-data-helpers';
import { startTestServer } from '../test/harness';
import {
  bareBaseline,
  compareWithBaseline,
  documentAt,
  documents,
  type Load,
  type Target,
} from './list-load';

async function fullServer(): Promise<Target> {
  const server = await startTestServer();
  {
    const appId = await createApp(server);
    const user = await appUser(server, appId);
    await server.admin.put(`/api/apps/${appId}/db/rules/items`, { preset: 'owner-only' });
    const items = server.app.store.app(appId).collection('items');
    await items.createIndex({ category: 1 });
    await items.insertMany(Array.from({ length: documents }, (_, index) => documentAt(index, user.uid)));
    const load: Load = {
      url: `${server.url}/app-api/${appId}/db/items/query`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${user.session.accessToken}` },
      body: JSON.stringify({ filter: { category: 'c7' }, limit: 20 }),
    };
    const check = await user.post(`/app-api/${appId}/db/items/query`, JSON.parse(load.body));
    if (check.status !== 200 || check.body.data.length !== 20)
      throw new Error(`unexpected reply: ${check.status} ${check.text.slice(0, 200)}`);
    return { load, check: check.body.data, close: () => server.close() };
  }
}

const baseline = await bareBaseline();
const full = await fullServer();
try {
  if (full.check.length !== baseline.check.length) throw new Error('the two handlers answer differently');
  const figures = await compareWithBaseline(baseline.load, full.load);
  console.log(`bench: server.list.rps = ${Math.round(figures.rps)} req/s`);
  console.log(`bench: server.list.baseline.rps = ${Math.round(figures.baselineRps)} req/s`);
  console.log(`bench: server.list.ratio = ${figures.ratio.toFixed(2)}`);
} finally {
  await full.close();
  await baseline.close();
}
