import { catalogue } from '@tessera/components';
import { type ComponentCatalogue, migrateApp, validateApp } from '@tessera/schema';
import { httpError } from '../../errors';

export type AppDocument = Record<string, unknown> & { id?: unknown; name?: unknown };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every app schema that enters the server passes here: upgraded to the current schema version,
 * then validated (structure, semantics, component catalogue). Bad schemas are a 400 whose
 * details point at each problem. `forceId` sets the app id first (new apps, imports, copies);
 * `expectedId` refuses a schema that names another app.
 */
export function prepareAppSchema(
  input: unknown,
  options: { forceId?: string; expectedId?: string; forceName?: string } = {},
): AppDocument {
  if (!isPlainObject(input)) {
    throw httpError(400, 'The app schema must be a JSON object', [
      { pointer: '', message: 'must be an object' },
    ]);
  }
  let migrated: unknown;
  try {
    migrated = migrateApp(input).app;
  } catch (error) {
    throw httpError(400, `The app schema cannot be upgraded: ${(error as Error).message}`, [
      { pointer: '/schemaVersion', message: (error as Error).message },
    ]);
  }
  if (!isPlainObject(migrated)) {
    throw httpError(400, 'The app schema must be a JSON object', [
      { pointer: '', message: 'must be an object' },
    ]);
  }
  const app: AppDocument = { ...migrated };
  if (options.forceId) app.id = options.forceId;
  if (options.forceName) app.name = options.forceName;
  if (options.expectedId && app.id !== options.expectedId) {
    throw httpError(400, `The schema's id must be this app's id "${options.expectedId}"`, [
      { pointer: '/id', message: `must be "${options.expectedId}"` },
    ]);
  }
  const result = validateApp(app, { catalogue: catalogue as unknown as ComponentCatalogue });
  if (!result.valid) {
    const first = result.errors[0];
    const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more)` : '';
    throw httpError(
      400,
      `The app schema is invalid: ${first ? `${first.pointer || '/'}: ${first.message}` : 'unknown problem'}${more}`,
      result.errors.map((e) => ({ pointer: e.pointer, message: e.message })),
    );
  }
  return app;
}

/** The plain-text name of an app for lists (an i18n name gives its default-locale text). */
export function displayName(app: AppDocument): string {
  if (typeof app.name === 'string') return app.name;
  if (isPlainObject(app.name)) {
    // An i18n text is `{ $i18n: { "zh-CN": …, en: … } }` (value.schema.json).
    const texts = isPlainObject(app.name.$i18n) ? app.name.$i18n : app.name;
    const locales = isPlainObject(app.locales) ? app.locales : {};
    const preferred = typeof locales.default === 'string' ? texts[locales.default] : undefined;
    const text = preferred ?? Object.values(texts)[0];
    if (typeof text === 'string') return text;
  }
  return String(app.id ?? 'Untitled app');
}
