import type { Transport } from './transport';

/** The part of the mini-program `wx` object the SDK uses (typed here so the SDK needs no WeChat typings). */
export interface WxLike {
  request(options: {
    url: string;
    method?: string;
    header?: Record<string, string>;
    data?: string;
    dataType?: string;
    responseType?: string;
    success?(result: { statusCode: number; data: unknown; header?: Record<string, string> }): void;
    fail?(error: { errMsg: string }): void;
  }): unknown;
  uploadFile?(options: {
    url: string;
    filePath: string;
    name: string;
    header?: Record<string, string>;
    formData?: Record<string, string>;
    success?(result: { statusCode: number; data: string }): void;
    fail?(error: { errMsg: string }): void;
  }): unknown;
  login?(options: {
    success?(result: { code: string }): void;
    fail?(error: { errMsg: string }): void;
  }): unknown;
  getStorageSync?(key: string): unknown;
  setStorageSync?(key: string, value: unknown): void;
  removeStorageSync?(key: string): void;
}

/** The mini-program transport: wx.request for JSON calls and wx.uploadFile for files. */
export function wxTransport(wx: WxLike): Transport {
  return {
    request({ method, url, headers, body }) {
      return new Promise((resolve, reject) => {
        wx.request({
          url,
          method,
          header: headers,
          ...(body !== undefined ? { data: body } : {}),
          // Parse ourselves: wx only parses when the body is JSON, and errors are JSON too.
          dataType: 'text',
          responseType: 'text',
          success: (result) => resolve({ status: result.statusCode, body: parseMaybe(result.data) }),
          fail: (error) => reject(new Error(`wx.request failed: ${error.errMsg}`)),
        });
      });
    },
    upload({ url, headers, fields, filePath }) {
      return new Promise((resolve, reject) => {
        if (!wx.uploadFile) return reject(new Error('wx.uploadFile is not available'));
        if (!filePath) return reject(new TypeError('uploadFile in a mini-program needs `filePath`'));
        wx.uploadFile({
          url,
          filePath,
          name: 'file',
          header: headers,
          formData: fields,
          success: (result) => resolve({ status: result.statusCode, body: parseMaybe(result.data) }),
          fail: (error) => reject(new Error(`wx.uploadFile failed: ${error.errMsg}`)),
        });
      });
    },
  };
}

function parseMaybe(data: unknown): unknown {
  if (typeof data !== 'string' || data === '') return data;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}
