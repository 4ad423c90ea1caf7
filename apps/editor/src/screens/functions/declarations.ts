/**
 * What function code sees, for monaco's TypeScript checker: `main(event, context)`, the globals
 * and `@tessera/function-sdk` (packages/functions/src/guest/sdk.ts is the source of truth).
 */
export const FUNCTION_DECLARATIONS = `
interface TesseraDocument { _id?: string; [field: string]: unknown }
interface TesseraFindOptions { sort?: Record<string, 1 | -1>; skip?: number; limit?: number; projection?: Record<string, 0 | 1> }
interface TesseraCollection {
  find(filter?: object, options?: TesseraFindOptions): Promise<TesseraDocument[]>;
  findOne(filter?: object, options?: TesseraFindOptions): Promise<TesseraDocument | null>;
  countDocuments(filter?: object): Promise<number>;
  insertOne(doc: object): Promise<{ insertedId: string }>;
  insertMany(docs: object[]): Promise<{ insertedIds: string[] }>;
  updateOne(filter: object, update: object, options?: object): Promise<{ matchedCount: number; modifiedCount: number; upsertedId?: string }>;
  updateMany(filter: object, update: object, options?: object): Promise<{ matchedCount: number; modifiedCount: number }>;
  deleteOne(filter: object): Promise<{ deletedCount: number }>;
  deleteMany(filter: object): Promise<{ deletedCount: number }>;
  findOneAndUpdate(filter: object, update: object, options?: object): Promise<TesseraDocument | null>;
  aggregate(pipeline: object[]): Promise<TesseraDocument[]>;
}
interface TesseraDatabase { collection(name: string): TesseraCollection }
/** The app's database; security rules apply to the calling user. db.admin() bypasses them. */
declare const db: TesseraDatabase & { admin(): TesseraDatabase };
declare const storage: {
  read(path: string, options?: { encoding?: 'utf8' | 'base64' }): Promise<{ path: string; content: string; contentType: string; size: number; encoding: 'utf8' | 'base64' }>;
  write(path: string, content: string, options?: { encoding?: 'utf8' | 'base64'; contentType?: string }): Promise<{ path: string; size: number }>;
  remove(path: string): Promise<{ deleted: boolean }>;
  list(prefix?: string): Promise<{ path: string; size: number }[]>;
  url(path: string): Promise<string>;
};
declare const cms: {
  list(model: string, query?: { filter?: object; sort?: Record<string, 1 | -1>; limit?: number; skip?: number; locale?: string; populate?: string[]; depth?: number; fields?: string[] }): Promise<TesseraDocument[]>;
  get(model: string, id: string, options?: { locale?: string; populate?: string[]; depth?: number; fields?: string[] }): Promise<TesseraDocument | null>;
};
/** Reaches only the hosts listed in the function's allowed hosts. */
declare function fetch(url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; ok: boolean; headers: { get(name: string): string | null }; text(): Promise<string>; json(): Promise<unknown> }>;
/** Environment variables and the secrets the manifest lists. */
declare const env: Record<string, string | undefined>;
interface TesseraContext {
  appId: string;
  requestId: string;
  auth: { uid: string; roles?: string[]; anonymous?: boolean } | null;
  trigger: { type: 'sdk' | 'http' | 'schedule' | 'database' | 'cms' | 'test'; [key: string]: unknown };
  functionName: string;
}
declare module '@tessera/function-sdk' {
  export { db, storage, cms, fetch, env };
  export const log: Console;
}
`;

/** The first file of a new function. */
export const STARTER_SOURCE = `// Called as callFunction({ name, data }) from the app: event is the data sent.
export async function main(event: any, context: TesseraContext) {
  if (!context.auth) throw new Error('Please sign in first');
  return { hello: context.auth.uid, got: event };
}
`;
