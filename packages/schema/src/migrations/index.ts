// The migration registry: every step from version 1 to CURRENT_SCHEMA_VERSION, in order.
// To change the protocol: bump `const` of schemaVersion in schemas/app.schema.json, add
// `NNN-what-changed.ts` here (NNN = the new version) and list it below.
import { localesAndHome } from './002-locales-and-home';
import type { Migration } from './types';

export type { Migration } from './types';

export const migrations: readonly Migration[] = [localesAndHome];

export const CURRENT_SCHEMA_VERSION = 2;

export interface MigrationResult {
  app: unknown;
  /** version the input had; 0 when it had none (or not a positive whole number) */
  from: number;
  /** version of the returned document */
  to: number;
}

/**
 * Upgrades an app document to CURRENT_SCHEMA_VERSION, step by step, without touching the input.
 * Documents without a usable schemaVersion, or newer than this code knows, are returned unchanged
 * (validateApp then reports why). Never throws for bad input.
 */
export function migrateApp(app: unknown): MigrationResult {
  if (app === null || typeof app !== 'object' || Array.isArray(app)) return { app, from: 0, to: 0 };
  const version = (app as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return { app, from: 0, to: 0 };
  if (version >= CURRENT_SCHEMA_VERSION) return { app, from: version, to: version };
  let doc = structuredClone(app) as Record<string, unknown>;
  for (let v = version; v < CURRENT_SCHEMA_VERSION; v++) {
    const step = migrations.find((m) => m.from === v);
    if (!step) throw new Error(`no migration from schema version ${v}; the registry is incomplete`);
    doc = step.migrate(doc);
    doc.schemaVersion = step.to;
  }
  return { app: doc, from: version, to: CURRENT_SCHEMA_VERSION };
}
