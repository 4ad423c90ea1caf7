import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LocalStorageAdapter } from './local-adapter';
import { checkCloudPath, PathError, pathOfFileId } from './paths';

const appId = 'aaaaaaaaaaaaaaaaaaaaaaaa';

describe('cloud paths', () => {
  it('accepts ordinary paths, including unicode names and dots inside names', () => {
    for (const ok of ['a.png', 'avatars/u1/me.png', '图片/头像.jpg', 'a/.hidden', 'v1..2/x', 'a b/c'])
      expect(checkCloudPath(ok)).toBe(ok);
    expect(checkCloudPath('', { prefix: true })).toBe('');
    expect(checkCloudPath('avatars/', { prefix: true })).toBe('avatars/');
  });

  it.each([
    '',
    '..',
    '../x',
    'a/../../x',
    './x',
    'a/./b',
    '/abs',
    'a//b',
    'a/',
    'a\\b',
    'a\u0000b',
    'a\nb',
    'C:/x',
    'x/c:/y',
    '%2e%2e/x',
    'a%2Fb',
    '%5c',
    'a%00',
    'x'.repeat(513),
  ])('refuses %j', (bad) => {
    expect(() => checkCloudPath(bad)).toThrow(PathError);
  });

  it('reads file IDs of this app only', () => {
    expect(pathOfFileId(appId, `cloud://${appId}/a/b.png`)).toBe('a/b.png');
    for (const bad of [
      `cloud://${'b'.repeat(24)}/a.png`,
      `cloud://${appId}`,
      `cloud://${appId}/../x`,
      'a.png',
      42,
      `http://${appId}/a`,
    ])
      expect(() => pathOfFileId(appId, bad)).toThrow(PathError);
  });
});

describe('local adapter', () => {
  it('stores under the root and refuses keys that leave it', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'tessera-storage-'));
    try {
      const adapter = new LocalStorageAdapter(root);
      expect(await adapter.put(`${appId}/a/b.txt`, Readable.from([Buffer.from('hello')]))).toEqual({
        size: 5,
      });
      const stored = await adapter.get(`${appId}/a/b.txt`);
      expect(stored?.size).toBe(5);
      stored?.body.destroy();
      for (const key of [`${appId}/../x`, '../x', `${appId}`, `x/${appId}/a`, `${appId}/a\\..\\..\\x`])
        await expect(adapter.put(key, Readable.from([Buffer.from('x')]))).rejects.toThrow(PathError);
      expect(await adapter.get(`${appId}/missing`)).toBeNull();
      expect(await adapter.delete(`${appId}/a/b.txt`)).toBe(true);
      expect(await adapter.delete(`${appId}/a/b.txt`)).toBe(false);
      expect(await readdir(path.join(root, '.tmp'))).toEqual([]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('leaves nothing behind when the stream fails', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'tessera-storage-'));
    try {
      const adapter = new LocalStorageAdapter(root);
      const failing = new Readable({
        read() {
          this.push(Buffer.alloc(1024));
          this.destroy(new Error('client went away'));
        },
      });
      await expect(adapter.put(`${appId}/broken.bin`, failing)).rejects.toThrow('client went away');
      expect(await readdir(path.join(root, '.tmp'))).toEqual([]);
      expect(await adapter.get(`${appId}/broken.bin`)).toBeNull();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
