import type { WxLike } from './wx-transport';

/** Where the login state is kept between page loads. */
export interface Persistence {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export function memoryPersistence(): Persistence {
  const values = new Map<string, string>();
  return {
    get: (key) => values.get(key) ?? null,
    set: (key, value) => void values.set(key, value),
    remove: (key) => void values.delete(key),
  };
}

/** The part of the browser's Storage (localStorage) used here. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function browserStorage(): StorageLike | undefined {
  return (globalThis as { localStorage?: StorageLike }).localStorage;
}

/** Browser localStorage. */
export function localStoragePersistence(storage: StorageLike | undefined = browserStorage()): Persistence {
  if (!storage) throw new TypeError('localStorage is not available here');
  return {
    get: (key) => storage.getItem(key),
    set: (key, value) => storage.setItem(key, value),
    remove: (key) => storage.removeItem(key),
  };
}

/** Mini-program storage (wx.getStorageSync & co.). */
export function wxPersistence(wx: WxLike): Persistence {
  return {
    get: (key) => {
      const value = wx.getStorageSync?.(key);
      return typeof value === 'string' && value !== '' ? value : null;
    },
    set: (key, value) => wx.setStorageSync?.(key, value),
    remove: (key) => wx.removeStorageSync?.(key),
  };
}
