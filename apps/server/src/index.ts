import { openStore } from '@tessera/store';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { loadSecrets, resolveConfig, type ServerConfig } from './config';
import { seedDemoWorkspace } from './plugins/apps/demo-workspace';
import { ensureFirstRunAdmin, type FirstRunAdmin } from './plugins/builder-auth/accounts';

/** How long a closing server lets busy connections finish before ending them. */
const CLOSE_GRACE_MS = 5000;

export { loadConfig, resolveConfig, type ServerConfig, type ServerSecrets } from './config';
export { type ErrorDetail, HttpError, httpError } from './errors';
export { type AuditEntryInput, recordAudit } from './plugins/audit/record';
export type { FirstRunAdmin } from './plugins/builder-auth/accounts';
export {
  type AppAccess,
  assertAppAccess,
  assertWorkspaceAccess,
  requireBuilder,
  roleAtLeast,
} from './plugins/builder-auth/guard';
export type { Builder, WorkspaceRole } from './types';

declare module 'fastify' {
  interface FastifyInstance {
    /** Credentials of the admin created by this start, when the store was empty. */
    firstRunAdmin: FirstRunAdmin | null;
  }
}

/**
 * Opens the store, loads (or generates) the secrets, composes the plugins and creates the
 * first-run admin on an empty store. Closing the server closes the store after the HTTP side.
 */
export async function createServer(partial: Partial<ServerConfig> = {}): Promise<FastifyInstance> {
  const config = resolveConfig(partial);
  const secrets = await loadSecrets(config.dataDir);
  const store = await openStore(
    config.mongodbUrl ? { mongodbUrl: config.mongodbUrl } : { dataDir: config.dataDir },
  );
  let app: FastifyInstance;
  try {
    app = await buildApp({ config, store, secrets, ownsStore: true });
  } catch (error) {
    await store.close();
    throw error;
  }
  app.decorate('firstRunAdmin', null);
  try {
    await app.ready();
    app.firstRunAdmin = await ensureFirstRunAdmin(store, {
      email: config.adminEmail,
      password: config.adminPassword,
    });
    if (app.firstRunAdmin && config.demoWorkspace) {
      app.firstRunAdmin.demo = await seedDemoWorkspace(app, app.firstRunAdmin.email);
    }
  } catch (error) {
    await app.close(); // closes the store too
    throw error;
  }
  return app;
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  /** Set on the first start of an empty store. */
  admin: FirstRunAdmin | null;
  close(): Promise<void>;
}

/**
 * Starts listening, prints the first-run admin credentials once, and shuts down gracefully
 * (server, then store) on SIGINT/SIGTERM.
 */
export async function startServer(
  partial: Partial<ServerConfig> = {},
  options: { handleSignals?: boolean; printAdmin?: boolean } = {},
): Promise<RunningServer> {
  const app = await createServer(partial);
  const config = app.serverConfig;
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  const admin = app.firstRunAdmin;
  if (admin && options.printAdmin !== false) {
    process.stdout.write(
      `\nTessera first run: admin account ${admin.email}` +
        (admin.password
          ? ` with password ${admin.password}\n(shown once; change it with POST /api/auth/password)\n\n`
          : '\n\n'),
    );
  }
  let closing: Promise<void> | undefined;
  const close = () => {
    // A connection busy when the close began stays open afterwards for the keep-alive timeout
    // (72 s in Fastify), and the close waits for it: after a grace period, end them all.
    const force = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS);
    force.unref();
    closing ??= app
      .close()
      .then(() => undefined)
      .finally(() => clearTimeout(force));
    return closing;
  };
  if (options.handleSignals !== false) {
    const onSignal = (signal: NodeJS.Signals) => {
      app.log.info({ signal }, 'shutting down');
      close().then(
        () => process.exit(0),
        (error) => {
          app.log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  return { app, url, admin, close };
}
