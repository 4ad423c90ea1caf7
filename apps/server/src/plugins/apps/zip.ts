import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { httpError } from '../../errors';

/** What `manifest.json` in an exported app zip says about its content. */
export interface AppManifest {
  format: 'tessera-app';
  formatVersion: 1;
  exportedAt: string;
  app: { id: string; name: string; version: number; schemaVersion: unknown };
}

const MAX_ENTRY_BYTES = 20 * 1024 * 1024;

export function writeAppZip(app: Record<string, unknown>, manifest: AppManifest): Uint8Array {
  return zipSync(
    {
      'manifest.json': strToU8(JSON.stringify(manifest, null, 2) + '\n'),
      'app.json': strToU8(JSON.stringify(app, null, 2) + '\n'),
    },
    { level: 6 },
  );
}

function parseEntry(name: string, bytes: Uint8Array | undefined): unknown {
  if (!bytes)
    throw httpError(400, `The zip has no ${name}`, [{ pointer: '', message: `${name} is missing` }]);
  try {
    return JSON.parse(strFromU8(bytes));
  } catch (error) {
    throw httpError(400, `${name} in the zip is not valid JSON: ${(error as Error).message}`, [
      { pointer: '', message: `${name}: ${(error as Error).message}` },
    ]);
  }
}

/** Reads an exported app zip; anything that is not a well-formed Tessera export is a 400. */
export function readAppZip(data: Uint8Array): { app: unknown; manifest: AppManifest } {
  let files: Record<string, Uint8Array>;
  try {
    // Only the two entries we know are inflated, and none bigger than the limit (zip bombs).
    files = unzipSync(data, {
      filter: (file) =>
        (file.name === 'app.json' || file.name === 'manifest.json') && file.originalSize <= MAX_ENTRY_BYTES,
    });
  } catch (error) {
    throw httpError(400, `Not a readable zip file: ${(error as Error).message}`);
  }
  const manifest = parseEntry('manifest.json', files['manifest.json']) as Partial<AppManifest> | null;
  if (typeof manifest !== 'object' || manifest === null || manifest.format !== 'tessera-app') {
    throw httpError(400, 'manifest.json does not describe a Tessera app export', [
      { pointer: '/format', message: 'must be "tessera-app"' },
    ]);
  }
  if (manifest.formatVersion !== 1) {
    throw httpError(400, `Unsupported export format version ${String(manifest.formatVersion)}`, [
      { pointer: '/formatVersion', message: 'must be 1' },
    ]);
  }
  const app = parseEntry('app.json', files['app.json']);
  return { app, manifest: manifest as AppManifest };
}
