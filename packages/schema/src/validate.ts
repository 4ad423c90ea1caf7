// validateApp: structure (precompiled ajv) + semantics, as one list of plain-word issues.
import { translateAjvErrors } from './ajv-errors';
import * as validators from './generated/validators.js';
import type { SchemaIssue, ValidationResult } from './issues';
import { CURRENT_SCHEMA_VERSION, migrateApp } from './migrations';
import { type ComponentCatalogue, SemanticChecker } from './semantic';

export interface ValidateOptions {
  /** component metadata by name; without it component, prop and children rules are not checked */
  catalogue?: ComponentCatalogue;
  /** migrate an older document first (on a copy) and validate the result; default false */
  migrate?: boolean;
}

function versionIssue(app: unknown): SchemaIssue | undefined {
  if (app === null || typeof app !== 'object' || Array.isArray(app)) return undefined;
  const version = (app as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version !== 'number' || version === CURRENT_SCHEMA_VERSION) return undefined;
  if (Number.isInteger(version) && version >= 1 && version < CURRENT_SCHEMA_VERSION) {
    return {
      pointer: '/schemaVersion',
      message: `the app uses schema version ${version}; upgrade it with migrateApp() (or validateApp(app, { migrate: true })) to version ${CURRENT_SCHEMA_VERSION}`,
    };
  }
  if (Number.isInteger(version) && version > CURRENT_SCHEMA_VERSION) {
    return {
      pointer: '/schemaVersion',
      message: `schema version ${version} is newer than this Tessera understands (${CURRENT_SCHEMA_VERSION}); update Tessera`,
    };
  }
  return undefined;
}

/**
 * Checks an app document: its structure against schemas/app.schema.json, then references,
 * expressions and (with a catalogue) component rules. Never throws.
 * It does not migrate unless `migrate: true`: callers normally run migrateApp() first.
 */
export function validateApp(app: unknown, options: ValidateOptions = {}): ValidationResult {
  try {
    const doc = options.migrate ? migrateApp(app).app : app;
    const version = versionIssue(doc);
    if (version) return { valid: false, errors: [version] };
    const errors: SchemaIssue[] = [];
    if (!validators.appQuick(doc) && !validators.app(doc)) {
      errors.push(...translateAjvErrors(validators.app.errors ?? [], doc));
    }
    if (doc !== null && typeof doc === 'object' && !Array.isArray(doc)) {
      errors.push(...new SemanticChecker(doc as Record<string, unknown>, options.catalogue).run());
    }
    return { valid: errors.length === 0, errors };
  } catch (error) {
    // A bug in a check must not crash the caller; report it where it can be seen.
    return {
      valid: false,
      errors: [{ pointer: '', message: `internal validator error: ${(error as Error).message}` }],
    };
  }
}
