/** JSON Schemas shared by several routes. */

export const idPattern = '^[0-9a-f]{24}$';

export const objectId = { type: 'string', pattern: idPattern } as const;

export const workspaceParams = {
  type: 'object',
  required: ['workspaceId'],
  additionalProperties: false,
  properties: { workspaceId: objectId },
} as const;

/** The AppSchema id format (`^[a-z][a-z0-9-]{1,62}$`); new apps get 'a' + 23 hex chars. */
export const appIdPattern = '^[a-z][a-z0-9-]{1,62}$';
export const appId = { type: 'string', pattern: appIdPattern } as const;

export const appParams = {
  type: 'object',
  required: ['appId'],
  additionalProperties: false,
  properties: { appId },
} as const;

export const isoDate = { type: 'string', format: 'date-time' } as const;

export const errorResponse = {
  type: 'object',
  description:
    'An error: statusCode, error, message, details (JSON pointers), and sometimes more (e.g. currentVersion)',
  required: ['statusCode', 'error', 'message'],
  additionalProperties: true,
  properties: {
    statusCode: { type: 'integer' },
    error: { type: 'string' },
    message: { type: 'string' },
    details: {
      type: 'array',
      items: {
        type: 'object',
        properties: { pointer: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
} as const;

export const roleSchema = {
  type: 'string',
  enum: ['viewer', 'content-editor', 'developer', 'owner'],
} as const;

/** A free-form JSON object (e.g. an app schema) that is passed through untouched. */
export const anyObject = { type: 'object', additionalProperties: true } as const;
