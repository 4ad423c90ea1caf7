// Every CMS field type over real HTTP: valid values are saved, invalid ones refused with a 400 whose
// message names the field pointer. Table-driven from test/fixtures/cms/field-types.json.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app-data-helpers';
import { type Json, startTestServer, type TestServer } from './harness';

interface FieldCase {
  field: Json;
  valid: unknown[];
  invalid: [unknown, string][];
}
const fixture = JSON.parse(
  readFileSync(path.join(import.meta.dirname, 'fixtures/cms/field-types.json'), 'utf8'),
) as { cases: FieldCase[] };

let server: TestServer;
let base: string;

beforeAll(async () => {
  server = await startTestServer();
  const appId = await createApp(server);
  base = `/api/apps/${appId}/cms/models`;
  const created = await server.admin.post(base, {
    name: 'everything',
    fields: fixture.cases.map((c) => c.field),
  });
  expect(created.status, created.text).toBe(201);
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('field types', () => {
  it('the fixture covers every field type of the schema', () => {
    const schema = JSON.parse(
      readFileSync(path.join(import.meta.dirname, '../../../schemas/content-model.schema.json'), 'utf8'),
    );
    const types = new Set(fixture.cases.map((c) => c.field.type));
    expect([...types].sort()).toEqual([...schema.$defs.field.properties.type.enum].sort());
  });

  for (const c of fixture.cases) {
    for (const value of c.valid) {
      it(`${c.field.type} accepts ${JSON.stringify(value)}`, async () => {
        const reply = await server.admin.post(`${base}/everything/entries`, {
          fields: { [c.field.name]: value },
        });
        expect(reply.status, reply.text).toBe(201);
        expect(reply.body[c.field.name]).toEqual(value);
      });
    }
    for (const [value, message] of c.invalid) {
      it(`${c.field.type} refuses ${JSON.stringify(value)}`, async () => {
        const reply = await server.admin.post(`${base}/everything/entries`, {
          fields: { [c.field.name]: value },
        });
        expect(reply.status, reply.text).toBe(400);
        expect(reply.body.message).toContain(message);
        expect(reply.body.details[0].pointer).toMatch(new RegExp(`^/fields/${c.field.name}`));
      });
    }
  }

  it('rich text is sanitised before it is stored', async () => {
    const reply = await server.admin.post(`${base}/everything/entries`, {
      fields: { body: '<p onclick="x()">Hi<script>alert(1)</script><a href="javascript:alert(1)">l</a></p>' },
    });
    expect(reply.status, reply.text).toBe(201);
    expect(reply.body.body).toBe('<p>Hi<a>l</a></p>');
  });

  it('auto-numbers count up per model', async () => {
    const a = await server.admin.post(`${base}/everything/entries`, { fields: {} });
    const b = await server.admin.post(`${base}/everything/entries`, { fields: {} });
    expect(b.body.serial).toBe(a.body.serial + 1);
  });

  it('required, default and unknown fields', async () => {
    const model = await server.admin.post(base, {
      name: 'strict',
      fields: [
        { name: 'title', type: 'text', required: true },
        { name: 'state', type: 'enum', options: ['open', 'closed'], default: 'open' },
      ],
    });
    expect(model.status, model.text).toBe(201);
    const missing = await server.admin.post(`${base}/strict/entries`, { fields: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain("/fields/title: must have required property 'title'");
    const unknown = await server.admin.post(`${base}/strict/entries`, {
      fields: { title: 'a', colour: 'red' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('/fields/colour: unknown property');
    const ok = await server.admin.post(`${base}/strict/entries`, { fields: { title: 'a' } });
    expect(ok.status).toBe(201);
    expect(ok.body.state).toBe('open');
  });

  it('refuses invalid models with pointers', async () => {
    const cases: [Json, string][] = [
      [{ name: 'Bad Name', fields: [] }, '/name'],
      [{ name: 'noopts', fields: [{ name: 'c', type: 'enum' }] }, '/fields/0: an enum field needs options'],
      [
        {
          name: 'dup',
          fields: [
            { name: 'a', type: 'text' },
            { name: 'a', type: 'number' },
          ],
        },
        '/fields/1/name',
      ],
      [{ name: 'badref', fields: [{ name: 'r', type: 'reference', model: 'ghost' }] }, 'no model "ghost"'],
      [{ name: 'baddefault', fields: [{ name: 'n', type: 'number', default: 'x' }] }, '/fields/0/default'],
      [{ name: 'badtype', fields: [{ name: 'n', type: 'colour' }] }, '/fields/0/type'],
    ];
    for (const [model, message] of cases) {
      const reply = await server.admin.post(base, model);
      expect(reply.status, reply.text).toBe(400);
      expect(reply.body.message).toContain(message);
    }
  });
});
