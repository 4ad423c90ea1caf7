import type { Readable } from 'node:stream';

/**
 * Where file bytes live. Keys are `<appId>/<checked cloud path>`. The local-filesystem adapter is the
 * default; an S3-compatible adapter implements the same four methods (put via multipart upload,
 * get via GetObject streaming, delete via DeleteObject).
 */
export interface StorageAdapter {
  /**
   * Stores the stream under `key`, replacing any previous object only once the stream ended without
   * error. Must listen to `body`'s errors before its first await (the stream can fail at any time).
   */
  put(key: string, body: Readable): Promise<{ size: number }>;
  /** The stored bytes, or null when there is no such object. */
  get(key: string): Promise<{ body: Readable; size: number } | null>;
  delete(key: string): Promise<boolean>;
  /** Removes every object of an app (when the app is deleted for good). */
  deleteApp(appId: string): Promise<void>;
}
