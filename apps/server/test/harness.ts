import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../src/config';
import { startServer } from '../src/index';

export const ADMIN_EMAIL = 'admin@example.test';
export const ADMIN_PASSWORD = 'admin-password-1';

// biome-ignore lint/suspicious/noExplicitAny: reply bodies are arbitrary JSON that each test inspects
export type Json = any;

export interface Reply<T = Json> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

export interface RequestOptions {
  body?: unknown;
  /** Raw bytes sent as-is (e.g. a zip); `body` is sent as JSON otherwise. */
  raw?: Uint8Array | string;
  headers?: Record<string, string>;
}

/** A builder talking to the server over real HTTP, with a session token (bearer) or cookies. */
export class Client {
  constructor(
    readonly baseUrl: string,
    readonly auth: { token?: string; cookie?: string; csrfToken?: string } = {},
    readonly account?: { id: string; email: string },
  ) {}

  async request<T = Json>(method: string, url: string, options: RequestOptions = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    let body: RequestInit['body'];
    if (options.raw !== undefined) {
      body = options.raw as RequestInit['body'];
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    if (this.auth.token && !('authorization' in headers)) headers.authorization = `Bearer ${this.auth.token}`;
    if (this.auth.cookie) headers.cookie = this.auth.cookie;
    if (this.auth.csrfToken && !('x-csrf-token' in headers)) headers['x-csrf-token'] = this.auth.csrfToken;
    const response = await fetch(this.baseUrl + url, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('application/json') && text)
      parsed = JSON.parse(text);
    return { status: response.status, body: parsed as T, headers: response.headers, text };
  }

  async bytes(url: string): Promise<{ status: number; bytes: Uint8Array; headers: Headers }> {
    const headers: Record<string, string> = {};
    if (this.auth.token) headers.authorization = `Bearer ${this.auth.token}`;
    if (this.auth.cookie) headers.cookie = this.auth.cookie;
    const response = await fetch(this.baseUrl + url, { headers });
    return {
      status: response.status,
      bytes: new Uint8Array(await response.arrayBuffer()),
      headers: response.headers,
    };
  }

  get<T = Json>(url: string, options?: RequestOptions) {
    return this.request<T>('GET', url, options);
  }
  post<T = Json>(url: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('POST', url, { ...options, ...(body !== undefined ? { body } : {}) });
  }
  put<T = Json>(url: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('PUT', url, { ...options, ...(body !== undefined ? { body } : {}) });
  }
  patch<T = Json>(url: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('PATCH', url, { ...options, ...(body !== undefined ? { body } : {}) });
  }
  delete<T = Json>(url: string, options?: RequestOptions) {
    return this.request<T>('DELETE', url, options);
  }
}

/** Signs in over HTTP; `cookies: true` gives a browser-like client (cookie + CSRF header). */
export async function login(
  baseUrl: string,
  email: string,
  password: string,
  options: { cookies?: boolean } = {},
): Promise<Client> {
  const anonymous = new Client(baseUrl);
  const reply = await anonymous.post('/api/auth/login', { email, password });
  if (reply.status !== 200) throw new Error(`login ${email} failed: ${reply.status} ${reply.text}`);
  const account = { id: reply.body.account.id as string, email };
  if (!options.cookies) return new Client(baseUrl, { token: reply.body.token }, account);
  const cookie = reply.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return new Client(baseUrl, { cookie, csrfToken: reply.body.csrfToken }, account);
}

export interface TestServer {
  url: string;
  dataDir: string;
  app: FastifyInstance;
  admin: Client;
  /** The admin's default workspace. */
  workspaceId: string;
  anonymous: Client;
  login(email: string, password: string, options?: { cookies?: boolean }): Promise<Client>;
  /** Invites a new account into a workspace with a role (through the API) and signs it in. */
  member(workspaceId: string, role: string, owner?: Client): Promise<Client>;
  /** Creates a workspace owned by a fresh account; returns that owner and the workspace. */
  newWorkspace(name?: string): Promise<{ owner: Client; workspaceId: string }>;
  /** Stops the server; removes the data dir unless `keepData`. */
  close(options?: { keepData?: boolean }): Promise<void>;
}

let counter = 0;
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}@example.test`;
}

export async function makeDataDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'tessera-server-test-'));
}

/** A real server on a temp data dir (or the given one), port 0, quiet logs. */
export async function startTestServer(
  options: { dataDir?: string; config?: Partial<ServerConfig> } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await makeDataDir());
  const running = await startServer(
    {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      logLevel: 'silent',
      adminEmail: ADMIN_EMAIL,
      adminPassword: ADMIN_PASSWORD,
      loginRateLimit: 1000,
      ...options.config,
    },
    { handleSignals: false, printAdmin: false },
  );
  const url = running.url;
  const admin = await login(url, ADMIN_EMAIL, ADMIN_PASSWORD);
  const me = await admin.get('/api/auth/me');
  const workspaceId = me.body.workspaces[0]?.id as string;

  const member = async (wsId: string, role: string, owner: Client = admin): Promise<Client> => {
    const email = uniqueEmail(role);
    const invited = await owner.post(`/api/workspaces/${wsId}/members`, { email, role });
    if (invited.status !== 201) throw new Error(`invite failed: ${invited.status} ${invited.text}`);
    const password = 'member-password-1';
    const accepted = await new Client(url).post('/api/auth/accept-invite', {
      token: invited.body.inviteToken,
      password,
    });
    if (accepted.status !== 200) throw new Error(`accept-invite failed: ${accepted.status} ${accepted.text}`);
    return new Client(url, { token: accepted.body.token }, { id: accepted.body.account.id, email });
  };

  return {
    url,
    dataDir,
    app: running.app,
    admin,
    workspaceId,
    anonymous: new Client(url),
    login: (email, password, opts) => login(url, email, password, opts),
    member,
    async newWorkspace(name = 'Partner workspace') {
      const created = await admin.post('/api/workspaces', { name });
      if (created.status !== 201) throw new Error(`workspace failed: ${created.status} ${created.text}`);
      const owner = await member(created.body.id, 'owner');
      // The admin created it; leave only the fresh owner so the admin is no member there.
      await owner.delete(`/api/workspaces/${created.body.id}/members/${admin.account?.id}`);
      return { owner, workspaceId: created.body.id as string };
    },
    async close({ keepData = false } = {}) {
      await running.close();
      if (!keepData && !options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const repoRoot = path.resolve(import.meta.dirname, '../../..');

export interface ChildServer {
  url: string;
  process: ChildProcess;
  /** Resolves with the exit code or signal. */
  exited: Promise<string>;
  stdout: () => string;
}

/** The server in its own process (as `tessera start` runs it), for restart, multi-process and crash tests. */
export async function spawnServer(
  dataDir: string,
  env: Record<string, string> = {},
  options: { startTimeoutMs?: number } = {},
): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'apps/server/src/main.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      TESSERA_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      TESSERA_ADMIN_EMAIL: ADMIN_EMAIL,
      TESSERA_ADMIN_PASSWORD: ADMIN_PASSWORD,
      TESSERA_LOGIN_RATE_LIMIT: '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => {
    out += String(chunk);
  });
  child.stderr.on('data', (chunk) => {
    err += String(chunk);
  });
  const exited = new Promise<string>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? String(code))),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in time:\n${out}\n${err}`)),
      // Generous: a cold start transpiles the whole server, slow on a busy 2-core machine.
      options.startTimeoutMs ?? 60_000,
    );
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', check);
    exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${how}) before listening:\n${out}\n${err}`));
    });
  });
  return { url, process: child, exited, stdout: () => out };
}

/** Reads until `done` says yes (every `everyMs`), or throws after `timeoutMs` with the last value read. */
export async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  { timeoutMs = 15_000, everyMs = 50 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Stops the child servers still running (SIGTERM) and waits for them to exit. */
export async function stopChildren(children: ChildServer[]): Promise<void> {
  for (const child of children) {
    if (child.process.exitCode === null && child.process.signalCode === null) {
      child.process.kill('SIGTERM');
      await child.exited;
    }
  }
}
