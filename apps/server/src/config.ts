import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface ServerConfig {
  /** TCP port; 0 picks a free one. */
  port: number;
  host: string;
  /** Where the embedded store, secrets and local files live. */
  dataDir: string;
  /** When set, the store is MongoDB instead of the embedded SQLite files. */
  mongodbUrl?: string;
  logLevel: LogLevel;
  /** First-run admin credentials; generated (and printed once) when absent. */
  adminEmail?: string;
  adminPassword?: string;
  /** Login attempts allowed per IP + email per minute. */
  loginRateLimit: number;
  /** Idle lifetime of a builder session, in seconds. */
  sessionTtlSeconds: number;
  /** Where app templates are read from (`<templatesDir>/<name>/app.json`). */
  templatesDir: string;
  /** Behind a reverse proxy: take the client IP and protocol from X-Forwarded-* headers. */
  trustProxy: boolean;
  /** The built editor (apps/editor/src/build.ts output) served at `/`; without it `/` says how to build it. */
  editorDir?: string;
  /** On the first start, also create a demo workspace with one app per template (TESSERA_DEMO_WORKSPACE=1). */
  demoWorkspace?: boolean;
  /** Succeeded publishes per app whose files are kept (besides the one served); 0 keeps all. */
  publishKeep: number;
}

const repoRoot = path.resolve(import.meta.dirname, '../../..');

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

/** Reads the server configuration from environment variables, with defaults for everything. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<ServerConfig> = {},
): ServerConfig {
  const level = (env.LOG_LEVEL || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(level))
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`);
  const config: ServerConfig = {
    port: intFrom(env.PORT, 3000, 'PORT'),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.TESSERA_DATA_DIR || './.data'),
    logLevel: level,
    loginRateLimit: intFrom(env.TESSERA_LOGIN_RATE_LIMIT, 10, 'TESSERA_LOGIN_RATE_LIMIT'),
    sessionTtlSeconds: intFrom(env.TESSERA_SESSION_TTL, 14 * 24 * 3600, 'TESSERA_SESSION_TTL'),
    templatesDir: path.resolve(env.TESSERA_TEMPLATES_DIR || path.join(repoRoot, 'templates')),
    trustProxy: env.TESSERA_TRUST_PROXY === '1' || env.TESSERA_TRUST_PROXY === 'true',
    publishKeep: intFrom(env.TESSERA_PUBLISH_KEEP, 10, 'TESSERA_PUBLISH_KEEP'),
  };
  if (env.MONGODB_URL) config.mongodbUrl = env.MONGODB_URL;
  if (env.TESSERA_DEMO_WORKSPACE)
    config.demoWorkspace = !['0', 'false', 'no'].includes(env.TESSERA_DEMO_WORKSPACE.toLowerCase());
  if (env.TESSERA_EDITOR_DIR) config.editorDir = path.resolve(env.TESSERA_EDITOR_DIR);
  if (env.TESSERA_ADMIN_EMAIL) config.adminEmail = env.TESSERA_ADMIN_EMAIL;
  if (env.TESSERA_ADMIN_PASSWORD) config.adminPassword = env.TESSERA_ADMIN_PASSWORD;
  return { ...config, ...overrides };
}

/** Completes a partial configuration (as tests and the CLI pass it) with the defaults. */
export function resolveConfig(partial: Partial<ServerConfig> = {}): ServerConfig {
  return loadConfig({}, stripUndefined(partial));
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Secrets generated on first start and kept in the data dir, readable by the owner only. */
export interface ServerSecrets {
  /** Signs cookies. */
  cookieSecret: string;
  /** Signs app end-user tokens. */
  tokenSecret: string;
  /** Signs temporary file URLs. */
  urlSecret: string;
}

const SECRET_NAMES = ['cookieSecret', 'tokenSecret', 'urlSecret'] as const;

export async function loadSecrets(dataDir: string): Promise<ServerSecrets> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, 'secrets.json');
  let stored: Partial<ServerSecrets> = {};
  try {
    stored = JSON.parse(await readFile(file, 'utf8')) as Partial<ServerSecrets>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(
        `Cannot read ${file}: ${(error as Error).message}. Fix or delete it (sessions stay valid).`,
      );
    }
  }
  const secrets = { ...stored } as ServerSecrets;
  let changed = false;
  for (const name of SECRET_NAMES) {
    if (typeof secrets[name] !== 'string' || secrets[name].length < 32) {
      secrets[name] = randomBytes(32).toString('base64url');
      changed = true;
    }
  }
  if (changed) {
    // 'wx' would fail when another process won the race; then we read theirs.
    try {
      await writeFile(file, JSON.stringify(secrets, null, 2) + '\n', {
        mode: 0o600,
        flag: stored.cookieSecret ? 'w' : 'wx',
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadSecrets(dataDir);
      throw error;
    }
  }
  await chmod(file, 0o600);
  return secrets;
}
