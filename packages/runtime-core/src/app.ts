import type { Platform } from './platform';
import type { AppServices, SignedInUser } from './services';
import { Store } from './store';
import type { AppDescriptor, Scope } from './types';

export interface AppRuntimeOptions {
  platform: Platform;
  services: AppServices;
  /** Locale to show; default the app's default locale. */
  locale?: string;
}

const persistKey = (appId: string, name: string) => `tessera.state.${appId}.${name}`;

/** App-wide state (`app.*`), the signed-in user (`auth`), code-block exports and the services. */
export class AppRuntime {
  readonly store: Store;
  readonly platform: Platform;
  readonly services: AppServices;
  readonly locale: string;
  /** App-level auto queries run once, when the first page loads. */
  appQueriesStarted = false;

  constructor(
    readonly descriptor: AppDescriptor,
    options: AppRuntimeOptions,
  ) {
    this.platform = options.platform;
    this.services = options.services;
    this.locale = options.locale ?? descriptor.locales.default;
    const app: Record<string, unknown> = {};
    for (const [name, declaration] of Object.entries(descriptor.state ?? {})) {
      app[name] = structuredClone(declaration.initial ?? null);
      if (declaration.persist) {
        const saved = this.platform.storage.get(persistKey(descriptor.id, name));
        if (saved !== null) app[name] = parseSaved(saved, app[name]);
      }
    }
    const queries: Record<string, unknown> = {};
    for (const name of Object.keys(descriptor.queries ?? {}))
      queries[name] = { data: null, loading: false, error: null };
    this.store = new Store({ app, queries, auth: authOf(options.services.currentUser()) });
    this.store.subscribe((changes) => this.persist(changes));
  }

  /** The app-wide part of every scope. */
  scope(): Scope {
    const data = this.store.snapshot();
    return { app: data.app, auth: data.auth, code: this.descriptor.code ?? {} };
  }

  setUser(user: SignedInUser | null): void {
    this.store.set(['auth'], authOf(user));
  }

  private persist(changes: readonly (readonly string[])[]): void {
    for (const [name, declaration] of Object.entries(this.descriptor.state ?? {})) {
      if (!declaration.persist) continue;
      if (changes.some((path) => path[0] === 'app' && (path.length === 1 || path[1] === name))) {
        const value = this.store.get(['app', name]);
        this.platform.storage.set(persistKey(this.descriptor.id, name), JSON.stringify(value ?? null));
      }
    }
  }
}

function parseSaved(saved: string, fallback: unknown): unknown {
  try {
    return JSON.parse(saved);
  } catch {
    return fallback;
  }
}

/** `auth` in expressions: signedIn, uid, anonymous, roles, username (null fields when signed out). */
function authOf(user: SignedInUser | null): Record<string, unknown> {
  if (!user) return { signedIn: false, uid: null, anonymous: false, roles: [], username: null };
  return { ...user, signedIn: true, anonymous: user.anonymous ?? false, roles: user.roles ?? [] };
}
