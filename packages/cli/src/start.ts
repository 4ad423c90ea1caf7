import { ensureEditorBuilt } from '@tessera/editor/build';
import { loadConfig, startServer } from '@tessera/server';
import { parseOptions, UsageError } from './cli';
import { type CliIO, line } from './output';

const DEFAULT_PORT = 3000;

function portFrom(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port takes a number from 0 to 65535, got "${value}"`);
  }
  return port;
}

/**
 * Starts the platform. Without --port (or PORT) it takes 3000, or a free port when 3000 is
 * busy, so a first run never fails on a port clash; an explicit port is used or refused.
 */
export async function startCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseOptions({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'no-demo': { type: 'boolean' },
    },
  });
  const explicitPort = portFrom(values.port) ?? portFrom(process.env.PORT || undefined);
  const config = loadConfig(process.env, {
    // Request logs are for operators; a first run shows the banner below, not JSON lines.
    ...(process.env.LOG_LEVEL ? {} : { logLevel: 'warn' as const }),
    ...(values.host ? { host: values.host } : {}),
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
  });
  // A first run seeds a demo workspace with one app per template unless told not to.
  if (values['no-demo']) config.demoWorkspace = false;
  else config.demoWorkspace ??= true;

  if (!config.editorDir) {
    const started = Date.now();
    config.editorDir = await ensureEditorBuilt({
      onBuild: () => line(io.stdout, 'Building the editor (first start or changed sources)…'),
    });
    if (Date.now() - started > 1000)
      line(io.stdout, `  built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  const start = (port: number) => startServer({ ...config, port }, { printAdmin: false });
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await start(explicitPort ?? DEFAULT_PORT);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    if (explicitPort !== undefined) {
      line(io.stderr, `tessera start: port ${explicitPort} is in use; choose another with --port`);
      return 1;
    }
    server = await start(0);
  }

  line(io.stdout);
  line(io.stdout, `Tessera is running at ${server.url}`);
  line(io.stdout, `  API documentation: ${server.url}/docs`);
  line(
    io.stdout,
    config.mongodbUrl
      ? '  Data: MongoDB (MONGODB_URL); files and secrets in ' + config.dataDir
      : `  Data: ${config.dataDir} (embedded SQLite store, files and secrets)`,
  );
  if (server.admin) {
    line(io.stdout, `  Admin account: ${server.admin.email}`);
    if (server.admin.password) {
      line(io.stdout, `  Admin password: ${server.admin.password}  (shown once: keep it now)`);
    }
    const demo = server.admin.demo;
    if (demo) {
      line(
        io.stdout,
        `  Demo workspace: ${demo.apps.length} apps from the templates (${demo.apps.map((a) => a.name).join(', ')})`,
      );
      for (const failed of demo.failed)
        line(io.stdout, `  Template ${failed.template} was not installed: ${failed.message}`);
    }
  }
  line(io.stdout, '  Stop with Ctrl+C.');
  // The listening socket keeps the process alive; on SIGINT/SIGTERM startServer closes the
  // server, then the store, and exits.
  return 0;
}
