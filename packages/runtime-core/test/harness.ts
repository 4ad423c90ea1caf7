import { evaluateExpression } from '@tessera/expr';
import { AppRuntime } from '../src/app';
import { PageRuntime } from '../src/page';
import { type ChosenFile, memoryStorage, type Platform } from '../src/platform';
import type { AppServices, FindOptions, SignedInUser } from '../src/services';
import type { AppDescriptor, Compiled, PageDescriptor } from '../src/types';

/** An expression as the compiler would hand it over (here through the reference evaluator). */
export const expr =
  (source: string): Compiled =>
  (scope) =>
    evaluateExpression(source, scope);

/** A platform that records what the app asked of the user's device. */
export function recordingPlatform() {
  const calls: { type: string; [field: string]: unknown }[] = [];
  const modalAnswers: boolean[] = [];
  let nextFile: ChosenFile | null = null;
  const platform: Platform = {
    navigate: async (request) => void calls.push({ type: 'navigate', ...request }),
    navigateBack: async (delta) => void calls.push({ type: 'navigateBack', delta }),
    showToast: async (toast) => void calls.push({ type: 'toast', ...toast }),
    showModal: async (modal) => {
      calls.push({ type: 'modal', ...modal });
      return modalAnswers.shift() ?? true;
    },
    openUrl: async (url, target) => void calls.push({ type: 'openUrl', url, target }),
    chooseFile: async () => nextFile,
    storage: memoryStorage(),
  };
  return {
    platform,
    calls,
    toasts: () => calls.filter((call) => call.type === 'toast').map((call) => call.message),
    answerModal: (answer: boolean) => modalAnswers.push(answer),
    chooseFile: (file: ChosenFile | null) => {
      nextFile = file;
    },
  };
}

/** In-memory services with the server's observable behaviour (ids, filters by equality). */
export function memoryServices(functions: Record<string, (data: Record<string, unknown>) => unknown> = {}) {
  const collections = new Map<string, Record<string, unknown>[]>();
  let nextId = 1;
  let user: SignedInUser | null = null;
  const rows = (name: string) => {
    const list = collections.get(name) ?? [];
    collections.set(name, list);
    return list;
  };
  const find = async (name: string, options: FindOptions) => {
    let list = rows(name).filter((doc) =>
      Object.entries(options.filter ?? {}).every(([k, v]) => doc[k] === v),
    );
    for (const [field, order] of Object.entries(options.sort ?? {}).reverse()) {
      list = list.toSorted(
        (a, b) => (String(a[field]) < String(b[field]) ? -1 : 1) * (order === 'desc' ? -1 : 1),
      );
    }
    return list.slice(options.skip ?? 0, (options.skip ?? 0) + (options.limit ?? 100));
  };
  const services: AppServices = {
    callFunction: async (name, data) => {
      const fn = functions[name];
      if (!fn) throw Object.assign(new Error(`function ${name} not found`), { code: 404 });
      return fn(data);
    },
    find,
    insert: async (name, doc) => {
      const _id = `id${nextId++}`;
      rows(name).push({ ...doc, _id });
      return { _id };
    },
    update: async (name, id, set) => {
      const doc = rows(name).find((entry) => entry._id === id);
      if (doc) Object.assign(doc, set);
      return { updated: doc ? 1 : 0 };
    },
    remove: async (name, id) => {
      const list = rows(name);
      const at = list.findIndex((entry) => entry._id === id);
      if (at >= 0) list.splice(at, 1);
      return { deleted: at >= 0 ? 1 : 0 };
    },
    cmsFind: (model, options) => find(`cms:${model}`, options),
    http: async (request) => ({ echo: request }),
    uploadFile: async (file, folder) => ({ fileID: `cloud://${folder ?? 'files'}/${file.name}` }),
    login: async (method, credentials) => {
      if (method === 'password' && credentials.password !== 'secret')
        throw Object.assign(new Error('wrong password'), { code: 401 });
      user = {
        uid: 'u1',
        anonymous: method === 'anonymous',
        roles: [],
        username: (credentials.username as string) ?? null,
      };
      return user;
    },
    logout: async () => {
      user = null;
    },
    currentUser: () => user,
  };
  return { services, rows };
}

export function openPage(
  page: Partial<PageDescriptor>,
  app: Partial<AppDescriptor> = {},
  options: {
    functions?: Record<string, (data: Record<string, unknown>) => unknown>;
    params?: Record<string, string>;
  } = {},
) {
  const device = recordingPlatform();
  const backend = memoryServices(options.functions);
  const descriptor: AppDescriptor = {
    id: 'test',
    locales: { default: 'en', supported: ['en', 'zh-CN'] },
    pages: { home: { path: '/' }, detail: { path: '/news/:id' } },
    home: 'home',
    ...app,
  };
  const runtime = new AppRuntime(descriptor, { platform: device.platform, services: backend.services });
  const runtimePage = new PageRuntime(runtime, { id: 'home', path: '/', ...page }, options.params ?? {});
  return { app: runtime, page: runtimePage, device, backend };
}
