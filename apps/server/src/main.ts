// Runs the server from environment variables: `node --import tsx apps/server/src/main.ts`.
import { loadConfig } from './config';
import { startServer } from './index';

try {
  const running = await startServer(loadConfig());
  process.stdout.write(`Tessera server listening on ${running.url}\n`);
} catch (error) {
  process.stderr.write(`Tessera server failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
}
