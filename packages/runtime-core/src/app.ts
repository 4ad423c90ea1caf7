import { ActionError } from './errors';
import type { Platform } from './platform';
import type { AppServices, SignedInUser } from './services';
import { Store } from './store';
import type { AppDescriptor, Scope } from './types';

export interface AppRuntimeOptions {
  platform: Platform;
  services: AppServices;
  /** Locale to start in when the user has not chosen one (setLocale); default the app's default locale. */
  locale?: string;
}

const persistKey = (appId: string, name: string) => `tessera.state.${appId}.${name}`;
const localeKey = (appId: string) => `tessera.locale.${appId}`;

/** App-wide state (`app.*`), the signed-in user (`auth`), code-block exports and the services. */
export class AppRuntime {
  readonly store: Store;
  readonly platform: Platform;
  readonly services: AppServices;
  /** The app's locales, the default first. */
  readonly locales: readonly string[];
  /** App-level auto queries run once, when the first page loads. */
  appQueriesStarted = false;

  constructor(
    readonly descriptor: AppDescriptor,
    options: AppRuntimeOptions,
  ) {
    this.platform = options.platform;
    this.services = options.services;
    const { default: fallback, supported } = descriptor.locales;
    this.locales = [fallback, ...supported.filter((locale) => locale !== fallback)];
    const chosen = this.platform.storage.get(localeKey(descriptor.id));
    const locale =
      chosen !== null && this.locales.includes(chosen)
        ? chosen
        : (options.locale ?? descriptor.locales.default);
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
    this.store = new Store({ app, queries, auth: authOf(options.services.currentUser()), locale });
    this.store.subscribe((changes) => this.persist(changes));
  }

  /** The locale texts are shown in (`locale` in expressions). */
  get locale(): string {
    return this.store.get(['locale']) as string;
  }

  /**
   * Switches the shown locale (a change at the store path ['locale'], which every i18n binding
   * reads) and remembers it on the device, so the app starts in it next time.
   */
  setLocale(locale: string): void {
    if (!this.locales.includes(locale)) {
      throw new ActionError(
        `"${locale}" is not one of the app's locales (${this.locales.join(', ')})`,
        'unknown-locale',
      );
    }
    this.store.set(['locale'], locale);
    this.platform.storage.set(localeKey(this.descriptor.id), locale);
  }

  /** The app-wide part of every scope. */
  scope(): Scope {
    const data = this.store.snapshot();
    return { app: data.app, auth: data.auth, code: this.descriptor.code ?? {}, locale: data.locale };
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
