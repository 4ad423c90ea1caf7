// @tessera/schema: the app schema protocol — generated types, precompiled validators,
// semantic checks, migrations and tree utilities.
export { translateAjvErrors } from './ajv-errors';
export { schemaDocuments } from './documents';
export * from './generated/types';
export * as validators from './generated/validators.js';
export { formatIssue, type SchemaIssue, type ValidationResult } from './issues';
export {
  CURRENT_SCHEMA_VERSION,
  type Migration,
  type MigrationResult,
  migrateApp,
  migrations,
} from './migrations';
export { escapeToken, parsePointer, resolvePointer, toPointer } from './pointer';
export type { ComponentCatalogue } from './semantic';
export {
  findNode,
  indexNodes,
  type NodeLocation,
  type NodeVisitor,
  parentOf,
  pathOf,
  walkNodes,
  walkPage,
} from './tree';
export { type ValidateOptions, validateApp } from './validate';
