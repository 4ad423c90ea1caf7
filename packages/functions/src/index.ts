export { BundleError, type BundleOptions, type BundleProblem, bundleFunction, SDK_MODULE } from './bundle';
export { checkUrlAllowed, type FetchReply, type FetchRequest, guardedFetch } from './capabilities/fetch';
export { type DocumentStoreLike, dbFromStore } from './capabilities/store-db';
export {
  type Capabilities,
  CapabilityError,
  type CmsRequest,
  type DbMethod,
  type DbRequest,
  type StorageRequest,
} from './capabilities/types';
export { acquireLease, claimTick, LEASE_COLLECTION, type LeaseStore, releaseLease } from './lease';
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
export { type ScheduledJob, Scheduler, type SchedulerOptions } from './scheduler';
export type {
  ErrorKind,
  FunctionBundle,
  FunctionContext,
  FunctionError,
  InvocationRecord,
  InvocationResult,
  LogEntry,
} from './types';
