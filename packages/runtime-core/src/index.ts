// @tessera/runtime-core: renderer-neutral app and page runtime — state with path-based change
// tracking, compiled bindings, every action type, data sources and forms.
export { ACTION_TYPES, isOpenableUrl, runActions } from './actions';
export { AppRuntime, type AppRuntimeOptions } from './app';
export { type Reference, storePaths } from './dependencies';
export { ActionError, toErrorInfo } from './errors';
export {
  allowedImageUrl,
  type FileUrlOptions,
  FileUrlResolver,
  fileUrlsOf,
  type ImageSource,
  type TempFileUrl,
} from './file-urls';
export { checkField } from './forms';
export {
  type ActionOutcome,
  type Locals,
  type PageChangeListener,
  PageRuntime,
  type QueryState,
} from './page';
export { getIn, overlaps, type Path, setIn, splitPath } from './paths';
export { type ChosenFile, type KeyValueStorage, memoryStorage, type Platform } from './platform';
export { type SdkServicesOptions, sdkServices } from './sdk-services';
export { type AppServices, type FindOptions, offlineServices, type SignedInUser } from './services';
export { type ChangeListener, Store } from './store';
export type * from './types';
export { pickLocale, resolveMap, resolveValue, toText } from './values';
