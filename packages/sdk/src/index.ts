export { type FileResult, type InitOptions, init, TesseraApp } from './app';
export { Auth, type LoginState, type User } from './auth';
export { Cms, type CmsEntry, type CmsFindOptions, CmsModel, type CmsOptions, type CmsPage, cms } from './cms';
export {
  type Command,
  command,
  LogicalQuery,
  QueryCommand,
  ServerDate,
  serializeUpdate,
  serializeWhere,
  UpdateCommand,
} from './command';
export { CollectionReference, Database, type DocumentData, DocumentReference, Query } from './database';
export { TesseraError } from './errors';
export { fetchTransport } from './fetch-transport';
export { localStoragePersistence, memoryPersistence, type Persistence, wxPersistence } from './persistence';
export type { Transport, TransportRequest, TransportResponse, TransportUpload } from './transport';
export { type WxLike, wxTransport } from './wx-transport';
