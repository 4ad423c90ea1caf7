import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../errors';
import { type AppManifest, readAppZip, writeAppZip } from './zip';

const manifest: AppManifest = {
  format: 'tessera-app',
  formatVersion: 1,
  exportedAt: '2026-01-01T00:00:00.000Z',
  app: { id: 'a1', name: 'A', version: 3, schemaVersion: 2 },
};

function refusal(data: Uint8Array): HttpError {
  try {
    readAppZip(data);
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('app zip', () => {
  it('round-trips app.json and manifest.json', () => {
    const app = { id: 'a1', name: 'A', pages: [] };
    expect(readAppZip(writeAppZip(app, manifest))).toEqual({ app, manifest });
  });

  it('refuses bytes that are not a zip', () => {
    const error = refusal(strToU8('hello, not a zip'));
    expect(error.statusCode).toBe(400);
    expect(error.message).toMatch(/zip/);
  });

  it('refuses a zip without app.json or with broken JSON', () => {
    const noApp = zipSync({ 'manifest.json': strToU8(JSON.stringify(manifest)) });
    expect(refusal(noApp).message).toMatch(/no app\.json/);
    const broken = zipSync({
      'manifest.json': strToU8(JSON.stringify(manifest)),
      'app.json': strToU8('{ nope'),
    });
    expect(refusal(broken).message).toMatch(/app\.json .*not valid JSON/);
  });

  it('refuses a zip whose manifest is not a Tessera export', () => {
    const other = zipSync({ 'manifest.json': strToU8('{"format":"other"}'), 'app.json': strToU8('{}') });
    expect(refusal(other).details?.[0]?.pointer).toBe('/format');
  });
});
