// What a function imports: `import { db, storage, cms, fetch, env, log } from '@tessera/function-sdk'`.
// Runs inside the sandbox; every call becomes one JSON message to a host capability.
import { callHost, console, env } from './runtime';

export { env };
export const log = console;

export type Document = Record<string, unknown> & { _id?: string };
export interface FindOptions {
  projection?: Record<string, 0 | 1>;
  sort?: Record<string, 1 | -1>;
  skip?: number;
  limit?: number;
}

function collectionOf(name: string, bypassRules: boolean) {
  const call = (method: string, ...args: unknown[]) =>
    callHost('db', method, [{ collection: name, bypassRules }, ...args]);
  return Object.freeze({
    find: (filter: object = {}, options: FindOptions = {}) =>
      call('find', filter, options) as Promise<Document[]>,
    findOne: (filter: object = {}, options: FindOptions = {}) =>
      call('findOne', filter, options) as Promise<Document | null>,
    countDocuments: (filter: object = {}) => call('countDocuments', filter) as Promise<number>,
    insertOne: (doc: object) => call('insertOne', doc) as Promise<{ insertedId: string }>,
    insertMany: (docs: object[]) => call('insertMany', docs) as Promise<{ insertedIds: string[] }>,
    updateOne: (filter: object, update: object, options: object = {}) =>
      call('updateOne', filter, update, options) as Promise<{
        matchedCount: number;
        modifiedCount: number;
        upsertedId?: string;
      }>,
    updateMany: (filter: object, update: object, options: object = {}) =>
      call('updateMany', filter, update, options) as Promise<{ matchedCount: number; modifiedCount: number }>,
    deleteOne: (filter: object) => call('deleteOne', filter) as Promise<{ deletedCount: number }>,
    deleteMany: (filter: object) => call('deleteMany', filter) as Promise<{ deletedCount: number }>,
    findOneAndUpdate: (filter: object, update: object, options: object = {}) =>
      call('findOneAndUpdate', filter, update, options) as Promise<Document | null>,
    aggregate: (pipeline: object[]) => call('aggregate', pipeline) as Promise<Document[]>,
  });
}

function databaseOf(bypassRules: boolean) {
  return { collection: (name: string) => collectionOf(name, bypassRules) };
}

/** The app database as the calling user (security rules apply); `db.admin()` bypasses the rules explicitly. */
export const db = Object.freeze({ ...databaseOf(false), admin: () => Object.freeze(databaseOf(true)) });

export interface StoredFile {
  path: string;
  contentType: string;
  size: number;
  /** The content, as text when `encoding` is 'utf8', else base64. */
  content: string;
  encoding: 'utf8' | 'base64';
}

export const storage = Object.freeze({
  read: (path: string, options: { encoding?: 'utf8' | 'base64' } = {}) =>
    callHost('storage', 'read', [path, options]) as Promise<StoredFile>,
  write: (
    path: string,
    content: string,
    options: { contentType?: string; encoding?: 'utf8' | 'base64' } = {},
  ) => callHost('storage', 'write', [path, content, options]) as Promise<{ path: string; size: number }>,
  remove: (path: string) => callHost('storage', 'remove', [path]) as Promise<{ deleted: boolean }>,
  list: (prefix = '') => callHost('storage', 'list', [prefix]) as Promise<{ path: string; size: number }[]>,
  url: (path: string) => callHost('storage', 'url', [path]) as Promise<string>,
});

export const cms = Object.freeze({
  list: (model: string, query: object = {}) => callHost('cms', 'list', [model, query]) as Promise<Document[]>,
  get: (model: string, id: string) => callHost('cms', 'get', [model, id]) as Promise<Document | null>,
});

export interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

class FetchHeaders {
  constructor(private readonly entries: Record<string, string>) {}
  get(name: string): string | null {
    return this.entries[name.toLowerCase()] ?? null;
  }
  has(name: string): boolean {
    return name.toLowerCase() in this.entries;
  }
  toJSON() {
    return { ...this.entries };
  }
}

export class FetchResponse {
  readonly ok: boolean;
  readonly headers: FetchHeaders;
  constructor(
    readonly status: number,
    readonly statusText: string,
    headers: Record<string, string>,
    private readonly body: string,
    readonly url: string,
  ) {
    this.ok = status >= 200 && status < 300;
    this.headers = new FetchHeaders(headers);
  }
  async text(): Promise<string> {
    return this.body;
  }
  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }
}

/** fetch() to the hosts the function's manifest allows; the host checks every URL and redirect. */
export async function fetch(url: string, init: FetchInit = {}): Promise<FetchResponse> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(init.headers ?? {})) headers[String(key)] = String(value);
  const reply = (await callHost('fetch', 'request', [
    String(url),
    {
      method: init.method ?? 'GET',
      headers,
      ...(init.body === undefined ? {} : { body: String(init.body) }),
    },
  ])) as { status: number; statusText: string; headers: Record<string, string>; body: string; url: string };
  return new FetchResponse(reply.status, reply.statusText, reply.headers, reply.body, reply.url);
}
