/** What a target provides to the runtime: wx.* in mini-programs, the browser on the web. */
export interface Platform {
  navigate(request: {
    page: string;
    path: string;
    params: Record<string, string>;
    replace: boolean;
  }): Promise<void>;
  navigateBack(delta: number): Promise<void>;
  showToast(toast: {
    message: string;
    icon: 'none' | 'success' | 'error' | 'loading';
    duration: number;
  }): Promise<void>;
  /** Resolves true when the user confirms. */
  showModal(modal: {
    title: string;
    content: string;
    showCancel: boolean;
    confirmText: string;
    cancelText: string;
  }): Promise<boolean>;
  openUrl(url: string, target: 'self' | 'blank'): Promise<void>;
  /** Lets the user pick one file; null when they cancel. */
  chooseFile(options: { accept?: string }): Promise<ChosenFile | null>;
  /** Small key-value storage kept across launches (persisted state, login tokens). */
  storage: KeyValueStorage;
}

export interface ChosenFile {
  name: string;
  size: number;
  /** Mini-program temporary path. */
  filePath?: string;
  /** Web File/Blob. */
  file?: unknown;
}

export interface KeyValueStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/** A storage in memory: for tests and for platforms without one. */
export function memoryStorage(): KeyValueStorage {
  const entries = new Map<string, string>();
  return {
    get: (key) => entries.get(key) ?? null,
    set: (key, value) => {
      entries.set(key, value);
    },
    remove: (key) => {
      entries.delete(key);
    },
  };
}
