import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { mkdir, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { StorageAdapter } from './adapter';
import { checkCloudPath, PathError } from './paths';

/** Files under `<root>/<appId>/<path>`; uploads are written to `<root>/.tmp` and renamed on success. */
export class LocalStorageAdapter implements StorageAdapter {
  private readonly root: string;
  private readonly temp: string;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.temp = path.join(this.root, '.tmp');
  }

  async put(key: string, body: Readable): Promise<{ size: number }> {
    const target = this.resolve(key);
    // The pipeline is attached before the first await: an upload stream can fail at any moment,
    // and an error with no listener would bring the process down.
    mkdirSync(this.temp, { recursive: true });
    const temporary = path.join(this.temp, `${randomBytes(12).toString('hex')}.part`);
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
    });
    const written = pipeline(body, createWriteStream(temporary, { flags: 'wx' }));
    try {
      await written;
      await mkdir(path.dirname(target), { recursive: true });
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return { size };
  }

  async get(key: string): Promise<{ body: Readable; size: number } | null> {
    const target = this.resolve(key);
    try {
      const info = await stat(target);
      if (!info.isFile()) return null;
      return { body: createReadStream(target), size: info.size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<boolean> {
    try {
      await unlink(this.resolve(key));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  async deleteApp(appId: string): Promise<void> {
    if (!/^[0-9a-f]{24}$/.test(appId)) throw new PathError(`Not an app id: ${appId}`);
    await rm(path.join(this.root, appId), { recursive: true, force: true });
  }

  /** The file for a key; checks again here so that no caller can reach outside the root. */
  private resolve(key: string): string {
    const slash = key.indexOf('/');
    const appId = key.slice(0, slash);
    if (slash < 0 || !/^[0-9a-f]{24}$/.test(appId)) throw new PathError(`Not a storage key: ${key}`);
    const cloudPath = checkCloudPath(key.slice(slash + 1));
    const appRoot = path.join(this.root, appId);
    const target = path.resolve(appRoot, ...cloudPath.split('/'));
    if (!target.startsWith(appRoot + path.sep)) throw new PathError('The cloud path leaves the bucket');
    return target;
  }
}
