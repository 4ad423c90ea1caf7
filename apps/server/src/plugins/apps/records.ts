import type { FastifyRequest } from 'fastify';
import { httpError } from '../../errors';

export const APPS = 'apps';
export const APP_VERSIONS = 'appVersions';

/**
 * An app as stored on the platform. The AppSchema is kept as JSON text: its keys (`$expr`,
 * `$i18n`) are not valid field names for every store, and it is never queried inside.
 */
export type AppRecord = {
  _id: string;
  workspaceId: string;
  name: string;
  description: string;
  template: string | null;
  version: number;
  schemaJson: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  deletedAt: string | null;
};

/** Every saved draft, immutable; `_id` is `<appId>:<version>` so a version number is taken once. */
export type AppVersionRecord = {
  _id: string;
  appId: string;
  workspaceId: string;
  version: number;
  schemaJson: string;
  savedAt: string;
  savedBy: string;
  savedByEmail: string;
  message: string;
  restoredFrom: number | null;
};

export function versionId(appId: string, version: number): string {
  return `${appId}:${version}`;
}

export function appSummary(record: AppRecord) {
  return {
    id: record._id,
    workspaceId: record.workspaceId,
    name: record.name,
    description: record.description,
    template: record.template,
    version: record.version,
    createdAt: record.createdAt,
    createdBy: record.createdBy,
    updatedAt: record.updatedAt,
    updatedBy: record.updatedBy,
    deletedAt: record.deletedAt,
  };
}

export function appDetail(record: AppRecord) {
  return { ...appSummary(record), schema: JSON.parse(record.schemaJson) as Record<string, unknown> };
}

export function versionSummary(record: AppVersionRecord) {
  return {
    version: record.version,
    savedAt: record.savedAt,
    savedBy: record.savedBy,
    savedByEmail: record.savedByEmail,
    message: record.message,
    restoredFrom: record.restoredFrom,
  };
}

export const appSummarySchema = {
  type: 'object',
  required: ['id', 'workspaceId', 'name', 'version', 'createdAt', 'updatedAt', 'deletedAt'],
  properties: {
    id: { type: 'string' },
    workspaceId: { type: 'string' },
    name: { type: 'string' },
    description: { type: 'string' },
    template: { type: ['string', 'null'] },
    version: { type: 'integer' },
    createdAt: { type: 'string' },
    createdBy: { type: 'string' },
    updatedAt: { type: 'string' },
    updatedBy: { type: 'string' },
    deletedAt: { type: ['string', 'null'] },
  },
} as const;

export const appDetailSchema = {
  type: 'object',
  required: [...appSummarySchema.required, 'schema'],
  properties: { ...appSummarySchema.properties, schema: { type: 'object', additionalProperties: true } },
} as const;

export const versionSummarySchema = {
  type: 'object',
  required: ['version', 'savedAt', 'savedBy', 'message', 'restoredFrom'],
  properties: {
    version: { type: 'integer' },
    savedAt: { type: 'string' },
    savedBy: { type: 'string' },
    savedByEmail: { type: 'string' },
    message: { type: 'string' },
    restoredFrom: { type: ['integer', 'null'] },
  },
} as const;

/**
 * The version a write is based on: `If-Match: "3"` (or W/"3", or 3) or `?baseVersion=3`.
 * Without either, `required` makes it a 428 so nobody overwrites blindly.
 */
export function baseVersionOf(
  request: FastifyRequest,
  fromQuery: number | undefined,
  required: boolean,
): number | null {
  const header = request.headers['if-match'];
  if (typeof header === 'string' && header.trim() !== '') {
    const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(header.trim());
    if (!match)
      throw httpError(400, `If-Match must be the version number you edited, like "3" (got ${header})`);
    return Number(match[1]);
  }
  if (fromQuery !== undefined) return fromQuery;
  if (required) {
    throw httpError(
      428,
      'Say which version you edited: send If-Match: "<version>" (or ?baseVersion=<version>)',
    );
  }
  return null;
}
