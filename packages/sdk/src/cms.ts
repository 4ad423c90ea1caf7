// Reading (and, with a full token, writing) an app's CMS content:
// `cms({ appId, baseUrl }).model('article').find({ filter, sort, limit, locale, populate })`.
import { unwrap } from './auth';
import { fetchTransport } from './fetch-transport';
import type { Transport } from './transport';

export interface CmsOptions {
  /** The app's id (CloudBase calls it `env`; either name works). */
  appId?: string;
  env?: string;
  /** Where the Tessera server is, e.g. `https://apps.example.com`. */
  baseUrl: string;
  /** A CMS API token (read-only or full); without one only public-read models can be read. */
  token?: string;
  transport?: Transport;
}

export interface CmsFindOptions {
  /** MongoDB-style filter on the model's fields, e.g. `{ category: 'news', views: { $gte: 10 } }`. */
  filter?: Record<string, unknown>;
  /** `{ field: 1 | -1 }`; system fields `_createdAt`, `_updatedAt`, `_publishedAt` work too. */
  sort?: Record<string, 1 | -1>;
  limit?: number;
  skip?: number;
  /** Resolves localised fields to this locale (falling back to the model's default locale). */
  locale?: string;
  /** Reference fields to replace by the referenced entries (`['*']` for all). */
  populate?: string[];
  /** How deep references are populated (1–3). */
  depth?: number;
  /** Only these fields (plus `_id` and system fields). */
  fields?: string[];
  /** 'draft' needs a full token; published entries otherwise. */
  status?: 'published' | 'draft';
}

export type CmsEntry = Record<string, unknown> & { _id: string };

export interface CmsPage<T = CmsEntry> {
  data: T[];
  total: number;
  limit: number;
  skip: number;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** One content model of the app. */
export class CmsModel<T extends CmsEntry = CmsEntry> {
  constructor(
    private readonly send: (method: Method, path: string, body?: unknown) => Promise<unknown>,
    readonly name: string,
  ) {}

  private get path(): string {
    return `/cms/${encodeURIComponent(this.name)}`;
  }

  find(options: CmsFindOptions = {}): Promise<CmsPage<T>> {
    return this.send('POST', `${this.path}/query`, options) as Promise<CmsPage<T>>;
  }

  findOne(
    id: string,
    options: Pick<CmsFindOptions, 'locale' | 'populate' | 'depth' | 'fields' | 'status'> = {},
  ): Promise<T> {
    const query = new URLSearchParams();
    if (options.locale) query.set('locale', options.locale);
    if (options.populate?.length) query.set('populate', options.populate.join(','));
    if (options.depth) query.set('depth', String(options.depth));
    if (options.fields?.length) query.set('fields', options.fields.join(','));
    if (options.status) query.set('status', options.status);
    const qs = query.toString();
    return this.send('GET', `${this.path}/${encodeURIComponent(id)}${qs ? `?${qs}` : ''}`) as Promise<T>;
  }

  /** Needs a full token; `publish: true` publishes at once. */
  create(fields: Record<string, unknown>, options: { publish?: boolean } = {}): Promise<T> {
    return this.send('POST', this.path, { fields, ...options }) as Promise<T>;
  }

  /** Changes the given fields (null clears one); needs a full token. */
  update(
    id: string,
    fields: Record<string, unknown>,
    options: { publish?: boolean; expectedVersion?: number } = {},
  ): Promise<T> {
    return this.send('PATCH', `${this.path}/${encodeURIComponent(id)}`, { fields, ...options }) as Promise<T>;
  }

  remove(id: string): Promise<{ deleted: boolean; id: string }> {
    return this.send('DELETE', `${this.path}/${encodeURIComponent(id)}`) as Promise<{
      deleted: boolean;
      id: string;
    }>;
  }
}

/** The CMS of one app. */
export class Cms {
  private readonly base: string;
  private readonly transport: Transport;
  private readonly token: string | undefined;

  constructor(options: CmsOptions) {
    const appId = options.appId ?? options.env;
    if (!appId) throw new TypeError('cms() needs appId (or env)');
    if (!options.baseUrl) throw new TypeError('cms() needs baseUrl');
    this.base = `${options.baseUrl.replace(/\/+$/, '')}/app-api/${encodeURIComponent(appId)}`;
    this.transport = options.transport ?? fetchTransport();
    this.token = options.token;
  }

  model<T extends CmsEntry = CmsEntry>(name: string): CmsModel<T> {
    return new CmsModel<T>((method, path, body) => this.request(method, path, body), name);
  }

  private async request(method: Method, path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = {};
    if (this.token) headers['x-cms-token'] = this.token;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await this.transport.request({
      method,
      url: this.base + path,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return unwrap(response.status, response.body);
  }
}

/** Connects to an app's CMS: `cms({ appId, baseUrl, token? }).model('article').find(...)`. */
export function cms(options: CmsOptions): Cms {
  return new Cms(options);
}
