// Types for `import { db, ... } from '@tessera/function-sdk'` in function code (bundle.ts maps it to ./sdk.ts).
declare module '@tessera/function-sdk' {
  export const db: typeof import('./sdk').db;
  export const storage: typeof import('./sdk').storage;
  export const cms: typeof import('./sdk').cms;
  export const fetch: typeof import('./sdk').fetch;
  export const env: typeof import('./sdk').env;
  export const log: typeof import('./sdk').log;
  export type Document = import('./sdk').Document;
  export type FindOptions = import('./sdk').FindOptions;
  export type StoredFile = import('./sdk').StoredFile;
}
