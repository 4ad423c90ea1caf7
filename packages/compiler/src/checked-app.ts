import { catalogue } from '@tessera/components';
import { type AppSchema, migrateApp, validateApp } from '@tessera/schema';
import { CompileError } from './errors';

/** The app migrated to the current schema version and validated; problems throw CompileError with pointers. */
export function checkedApp(input: unknown): AppSchema {
  const { app } = migrateApp(input);
  const validation = validateApp(app, { catalogue });
  if (!validation.valid) throw new CompileError(validation.errors);
  return app as AppSchema;
}
