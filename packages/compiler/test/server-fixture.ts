import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestServer } from '../../../apps/server/test/harness';
import type { ConformanceScript } from './conformance-script';

type ServerSetup = NonNullable<ConformanceScript['server']>;

/**
 * Prepares a fresh app of a server fixture: rule presets, then files put in cloud storage and the
 * CMS media library. Returns the app with `{{appId}}`, `{{file:<name>}}` (the cloud file id) and
 * `{{media:<name>}}` (the media id) written into its strings.
 */
export async function prepareServerApp<T>(
  server: TestServer,
  appId: string,
  setup: ServerSetup,
  dir: string,
  app: T,
): Promise<T> {
  for (const [collection, preset] of Object.entries(setup.collections ?? {})) {
    const reply = await server.admin.put(`/api/apps/${appId}/db/rules/${collection}`, { preset });
    if (reply.status >= 300)
      throw new Error(`setting rules on ${collection} failed: ${reply.status} ${reply.text}`);
  }
  const values: Record<string, string> = { appId };
  for (const [name, file] of Object.entries(setup.files ?? {})) {
    const form = new FormData();
    form.set('path', `fixtures/${name}${file.slice(file.lastIndexOf('.'))}`);
    form.set('file', new Blob([await readFile(join(dir, file))], { type: typeOf(file) }), file);
    const response = await fetch(`${server.url}/api/apps/${appId}/storage/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.admin.auth.token}` },
      body: form,
    });
    const body = (await response.json()) as { fileID?: string };
    if (response.status !== 201 || !body.fileID)
      throw new Error(`uploading ${file} failed: ${response.status} ${JSON.stringify(body)}`);
    values[`file:${name}`] = body.fileID;
  }
  for (const [name, file] of Object.entries(setup.media ?? {})) {
    const reply = await server.admin.request(
      'POST',
      `/api/apps/${appId}/cms/media?name=${encodeURIComponent(file)}`,
      { raw: await readFile(join(dir, file)), headers: { 'content-type': typeOf(file) } },
    );
    if (reply.status >= 300) throw new Error(`adding ${file} to the media library failed: ${reply.text}`);
    values[`media:${name}`] = reply.body.id as string;
  }
  const text = JSON.stringify(app).replace(
    /\{\{(appId|file:[\w-]+|media:[\w-]+)\}\}/g,
    (whole, key: string) => {
      const value = values[key];
      if (value === undefined)
        throw new Error(`app.json names ${whole}, which the script's "server" does not set up`);
      return value;
    },
  );
  return JSON.parse(text) as T;
}

function typeOf(file: string): string {
  if (file.endsWith('.png')) return 'image/png';
  if (file.endsWith('.jpg') || file.endsWith('.jpeg')) return 'image/jpeg';
  return 'application/octet-stream';
}
