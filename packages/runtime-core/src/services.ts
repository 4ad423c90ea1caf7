import type { FileUrlResolver } from './file-urls';
import type { ChosenFile } from './platform';

/** Options of a collection or CMS list query. */
export interface FindOptions {
  filter?: Record<string, unknown>;
  sort?: Record<string, 'asc' | 'desc'>;
  limit?: number;
  skip?: number;
  fields?: string[];
  locale?: string;
}

export interface SignedInUser {
  uid: string;
  anonymous?: boolean;
  roles?: string[];
  username?: string | null;
  [field: string]: unknown;
}

/**
 * The app's cloud capabilities as the runtime needs them. `@tessera/sdk` provides them on every
 * target (see `fromSdk`); tests may give any implementation that behaves like the server.
 */
export interface AppServices {
  callFunction(name: string, data: Record<string, unknown>): Promise<unknown>;
  find(collection: string, options: FindOptions): Promise<unknown[]>;
  insert(collection: string, doc: Record<string, unknown>): Promise<{ _id: string }>;
  update(collection: string, id: string, set: Record<string, unknown>): Promise<{ updated: number }>;
  remove(collection: string, id: string): Promise<{ deleted: number }>;
  cmsFind(model: string, options: FindOptions): Promise<unknown[]>;
  http(request: {
    url: string;
    method: string;
    headers: Record<string, string>;
    query: Record<string, unknown>;
    body?: unknown;
  }): Promise<unknown>;
  uploadFile(file: ChosenFile, folder: string | undefined): Promise<{ fileID: string; url?: string }>;
  login(method: string, credentials: Record<string, unknown>): Promise<SignedInUser>;
  logout(): Promise<void>;
  currentUser(): SignedInUser | null;
  /**
   * Shows cloud file ids and CMS media as image addresses (batched, cached temporary URLs);
   * without it only plain http(s) addresses show (see `fileUrlsOf`).
   */
  fileUrls?: FileUrlResolver;
}

/** Services for an app that uses no cloud capability: every call fails with a clear message. */
export function offlineServices(): AppServices {
  const refuse = (what: string) => () => Promise.reject(new Error(`${what} needs a server connection`));
  return {
    callFunction: refuse('callFunction'),
    find: refuse('a collection query'),
    insert: refuse('dbInsert'),
    update: refuse('dbUpdate'),
    remove: refuse('dbDelete'),
    cmsFind: refuse('a CMS query'),
    http: refuse('an HTTP query'),
    uploadFile: refuse('uploadFile'),
    login: refuse('login'),
    logout: () => Promise.resolve(),
    currentUser: () => null,
  };
}
