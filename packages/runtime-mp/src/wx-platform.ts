import type { ChosenFile, Platform } from '@tessera/runtime-core';

/** The part of the `wx` API the runtime uses (typed loosely: it is the host's object). */
export type Wx = Record<string, (...args: unknown[]) => unknown>;

function call<T>(wx: Wx, name: string, options: Record<string, unknown> = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const fn = wx[name];
    if (typeof fn !== 'function') {
      reject(new Error(`wx.${name} is not available`));
      return;
    }
    fn({
      ...options,
      success: resolve,
      fail: (error: { errMsg?: string }) => reject(new Error(error?.errMsg ?? `wx.${name} failed`)),
    });
  });
}

/** Page routes of the compiled app: page id → `/pages/<id>/index`, and which are tab pages. */
export interface Routes {
  pages: Record<string, string>;
  tabs: string[];
}

/** The runtime's platform on WeChat: navigation, toast, modal, clipboard for links, media chooser, storage. */
export function wxPlatform(wx: Wx, routes: Routes): Platform {
  return {
    async navigate({ page, params, replace }) {
      const route = routes.pages[page];
      if (!route) throw new Error(`there is no page "${page}"`);
      if (routes.tabs.includes(page)) {
        await call(wx, 'switchTab', { url: route });
        return;
      }
      const query = Object.entries(params)
        .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
        .join('&');
      await call(wx, replace ? 'redirectTo' : 'navigateTo', { url: query ? `${route}?${query}` : route });
    },
    async navigateBack(delta) {
      await call(wx, 'navigateBack', { delta });
    },
    async showToast({ message, icon, duration }) {
      await call(wx, 'showToast', { title: message, icon, duration });
    },
    async showModal(modal) {
      const result = await call<{ confirm: boolean }>(wx, 'showModal', { ...modal });
      return result.confirm === true;
    },
    async openUrl(url) {
      // Mini-programs cannot open arbitrary web pages: phone numbers are dialled, links copied.
      if (url.startsWith('tel:')) {
        await call(wx, 'makePhoneCall', { phoneNumber: url.slice(4) });
        return;
      }
      await call(wx, 'setClipboardData', { data: url });
    },
    async chooseFile({ accept }) {
      try {
        if (accept === 'image' || accept === 'video' || accept === undefined) {
          const result = await call<{ tempFiles: { tempFilePath: string; size: number }[] }>(
            wx,
            'chooseMedia',
            {
              count: 1,
              mediaType: [accept === 'video' ? 'video' : 'image'],
            },
          );
          const file = result.tempFiles[0];
          return file ? fileOf(file.tempFilePath, file.size) : null;
        }
        const result = await call<{ tempFiles: { path: string; size: number; name: string }[] }>(
          wx,
          'chooseMessageFile',
          {
            count: 1,
            type: 'file',
          },
        );
        const file = result.tempFiles[0];
        return file ? { name: file.name, size: file.size, filePath: file.path } : null;
      } catch {
        return null;
      }
    },
    storage: {
      get: (key) => {
        const value = wx.getStorageSync?.(key);
        return typeof value === 'string' && value !== '' ? value : null;
      },
      set: (key, value) => {
        wx.setStorageSync?.(key, value);
      },
      remove: (key) => {
        wx.removeStorageSync?.(key);
      },
    },
  };
}

function fileOf(path: string, size: number): ChosenFile {
  return { name: path.split('/').pop() ?? 'file', size, filePath: path };
}

/** HTTP data sources over wx.request (mini-programs have no fetch). */
export function wxHttp(wx: Wx) {
  return (request: {
    url: string;
    method: string;
    headers: Record<string, string>;
    query: Record<string, unknown>;
    body?: unknown;
  }) => {
    const query = Object.entries(request.query)
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
      .join('&');
    const url = query ? `${request.url}${request.url.includes('?') ? '&' : '?'}${query}` : request.url;
    return call<{ statusCode: number; data: unknown }>(wx, 'request', {
      url,
      method: request.method,
      header: request.headers,
      ...(request.body === undefined ? {} : { data: request.body }),
    }).then((response) => {
      if (response.statusCode >= 400)
        throw new Error(`the request failed with status ${response.statusCode}`);
      return response.data;
    });
  };
}
