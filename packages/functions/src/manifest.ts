import { parseSchedule } from './schedule';

// The shape of schemas/function-manifest.schema.json; checked by hand at run time (see validateManifest)
// and against the JSON Schema itself with ajv in manifest.test.ts, so the two cannot drift apart silently.
export type FunctionTrigger =
  | { type: 'sdk' }
  | { type: 'http'; path: string; methods?: HttpMethod[]; public?: boolean }
  | { type: 'schedule'; cron: string; timezone?: string }
  | { type: 'database'; collection: string; events?: ('insert' | 'update' | 'delete')[] }
  | { type: 'cms'; model?: string; events?: ('create' | 'update' | 'delete' | 'publish' | 'unpublish')[] };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface FunctionManifest {
  name: string;
  description?: string;
  runtime?: 'quickjs';
  entry?: string;
  timeoutMs?: number;
  memoryMb?: number;
  triggers?: FunctionTrigger[];
  env?: Record<string, string>;
  secrets?: string[];
  allowedHosts?: string[];
  dependencies?: Record<string, string>;
  concurrency?: number;
}

/** A manifest with every default filled in. */
export type ResolvedManifest = FunctionManifest &
  Required<
    Pick<
      FunctionManifest,
      'runtime' | 'timeoutMs' | 'memoryMb' | 'triggers' | 'env' | 'secrets' | 'allowedHosts' | 'dependencies'
    >
  >;

export interface ManifestIssue {
  pointer: string;
  message: string;
}

export const MANIFEST_DEFAULTS = { runtime: 'quickjs', timeoutMs: 3000, memoryMb: 64 } as const;

const NAME = /^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/;
const ENV_NAME = /^[A-Z_][A-Z0-9_]{0,127}$/;
const ENTRY = /^(?!\/)(?!.*\.\.)[^\\]+\.(ts|js|mjs|cjs)$/;
const HTTP_PATH = /^\/[A-Za-z0-9_\-./:]*$/;
const COLLECTION = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
const HOST = /^[^\s/?#@]+$/;
const TOP_LEVEL = new Set([
  '$schema',
  'name',
  'description',
  'runtime',
  'entry',
  'timeoutMs',
  'memoryMb',
  'triggers',
  'env',
  'secrets',
  'allowedHosts',
  'dependencies',
  'concurrency',
]);
const TRIGGER_KEYS: Record<string, { allowed: string[]; required: string[] }> = {
  sdk: { allowed: ['type'], required: [] },
  http: { allowed: ['type', 'methods', 'path', 'public'], required: ['path'] },
  schedule: { allowed: ['type', 'cron', 'timezone'], required: ['cron'] },
  database: { allowed: ['type', 'collection', 'events'], required: ['collection'] },
  cms: { allowed: ['type', 'model', 'events'], required: [] },
};
const TRIGGER_EVENTS: Record<string, string[]> = {
  http: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
  database: ['insert', 'update', 'delete'],
  cms: ['create', 'update', 'delete', 'publish', 'unpublish'],
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Checks a manifest against schemas/function-manifest.schema.json (and that cron expressions parse); never throws. */
export function validateManifest(manifest: unknown): { valid: boolean; errors: ManifestIssue[] } {
  const errors: ManifestIssue[] = [];
  const fail = (pointer: string, message: string) => errors.push({ pointer, message });
  if (!isObject(manifest)) {
    fail('', 'must be an object');
    return { valid: false, errors };
  }
  for (const key of Object.keys(manifest)) {
    if (!TOP_LEVEL.has(key)) fail(`/${escapePointer(key)}`, `unknown property "${key}"`);
  }
  const m = manifest;
  if (typeof m.name !== 'string' || !NAME.test(m.name)) {
    fail(
      '/name',
      'must be a name of letters, digits, "_" or "-", starting with a letter, at most 64 characters',
    );
  }
  if (m.description !== undefined && (typeof m.description !== 'string' || m.description.length > 1000)) {
    fail('/description', 'must be a string of at most 1000 characters');
  }
  if (m.runtime !== undefined && m.runtime !== 'quickjs') fail('/runtime', 'must be "quickjs"');
  if (m.entry !== undefined && (typeof m.entry !== 'string' || !ENTRY.test(m.entry))) {
    fail('/entry', 'must be a relative path inside the function folder ending in .ts, .js, .mjs or .cjs');
  }
  checkInteger(m.timeoutMs, '/timeoutMs', 10, 60000, fail);
  checkInteger(m.memoryMb, '/memoryMb', 8, 256, fail);
  checkInteger(m.concurrency, '/concurrency', 1, 1000, fail);
  if (m.triggers !== undefined) {
    if (!Array.isArray(m.triggers) || m.triggers.length > 20)
      fail('/triggers', 'must be an array of at most 20 triggers');
    else
      m.triggers.forEach((trigger, i) => {
        checkTrigger(trigger, `/triggers/${i}`, fail);
      });
  }
  if (m.env !== undefined) {
    if (!isObject(m.env)) fail('/env', 'must be an object of NAME: "value"');
    else
      for (const [key, value] of Object.entries(m.env)) {
        const pointer = `/env/${escapePointer(key)}`;
        if (!ENV_NAME.test(key)) fail(pointer, 'names must be UPPER_SNAKE_CASE');
        if (typeof value !== 'string' || value.length > 4096)
          fail(pointer, 'must be a string of at most 4096 characters');
      }
  }
  checkStringArray(
    m.secrets,
    '/secrets',
    fail,
    (item) => ENV_NAME.test(item),
    'must be an UPPER_SNAKE_CASE name',
  );
  if (Array.isArray(m.allowedHosts) && m.allowedHosts.length > 100)
    fail('/allowedHosts', 'must list at most 100 hosts');
  checkStringArray(
    m.allowedHosts,
    '/allowedHosts',
    fail,
    (item) => item.length >= 1 && item.length <= 300 && HOST.test(item),
    'must be a host such as "api.example.com", "api.example.com:8443", "*.example.com" or "127.0.0.1:8080"',
  );
  if (m.dependencies !== undefined) {
    if (!isObject(m.dependencies)) fail('/dependencies', 'must be an object of package: "version range"');
    else
      for (const [key, value] of Object.entries(m.dependencies)) {
        if (typeof value !== 'string' || value.length === 0) {
          fail(`/dependencies/${escapePointer(key)}`, 'must be a version range string');
        }
      }
  }
  return { valid: errors.length === 0, errors };
}

function checkInteger(
  value: unknown,
  pointer: string,
  min: number,
  max: number,
  fail: (p: string, m: string) => void,
) {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(pointer, `must be an integer from ${min} to ${max}`);
  }
}

function checkStringArray(
  value: unknown,
  pointer: string,
  fail: (p: string, m: string) => void,
  itemOk: (item: string) => boolean,
  itemMessage: string,
) {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    fail(pointer, 'must be an array of strings');
    return;
  }
  const seen = new Set<unknown>();
  value.forEach((item, i) => {
    if (typeof item !== 'string' || !itemOk(item)) fail(`${pointer}/${i}`, itemMessage);
    if (seen.has(item)) fail(`${pointer}/${i}`, `duplicate "${String(item)}"`);
    seen.add(item);
  });
}

function checkTrigger(trigger: unknown, pointer: string, fail: (p: string, m: string) => void) {
  if (!isObject(trigger) || typeof trigger.type !== 'string' || !(trigger.type in TRIGGER_KEYS)) {
    fail(`${pointer}/type`, 'must be one of "sdk", "http", "schedule", "database", "cms"');
    return;
  }
  const rule = TRIGGER_KEYS[trigger.type] as { allowed: string[]; required: string[] };
  for (const key of Object.keys(trigger)) {
    if (!rule.allowed.includes(key))
      fail(`${pointer}/${escapePointer(key)}`, `unknown property "${key}" for a ${trigger.type} trigger`);
  }
  for (const key of rule.required) {
    if (trigger[key] === undefined) fail(`${pointer}/${key}`, `is required for a ${trigger.type} trigger`);
  }
  const listKey = trigger.type === 'http' ? 'methods' : 'events';
  const choices = TRIGGER_EVENTS[trigger.type];
  if (choices && trigger[listKey] !== undefined) {
    const list = trigger[listKey];
    if (!Array.isArray(list) || list.length === 0)
      fail(`${pointer}/${listKey}`, `must be a non-empty array of ${choices.join(', ')}`);
    else
      checkStringArray(
        list,
        `${pointer}/${listKey}`,
        fail,
        (item) => choices.includes(item),
        `must be one of ${choices.join(', ')}`,
      );
  }
  if (trigger.type === 'http') {
    if (
      trigger.path !== undefined &&
      (typeof trigger.path !== 'string' || trigger.path.length > 200 || !HTTP_PATH.test(trigger.path))
    ) {
      fail(`${pointer}/path`, 'must start with "/" and use letters, digits, "_", "-", ".", "/" or ":param"');
    }
    if (trigger.public !== undefined && typeof trigger.public !== 'boolean')
      fail(`${pointer}/public`, 'must be true or false');
  }
  if (trigger.type === 'schedule') {
    if (typeof trigger.cron !== 'string' || trigger.cron.length < 9 || trigger.cron.length > 120) {
      fail(`${pointer}/cron`, 'must be a cron expression such as "*/5 * * * *"');
    } else {
      const timezone = typeof trigger.timezone === 'string' ? trigger.timezone : undefined;
      try {
        parseSchedule(trigger.cron, timezone);
      } catch (error) {
        fail(`${pointer}/cron`, (error as Error).message);
      }
    }
    if (
      trigger.timezone !== undefined &&
      (typeof trigger.timezone !== 'string' || trigger.timezone.length > 64)
    ) {
      fail(`${pointer}/timezone`, 'must be an IANA time zone name such as "Asia/Shanghai"');
    }
  }
  if (trigger.type === 'database' && trigger.collection !== undefined) {
    if (typeof trigger.collection !== 'string' || !COLLECTION.test(trigger.collection))
      fail(`${pointer}/collection`, 'must be a collection name');
  }
  if (trigger.type === 'cms' && trigger.model !== undefined) {
    if (typeof trigger.model !== 'string' || !COLLECTION.test(trigger.model))
      fail(`${pointer}/model`, 'must be a content model name');
  }
}

/** Validates and fills defaults; throws ManifestError listing every problem. */
export function resolveManifest(manifest: unknown): ResolvedManifest {
  const { valid, errors } = validateManifest(manifest);
  if (!valid) throw new ManifestError(errors);
  const m = manifest as FunctionManifest;
  return {
    ...m,
    runtime: 'quickjs',
    timeoutMs: m.timeoutMs ?? MANIFEST_DEFAULTS.timeoutMs,
    memoryMb: m.memoryMb ?? MANIFEST_DEFAULTS.memoryMb,
    triggers: m.triggers ?? [{ type: 'sdk' }],
    env: m.env ?? {},
    secrets: m.secrets ?? [],
    allowedHosts: m.allowedHosts ?? [],
    dependencies: m.dependencies ?? {},
  };
}

export class ManifestError extends Error {
  constructor(readonly errors: ManifestIssue[]) {
    super(`Invalid function manifest: ${errors.map((e) => `${e.pointer || '/'} ${e.message}`).join('; ')}`);
    this.name = 'ManifestError';
  }
}
