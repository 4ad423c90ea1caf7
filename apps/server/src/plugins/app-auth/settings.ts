import type { Store } from '@tessera/store';

/** Which sign-in methods an app offers, and how long its access tokens live. */
export interface AuthSettings {
  methods: { anonymous: boolean; password: boolean; phone: boolean; wechat: boolean };
  accessTokenSeconds: number;
  refreshTokenDays: number;
}

export const defaultAuthSettings: AuthSettings = {
  methods: { anonymous: true, password: true, phone: true, wechat: true },
  accessTokenSeconds: 15 * 60,
  refreshTokenDays: 30,
};

const cacheMilliseconds = 2000;

/** Per-app sign-in settings, in the app's own database (`_auth_settings`). */
export class AuthSettingsRepository {
  private readonly cache = new Map<string, { loadedAt: number; settings: AuthSettings }>();

  constructor(private readonly store: Store) {}

  async get(appId: string): Promise<AuthSettings> {
    const cached = this.cache.get(appId);
    if (cached && Date.now() - cached.loadedAt < cacheMilliseconds) return cached.settings;
    const record = await this.store.app(appId).collection('_auth_settings').findOne({ _id: 'settings' });
    const settings = merge(record as Partial<AuthSettings> | null);
    this.cache.set(appId, { loadedAt: Date.now(), settings });
    return settings;
  }

  async save(appId: string, change: Partial<AuthSettings>): Promise<AuthSettings> {
    const settings = merge({
      ...(await this.get(appId)),
      ...change,
      methods: { ...(await this.get(appId)).methods, ...change.methods },
    });
    await this.store
      .app(appId)
      .collection('_auth_settings')
      .replaceOne({ _id: 'settings' }, { _id: 'settings', ...settings }, { upsert: true });
    this.cache.delete(appId);
    return settings;
  }
}

function merge(record: Partial<AuthSettings> | null): AuthSettings {
  return {
    methods: { ...defaultAuthSettings.methods, ...record?.methods },
    accessTokenSeconds: record?.accessTokenSeconds ?? defaultAuthSettings.accessTokenSeconds,
    refreshTokenDays: record?.refreshTokenDays ?? defaultAuthSettings.refreshTokenDays,
  };
}
