export { BundleError, type BundleOptions, type BundleProblem, bundleFunction, SDK_MODULE } from './bundle';
export { checkUrlAllowed, type FetchReply, type FetchRequest, guardedFetch } from './capabilities/fetch';
export {
  type Capabilities,
  CapabilityError,
  type CmsRequest,
  type DbMethod,
  type DbRequest,
  type StorageRequest,
} from './capabilities/types';
export {
  type FunctionManifest,
  type FunctionTrigger,
  MANIFEST_DEFAULTS,
  ManifestError,
  type ManifestIssue,
  type ResolvedManifest,
  resolveManifest,
  validateManifest,
} from './manifest';
export { createFunctionPool, FunctionPool, type FunctionPoolOptions, type InvokeRequest } from './pool';
export { nextRun, parseSchedule, tickKey } from './schedule';
export type {
  ErrorKind,
  FunctionBundle,
  FunctionContext,
  FunctionError,
  InvocationRecord,
  InvocationResult,
  LogEntry,
} from './types';
