/// <reference lib="dom" />
import { isOpenableUrl, type KeyValueStorage, memoryStorage, type Platform } from '@tessera/runtime-core';
import { type HistoryRouter, hrefOf } from './router';

export interface Toast {
  id: number;
  message: string;
  icon: string;
}

export interface ModalRequest {
  title: string;
  content: string;
  showCancel: boolean;
  confirmText: string;
  cancelText: string;
  answer(confirm: boolean): void;
}

/** Toasts and modals waiting to be shown: the app view subscribes and renders them. */
export class Feedback {
  toast: Toast | null = null;
  modal: ModalRequest | null = null;
  private readonly listeners = new Set<() => void>();
  private version = 0;
  private counter = 0;

  snapshot = () => this.version;

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  showToast(message: string, icon: string, duration: number): void {
    const id = ++this.counter;
    this.toast = { id, message, icon };
    this.changed();
    setTimeout(() => {
      if (this.toast?.id === id) {
        this.toast = null;
        this.changed();
      }
    }, duration);
  }

  showModal(request: Omit<ModalRequest, 'answer'>): Promise<boolean> {
    return new Promise((resolve) => {
      this.modal = {
        ...request,
        answer: (confirm) => {
          this.modal = null;
          this.changed();
          resolve(confirm);
        },
      };
      this.changed();
    });
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}

/** localStorage when the browser allows it (private modes may not), memory otherwise. */
export function browserStorage(): KeyValueStorage {
  try {
    const probe = '__tessera_probe__';
    localStorage.setItem(probe, '1');
    localStorage.removeItem(probe);
    return {
      get: (key) => localStorage.getItem(key),
      set: (key, value) => localStorage.setItem(key, value),
      remove: (key) => localStorage.removeItem(key),
    };
  } catch {
    return memoryStorage();
  }
}

/** The runtime's platform in a browser: history navigation, in-page toast and modal, file input. */
export function webPlatform(options: {
  router: HistoryRouter;
  routes: Record<string, { path: string }>;
  feedback: Feedback;
  storage?: KeyValueStorage;
}): Platform {
  const { router, routes, feedback } = options;
  return {
    async navigate({ page, path, params, replace }) {
      const route = routes[page];
      if (!route) throw new Error(`there is no page "${page}"`);
      router.push(hrefOf(path, params, route.path), replace);
    },
    async navigateBack(delta) {
      router.back(delta);
    },
    async showToast({ message, icon, duration }) {
      feedback.showToast(message, icon, duration);
    },
    showModal(modal) {
      return feedback.showModal(modal);
    },
    async openUrl(url, target) {
      // Checked again here: the platform is the last step before the browser follows a link.
      if (!isOpenableUrl(url)) throw new Error(`this link cannot be opened: ${url}`);
      if (target === 'blank') window.open(url, '_blank', 'noopener,noreferrer');
      else window.location.assign(url);
    },
    chooseFile({ accept }) {
      return new Promise((resolve) => {
        const input = document.createElement('input');
        input.type = 'file';
        if (accept)
          input.accept =
            accept === 'image' ? 'image/*' : accept === 'video' ? 'video/*' : accept === 'all' ? '' : accept;
        input.addEventListener('change', () => {
          const file = input.files?.[0];
          resolve(file ? { name: file.name, size: file.size, file } : null);
        });
        input.addEventListener('cancel', () => resolve(null));
        input.click();
      });
    },
    storage: options.storage ?? browserStorage(),
  };
}
