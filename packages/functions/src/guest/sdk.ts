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

const COLLECTION_METHODS = [
  'find',
  'findOne',
  'countDocuments',
  'insertOne',
  'insertMany',
  'updateOne',
  'updateMany',
  'deleteOne',
  'deleteMany',
  'findOneAndUpdate',
  'aggregate',
] as const;

export interface Collection {
  find(filter?: object, options?: FindOptions): Promise<Document[]>;
  findOne(filter?: object, options?: FindOptions): Promise<Document | null>;
  countDocuments(filter?: object): Promise<number>;
  insertOne(doc: object): Promise<{ insertedId: string }>;
  insertMany(docs: object[]): Promise<{ insertedIds: string[] }>;
  updateOne(
    filter: object,
    update: object,
    options?: object,
  ): Promise<{ matchedCount: number; modifiedCount: number; upsertedId?: string }>;
  updateMany(
    filter: object,
    update: object,
    options?: object,
  ): Promise<{ matchedCount: number; modifiedCount: number }>;
  deleteOne(filter: object): Promise<{ deletedCount: number }>;
  deleteMany(filter: object): Promise<{ deletedCount: number }>;
  findOneAndUpdate(filter: object, update: object, options?: object): Promise<Document | null>;
  aggregate(pipeline: object[]): Promise<Document[]>;
}

// Methods are made in a loop: every function literal costs compile time in each fresh context.
function collectionOf(name: string, bypassRules: boolean): Collection {
  const target = { collection: name, bypassRules };
  const collection: Record<string, unknown> = {};
  for (const method of COLLECTION_METHODS)
    collection[method] = (...args: unknown[]) => callHost('db', method, [target, ...args]);
  return Object.freeze(collection) as unknown as Collection;
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

function capability<T>(name: string, methods: readonly string[]): T {
  const api: Record<string, unknown> = {};
  for (const method of methods) api[method] = (...args: unknown[]) => callHost(name, method, args);
  return Object.freeze(api) as T;
}

export const storage = capability<{
  read(path: string, options?: { encoding?: 'utf8' | 'base64' }): Promise<StoredFile>;
  write(
    path: string,
    content: string,
    options?: { contentType?: string; encoding?: 'utf8' | 'base64' },
  ): Promise<{ path: string; size: number }>;
  remove(path: string): Promise<{ deleted: boolean }>;
  list(prefix?: string): Promise<{ path: string; size: number }[]>;
  url(path: string): Promise<string>;
}>('storage', ['read', 'write', 'remove', 'list', 'url']);

export interface CmsReadOptions {
  locale?: string;
  populate?: string[];
  depth?: number;
  fields?: string[];
}

/** Published CMS entries of the app, as the public REST API shows them (hidden fields left out). */
export const cms = capability<{
  list(
    model: string,
    query?: CmsReadOptions & {
      filter?: object;
      sort?: Record<string, 1 | -1>;
      limit?: number;
      skip?: number;
    },
  ): Promise<Document[]>;
  get(model: string, id: string, options?: CmsReadOptions): Promise<Document | null>;
}>('cms', ['list', 'get']);

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
