// JSON Schemas shared by the app database's route files.
import { errorResponse, objectId } from '../../schemas';

export const collectionParams = {
  type: 'object',
  required: ['appId', 'collection'],
  properties: { appId: objectId, collection: { type: 'string', maxLength: 64 } },
} as const;

export interface CollectionParams {
  appId: string;
  collection: string;
}

export const errors = {
  400: errorResponse,
  401: errorResponse,
  403: errorResponse,
  404: errorResponse,
  409: errorResponse,
};
