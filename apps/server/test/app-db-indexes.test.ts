// Builders manage a collection's indexes over HTTP, against the real embedded store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app-data-helpers';
import { startTestServer, type TestServer } from './harness';

let server: TestServer;
let appId: string;
beforeAll(async () => {
  server = await startTestServer();
  appId = await createApp(server);
});
afterAll(async () => server?.close());

const indexes = (collection: string) => `/api/apps/${appId}/db/indexes/${collection}`;
const add = (collection: string, data: Record<string, unknown>) =>
  server.admin.post(`/api/apps/${appId}/db/data/${collection}/docs`, { data });
const ID_INDEX = { name: '_id_', fields: [{ field: '_id', order: 'asc' }], unique: true, builtIn: true };

describe('collection indexes (/api/apps/:appId/db/indexes/:collection)', () => {
  it('lists _id_ for a collection with no documents yet, creates and drops indexes, and audits both', async () => {
    expect((await server.admin.get(indexes('bookings'))).body).toEqual({ indexes: [ID_INDEX] });
    await add('bookings', { day: '2026-12-01', slot: 9, hall: 'north' });

    const created = await server.admin.post(indexes('bookings'), {
      fields: [
        { field: 'day', order: 'asc' },
        { field: 'slot', order: 'desc' },
      ],
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toEqual({
      name: 'day_1_slot_-1',
      fields: [
        { field: 'day', order: 'asc' },
        { field: 'slot', order: 'desc' },
      ],
      unique: false,
      builtIn: false,
    });
    const named = await server.admin.post(indexes('bookings'), {
      fields: [{ field: 'hall', order: 'asc' }],
      name: 'by-hall',
    });
    expect(named.status, named.text).toBe(201);
    const listed = (await server.admin.get(indexes('bookings'))).body.indexes;
    expect(listed.map((index: { name: string }) => index.name)).toEqual(['_id_', 'day_1_slot_-1', 'by-hall']);

    const dropped = await server.admin.delete(`${indexes('bookings')}/by-hall`);
    expect(dropped.status, dropped.text).toBe(200);
    expect((await server.admin.get(indexes('bookings'))).body.indexes).toHaveLength(2);
    // the documents are untouched, and queries on the dropped index's field still answer
    const found = await server.admin.post(`/api/apps/${appId}/db/data/bookings/query`, {
      filter: { hall: 'north' },
    });
    expect(found.body.data).toHaveLength(1);

    const audit = await server.admin.get(
      `/api/workspaces/${server.workspaceId}/audit?action=app.data.index.*`,
    );
    expect(audit.body.entries.map((entry: { summary: string }) => entry.summary)).toEqual([
      'Dropped the index "by-hall" of "bookings"',
      'Created the index "by-hall" on "bookings" (hall ↑)',
      'Created the index "day_1_slot_-1" on "bookings" (day ↑, slot ↓)',
    ]);
  });

  it('a unique index is refused while documents share a value, and then keeps the value unique', async () => {
    await add('cases', { caseNo: 'A-1' });
    await add('cases', { caseNo: 'A-1' });
    const refused = await server.admin.post(indexes('cases'), {
      fields: [{ field: 'caseNo', order: 'asc' }],
      unique: true,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/^Cannot make a unique index: some documents share the same caseNo/);
    expect(refused.body.message).toContain('"A-1"');
    expect((await server.admin.get(indexes('cases'))).body.indexes).toEqual([ID_INDEX]);

    const query = await server.admin.post(`/api/apps/${appId}/db/data/cases/query`, {});
    const [first] = query.body.data as { _id: string }[];
    await server.admin.patch(`/api/apps/${appId}/db/data/cases/docs/${first!._id}`, {
      update: { $set: { caseNo: 'A-2' } },
    });
    const unique = await server.admin.post(indexes('cases'), {
      fields: [{ field: 'caseNo', order: 'asc' }],
      unique: true,
    });
    expect(unique.status, unique.text).toBe(201);
    expect(unique.body.unique).toBe(true);
    const again = await add('cases', { caseNo: 'A-2' });
    expect(again.status).toBe(409);
    expect((await server.admin.post(`/api/apps/${appId}/db/data/cases/count`, {})).body.total).toBe(2);
  });

  it('says what is wrong with a request, with its pointer', async () => {
    const refusal = async (body: unknown, collection = 'notes') => {
      const reply = await server.admin.post(indexes(collection), body);
      return {
        status: reply.status,
        message: reply.body.message,
        pointers: reply.body.details?.map((d: { pointer: string }) => d.pointer),
      };
    };
    expect(await refusal({ fields: [] })).toMatchObject({ status: 400 });
    expect(await refusal({ fields: [{ field: '$where', order: 'asc' }] })).toMatchObject({
      status: 400,
      pointers: ['/fields/0/field'],
    });
    expect(await refusal({ fields: [{ field: 'a..b', order: 'asc' }] })).toMatchObject({
      status: 400,
      pointers: ['/fields/0/field'],
    });
    expect(
      await refusal({
        fields: [
          { field: 'a', order: 'asc' },
          { field: 'a', order: 'desc' },
        ],
      }),
    ).toMatchObject({ status: 400, pointers: ['/fields/1/field'] });
    expect(await refusal({ fields: [{ field: 'a', order: 'up' }] })).toMatchObject({ status: 400 });
    expect(await refusal({ fields: [{ field: '_id', order: 'asc' }] })).toMatchObject({
      status: 400,
      message: 'Every collection is already indexed on _id (unique)',
    });
    expect(await refusal({ fields: [{ field: 'a', order: 'asc' }], name: 'bad name!' })).toMatchObject({
      status: 400,
      pointers: ['/name'],
    });
    expect(await refusal({ fields: [{ field: 'a', order: 'asc' }] }, '_secret')).toMatchObject({
      status: 400,
      pointers: ['/collection'],
    });

    expect(
      (await server.admin.post(indexes('notes'), { fields: [{ field: 'a', order: 'asc' }] })).status,
    ).toBe(201);
    expect(await refusal({ fields: [{ field: 'a', order: 'asc' }], name: 'other' })).toMatchObject({
      status: 409,
      message: 'The index "a_1" already covers these fields in this order',
    });
    expect(await refusal({ fields: [{ field: 'b', order: 'asc' }], name: 'a_1' })).toMatchObject({
      status: 409,
      pointers: ['/name'],
    });

    // a default name another index already has; a default name too long to keep
    expect(
      (await server.admin.post(indexes('notes'), { fields: [{ field: 'c', order: 'asc' }], name: 'd_1' }))
        .status,
    ).toBe(201);
    expect(await refusal({ fields: [{ field: 'd', order: 'asc' }] })).toMatchObject({
      status: 409,
      pointers: ['/name'],
    });
    const long = Array.from({ length: 8 }, (_, i) => ({ field: `organisationUnitField${i}`, order: 'asc' }));
    expect(await refusal({ fields: long })).toMatchObject({ status: 400, pointers: ['/name'] });
    // names the embedded store cannot keep apart are refused with a reason, never a 500
    expect(
      (await server.admin.post(indexes('notes'), { fields: [{ field: 'Email', order: 'asc' }] })).status,
    ).toBe(201);
    expect(await refusal({ fields: [{ field: 'email', order: 'asc' }] })).toMatchObject({
      status: 400,
      pointers: ['/fields'],
    });
    expect(await refusal({ fields: [{ field: 'e', order: 'asc' }], name: 'EMAIL_1' })).toMatchObject({
      status: 409,
      pointers: ['/name'],
    });
    expect((await add('notes', { Email: 'a@x.io' })).status).toBe(200);

    expect((await server.admin.delete(`${indexes('notes')}/*`)).status).toBe(404);
    expect((await server.admin.get(indexes('notes'))).body.indexes).toHaveLength(4);
    const dropId = await server.admin.delete(`${indexes('notes')}/_id_`);
    expect(dropId.status).toBe(400);
    expect(dropId.body.message).toMatch(/_id index is built in/);
    const missing = await server.admin.delete(`${indexes('notes')}/nope_1`);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('"notes" has no index named "nope_1"');
  });
});
