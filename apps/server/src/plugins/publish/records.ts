import type { PackageSize } from '@tessera/compiler';

export const PUBLISHES = 'publishes';
/** One document per app (`_id` = app id): which succeeded publish `/sites/:appId/` serves. */
export const PUBLISH_SITES = 'publishSites';

export type PublishTarget = 'web' | 'mp' | 'app';
export const PUBLISH_TARGETS: readonly PublishTarget[] = ['web', 'mp', 'app'];

export type PublishStatus = 'running' | 'succeeded' | 'failed';
export type StepStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';
export type StepName = 'validate' | 'compile-web' | 'compile-mp' | 'compile-app' | 'package' | 'activate';
export const STEP_NAMES: readonly StepName[] = [
  'validate',
  'compile-web',
  'compile-mp',
  'compile-app',
  'package',
  'activate',
];

export interface PublishStep {
  name: StepName;
  status: StepStatus;
  /** 0..1 within the step. */
  progress: number;
  /** Wall time of the step once it ended; null before. */
  ms: number | null;
}

export interface TargetSize {
  /** Number of output files and their total bytes. */
  files: number;
  bytes: number;
}

export interface PublishSizes {
  web?: TargetSize;
  mp?: TargetSize & { packages: PackageSize[] };
  app?: TargetSize;
  /** Bytes of the downloadable zips. */
  zips: { mp?: number; app?: number };
}

export interface PublishResult {
  /** Where this build is (or was, when another one is active) served; null without the web target. */
  webUrl: string | null;
  /** Download routes of the zips (same origin, need a builder session). */
  downloads: { mp: string | null; app: string | null };
  sizes: PublishSizes;
  warnings: string[];
}

export interface PublishProblem {
  pointer: string;
  message: string;
  /** The page-tree node the pointer is inside of, for "go to node" links. */
  nodeId?: string;
  /** The page (by id) the pointer is inside of. */
  pageId?: string;
}

export interface PublishError {
  message: string;
  /** The step that failed. */
  step: StepName | null;
  details: PublishProblem[];
}

export type PublishRecord = {
  _id: string;
  appId: string;
  workspaceId: string;
  /** The draft version that was built. */
  appVersion: number;
  targets: PublishTarget[];
  note: string;
  status: PublishStatus;
  steps: PublishStep[];
  result: PublishResult | null;
  error: PublishError | null;
  createdAt: string;
  createdBy: string;
  createdByEmail: string;
  /** Last progress write or heartbeat: a running publish not updated for long belongs to a server that stopped. */
  updatedAt: string;
  /** The server process (plugin instance) running the build. */
  runner: string;
  finishedAt: string | null;
  /** Server the mini-program and app builds talk to. */
  serverUrl: string;
};

export type SiteRecord = {
  _id: string;
  publishId: string;
  workspaceId: string;
  activatedAt: string;
  activatedBy: string;
};

/** A publish as the API answers it. */
export function publishView(record: PublishRecord, activePublishId: string | null) {
  return {
    id: record._id,
    appId: record.appId,
    appVersion: record.appVersion,
    targets: record.targets,
    note: record.note,
    status: record.status,
    active: record._id === activePublishId,
    steps: record.steps,
    result: record.result,
    error: record.error,
    createdAt: record.createdAt,
    createdBy: record.createdBy,
    createdByEmail: record.createdByEmail,
    finishedAt: record.finishedAt,
  };
}

export type PublishView = ReturnType<typeof publishView>;

const targetSize = {
  type: 'object',
  properties: { files: { type: 'integer' }, bytes: { type: 'integer' } },
} as const;

const packageSize = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    bytes: { type: 'integer' },
    budget: { type: 'integer' },
    over: { type: 'boolean' },
  },
} as const;

export const publishSchema = {
  type: 'object',
  required: ['id', 'appId', 'status', 'active', 'steps', 'targets', 'createdAt'],
  properties: {
    id: { type: 'string' },
    appId: { type: 'string' },
    appVersion: { type: 'integer' },
    targets: { type: 'array', items: { type: 'string', enum: PUBLISH_TARGETS } },
    note: { type: 'string' },
    status: { type: 'string', enum: ['running', 'succeeded', 'failed'] },
    active: { type: 'boolean', description: 'this publish is the web version /sites/:appId/ serves' },
    steps: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string', enum: STEP_NAMES },
          status: { type: 'string', enum: ['pending', 'running', 'succeeded', 'failed', 'skipped'] },
          progress: { type: 'number' },
          ms: { type: ['integer', 'null'] },
        },
      },
    },
    result: {
      type: ['object', 'null'],
      properties: {
        webUrl: { type: ['string', 'null'] },
        downloads: {
          type: 'object',
          properties: { mp: { type: ['string', 'null'] }, app: { type: ['string', 'null'] } },
        },
        sizes: {
          type: 'object',
          properties: {
            web: targetSize,
            mp: {
              type: 'object',
              properties: { ...targetSize.properties, packages: { type: 'array', items: packageSize } },
            },
            app: targetSize,
            zips: {
              type: 'object',
              properties: { mp: { type: 'integer' }, app: { type: 'integer' } },
            },
          },
        },
        warnings: { type: 'array', items: { type: 'string' } },
      },
    },
    error: {
      type: ['object', 'null'],
      properties: {
        message: { type: 'string' },
        step: { type: ['string', 'null'] },
        details: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              pointer: { type: 'string' },
              message: { type: 'string' },
              nodeId: { type: 'string' },
              pageId: { type: 'string' },
            },
          },
        },
      },
    },
    createdAt: { type: 'string' },
    createdBy: { type: 'string' },
    createdByEmail: { type: 'string' },
    finishedAt: { type: ['string', 'null'] },
  },
} as const;
