import type { TesseraApp } from '@tessera/sdk';
import { ActionError } from './errors';
import { FileUrlResolver } from './file-urls';
import type { AppServices, FindOptions, SignedInUser } from './services';

export interface SdkServicesOptions {
  /** How HTTP data sources are fetched (wx.request in mini-programs); default global fetch. */
  http?: AppServices['http'];
}

/** The runtime's cloud services on top of `@tessera/sdk` (same on web and mini-program). */
export function sdkServices(app: TesseraApp, options: SdkServicesOptions = {}): AppServices {
  const auth = app.auth();
  const db = app.database();
  const userOf = (user: {
    uid: string;
    anonymous: boolean;
    roles: string[];
    username: string | null;
  }): SignedInUser => ({
    uid: user.uid,
    anonymous: user.anonymous,
    roles: user.roles,
    username: user.username,
  });
  const find = async (collection: string, query: FindOptions) => {
    let cursor = db.collection(collection).where(query.filter ?? {});
    for (const [field, order] of Object.entries(query.sort ?? {})) cursor = cursor.orderBy(field, order);
    if (query.skip !== undefined) cursor = cursor.skip(query.skip);
    if (query.limit !== undefined) cursor = cursor.limit(query.limit);
    if (query.fields) cursor = cursor.field(Object.fromEntries(query.fields.map((name) => [name, true])));
    return (await cursor.get()).data;
  };
  return {
    async callFunction(name, data) {
      return (await app.callFunction({ name, data })).result;
    },
    find,
    async insert(collection, doc) {
      const { _id } = await db.collection(collection).add(doc);
      return { _id };
    },
    async update(collection, id, set) {
      const { updated } = await db.collection(collection).doc(id).update(set);
      return { updated };
    },
    async remove(collection, id) {
      const { deleted } = await db.collection(collection).doc(id).remove();
      return { deleted };
    },
    async cmsFind(model, query) {
      const sort: Record<string, 1 | -1> = {};
      for (const [field, order] of Object.entries(query.sort ?? {})) sort[field] = order === 'desc' ? -1 : 1;
      const page = await app
        .cms()
        .model(model)
        .find({
          ...(query.filter ? { filter: query.filter } : {}),
          ...(Object.keys(sort).length > 0 ? { sort } : {}),
          ...(query.limit !== undefined ? { limit: query.limit } : {}),
          ...(query.skip !== undefined ? { skip: query.skip } : {}),
          ...(query.fields ? { fields: query.fields } : {}),
          ...(query.locale ? { locale: query.locale } : {}),
        });
      return page.data;
    },
    async http(request) {
      if (options.http) return options.http(request);
      const url = new URL(request.url);
      for (const [key, value] of Object.entries(request.query))
        if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
      const response = await fetch(url, {
        method: request.method,
        headers:
          request.body === undefined
            ? request.headers
            : { 'content-type': 'application/json', ...request.headers },
        ...(request.body === undefined || request.method === 'GET'
          ? {}
          : { body: JSON.stringify(request.body) }),
      });
      const text = await response.text();
      if (!response.ok)
        throw new ActionError(`the request failed with status ${response.status}`, String(response.status));
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    },
    async uploadFile(file, folder) {
      const safeName = file.name.replace(/[^A-Za-z0-9._-]/g, '_');
      const cloudPath = `${folder ?? 'uploads'}/${Date.now().toString(36)}-${safeName}`;
      return app.uploadFile({
        cloudPath,
        ...(file.file ? { file: file.file as Blob } : {}),
        ...(file.filePath ? { filePath: file.filePath } : {}),
        fileName: safeName,
      });
    },
    async login(method, credentials) {
      const text = (name: string) => String(credentials[name] ?? '');
      switch (method) {
        case 'anonymous':
          return userOf((await auth.signInAnonymously()).user);
        case 'password':
          return userOf((await auth.signInWithUsernameAndPassword(text('username'), text('password'))).user);
        case 'phone':
          return userOf((await auth.signInWithPhoneCode({ phone: text('phone'), code: text('code') })).user);
        case 'wechat':
          return userOf((await auth.signInWithWeChat(credentials.code ? text('code') : undefined)).user);
        default:
          throw new ActionError(
            `sign-in method "${method}" is not supported by the server yet`,
            'unsupported',
          );
      }
    },
    logout: () => auth.signOut(),
    currentUser: () => (auth.currentUser ? userOf(auth.currentUser) : null),
    fileUrls: new FileUrlResolver({
      appId: app.appId,
      serverUrl: app.serverUrl,
      lookup: async (fileIds) => (await app.getTempFileURL({ fileList: fileIds })).fileList,
    }),
  };
}
