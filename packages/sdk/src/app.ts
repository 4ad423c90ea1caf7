import { Auth, unwrap } from './auth';
import { Cms } from './cms';
import { Database } from './database';
import { TesseraError } from './errors';
import { fetchTransport } from './fetch-transport';
import {
  browserStorage,
  localStoragePersistence,
  memoryPersistence,
  type Persistence,
  wxPersistence,
} from './persistence';
import type { Transport } from './transport';
import { type WxLike, wxTransport } from './wx-transport';

export interface InitOptions {
  /** The app's id (CloudBase calls it `env`; either name works). */
  appId?: string;
  env?: string;
  /** Where the Tessera server is, e.g. `https://apps.example.com`. */
  baseUrl: string;
  /** Defaults to wx.request when `wx` is given, else fetch. */
  transport?: Transport;
  /** The mini-program `wx` object: selects the wx transport, wx storage and wx.login for WeChat sign-in. */
  wx?: WxLike;
  /** Where the login state is kept; defaults to wx storage, localStorage, or memory. */
  persistence?: Persistence;
}

export interface FileResult {
  fileID: string;
  code: 'SUCCESS' | 'NOT_FOUND' | 'FORBIDDEN' | string;
}

/** One connected app, as returned by `init()`. */
export class TesseraApp {
  readonly appId: string;
  private readonly transport: Transport;
  private readonly base: string;
  private readonly baseUrl: string;
  /** The server's address without a trailing slash (`baseUrl` as given to `init`). */
  readonly serverUrl: string;
  private readonly authInstance: Auth;
  private databaseInstance?: Database;

  constructor(options: InitOptions) {
    const appId = options.appId ?? options.env;
    if (!appId) throw new TypeError('init() needs appId (or env)');
    if (!options.baseUrl) throw new TypeError('init() needs baseUrl');
    this.appId = appId;
    this.baseUrl = options.baseUrl;
    this.serverUrl = options.baseUrl.replace(/\/+$/, '');
    this.base = `${this.serverUrl}/app-api/${encodeURIComponent(appId)}`;
    const wx = options.wx;
    this.transport = options.transport ?? (wx ? wxTransport(wx) : fetchTransport());
    const persistence =
      options.persistence ??
      (wx ? wxPersistence(wx) : browserStorage() ? localStoragePersistence() : memoryPersistence());
    const wxLogin = wx?.login
      ? () =>
          new Promise<string>((resolve, reject) =>
            wx.login?.({
              success: (result) => resolve(result.code),
              fail: (error) => reject(new Error(error.errMsg)),
            }),
          )
      : undefined;
    this.authInstance = new Auth(this.transport, this.base, appId, persistence, wxLogin);
  }

  auth(): Auth {
    return this.authInstance;
  }

  database(): Database {
    this.databaseInstance ??= new Database((method, path, body) => this.call(method, path, body));
    return this.databaseInstance;
  }

  /** The app's CMS over the same transport (public-read models; a token reads the others). */
  cms(options: { token?: string } = {}): Cms {
    return new Cms({ appId: this.appId, baseUrl: this.baseUrl, transport: this.transport, ...options });
  }

  /** Runs a cloud function; resolves with what it returned as `result`. */
  async callFunction<R = unknown>({ name, data }: { name: string; data?: unknown }): Promise<{ result: R }> {
    return (await this.call('POST', `/functions/${encodeURIComponent(name)}`, { data: data ?? {} })) as {
      result: R;
    };
  }

  /** Uploads `file` (web) or `filePath` (mini-program) to `cloudPath`; resolves with its file ID. */
  async uploadFile({
    cloudPath,
    file,
    filePath,
    fileName,
  }: {
    cloudPath: string;
    file?: Blob;
    filePath?: string;
    fileName?: string;
  }): Promise<{ fileID: string }> {
    const upload = () =>
      this.withToken(async (headers) =>
        this.transport.upload({
          url: `${this.base}/storage/upload`,
          headers,
          fields: { cloudPath },
          ...(file ? { file } : {}),
          ...(filePath ? { filePath } : {}),
          fileName: fileName ?? cloudPath.split('/').at(-1) ?? 'file',
        }),
      );
    const reply = (await upload()) as { fileID: string };
    return { fileID: reply.fileID };
  }

  /** Temporary download URLs (default 1 hour) for files the user may read. */
  async getTempFileURL({
    fileList,
  }: {
    fileList: (string | { fileID: string; maxAge?: number })[];
  }): Promise<{
    fileList: (FileResult & { tempFileURL?: string; maxAge?: number })[];
  }> {
    return (await this.call('POST', '/storage/temp-urls', { fileList })) as {
      fileList: (FileResult & { tempFileURL?: string })[];
    };
  }

  /** The address of a CMS media file (what an `image`, `file` or `media` field of an entry holds). */
  mediaUrl(mediaId: string): string {
    return `${this.base}/cms-media/${encodeURIComponent(mediaId)}`;
  }

  async deleteFile({ fileList }: { fileList: string[] }): Promise<{ fileList: FileResult[] }> {
    return (await this.call('POST', '/storage/delete', { fileList })) as { fileList: FileResult[] };
  }

  /** JSON call under /app-api/:appId with the user's token; retried once after a token refresh on 401. */
  private call(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<unknown> {
    return this.withToken((headers) =>
      this.transport.request({
        method,
        url: this.base + path,
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      }),
    );
  }

  private async withToken(
    send: (headers: Record<string, string>) => Promise<{ status: number; body: unknown }>,
  ): Promise<unknown> {
    const headersWith = (token: string | undefined): Record<string, string> =>
      token ? { authorization: `Bearer ${token}` } : {};
    const token = await this.authInstance.accessToken();
    let response = await send(headersWith(token));
    if (response.status === 401 && token) {
      // The token was revoked or expired early (clock skew): refresh once and try again.
      const state = await this.authInstance.refresh().catch(() => null);
      if (state) response = await send(headersWith(state.accessToken));
    }
    return unwrap(response.status, response.body);
  }
}

/** Connects to one app: `const app = init({ appId, baseUrl })`. */
export function init(options: InitOptions): TesseraApp {
  return new TesseraApp(options);
}

export { TesseraError };
