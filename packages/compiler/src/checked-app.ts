import { catalogue } from '@tessera/components';
import { type AppSchema, migrateApp, validateApp } from '@tessera/schema';
import { CompileError } from './errors';

/** The app migrated to the current schema version and validated; problems throw CompileError with pointers. */
export function checkedApp(input: unknown): AppSchema {
  const app = migratedApp(input);
  assertValid(app);
  return app;
}

/** The app migrated to the current schema version, not yet validated. */
export function migratedApp(input: unknown): AppSchema {
  return migrateApp(input).app as AppSchema;
}

/** Throws CompileError with every schema problem of `app`, each with its pointer. */
export function assertValid(app: AppSchema): void {
  const validation = validateApp(app, { catalogue });
  if (!validation.valid) throw new CompileError(validation.errors);
}
