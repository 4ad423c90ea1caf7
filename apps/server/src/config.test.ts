import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, loadSecrets } from './config';

describe('loadConfig', () => {
  it('has a default for everything', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', logLevel: 'info', loginRateLimit: 10 });
    expect(config.dataDir).toBe(path.resolve('.data'));
    expect(config.mongodbUrl).toBeUndefined();
    expect(config.templatesDir).toMatch(/templates$/);
  });

  it('reads the environment', () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      TESSERA_DATA_DIR: '/tmp/x',
      MONGODB_URL: 'mongodb://127.0.0.1/t',
      TESSERA_ADMIN_EMAIL: 'me@example.test',
      TESSERA_ADMIN_PASSWORD: 'secret-pass',
    });
    expect(config).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      dataDir: '/tmp/x',
      mongodbUrl: 'mongodb://127.0.0.1/t',
      adminEmail: 'me@example.test',
      adminPassword: 'secret-pass',
    });
  });

  it('refuses a bad port with a clear message', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT must be a non-negative integer, got "eighty"/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of/);
  });
});

describe('loadSecrets', () => {
  it('generates secrets once, keeps them (0600), and completes missing ones', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tessera-secrets-'));
    try {
      const first = await loadSecrets(dir);
      expect(first.cookieSecret.length).toBeGreaterThanOrEqual(32);
      expect(await loadSecrets(dir)).toEqual(first);
      const file = path.join(dir, 'secrets.json');
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      await writeFile(file, JSON.stringify({ cookieSecret: first.cookieSecret }));
      const completed = await loadSecrets(dir);
      expect(completed.cookieSecret).toBe(first.cookieSecret);
      expect(completed.urlSecret.length).toBeGreaterThanOrEqual(32);
      expect(JSON.parse(await readFile(file, 'utf8')).urlSecret).toBe(completed.urlSecret);
      await writeFile(file, '{ broken');
      await expect(loadSecrets(dir)).rejects.toThrow(/Cannot read/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
