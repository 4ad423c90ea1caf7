import { EmbeddedStore } from './embedded/store';
import { ErrorCode, StoreError } from './errors';
import type { Store, StoreOptions } from './types';

export { ErrorCode, StoreError } from './errors';
export { newId } from './object-id';
/** Whether a document matches a MongoDB-style filter, with the store's own query semantics. */
export { type CompiledFilter, compileFilter } from './semantics/query';
export type * from './types';

/**
 * Opens the embedded store (`{ dataDir }`: SQLite files, nothing to install) or a MongoDB
 * deployment (`{ mongodbUrl, dbPrefix? }`). Both behave the same through this API.
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  if (options && 'mongodbUrl' in options && typeof options.mongodbUrl === 'string') {
    const { openMongoStore } = await import('./mongodb/store'); // only load the driver when it is used
    return openMongoStore(options.mongodbUrl, options.dbPrefix);
  }
  if (options && 'dataDir' in options && typeof options.dataDir === 'string' && options.dataDir !== '') {
    return new EmbeddedStore({ ...options });
  }
  throw new StoreError(ErrorCode.BadValue, 'openStore needs { dataDir } or { mongodbUrl }');
}
