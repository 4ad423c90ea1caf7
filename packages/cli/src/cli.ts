import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type CliIO, line } from './output';

// Commands load their modules on first use, so `validate` does not pay for the server or esbuild.
interface Command {
  summary: string;
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

const commands: Record<string, Command> = {
  start: {
    summary: 'start the platform (server, embedded store) and print its address',
    usage:
      'tessera start [--port N] [--host H] [--data-dir DIR] [--no-demo]   (env: PORT, HOST, TESSERA_DATA_DIR, MONGODB_URL)',
    run: async (args, io) => (await import('./start')).startCommand(args, io),
  },
  new: {
    summary: 'create an app folder from a template (validate and build work on it offline)',
    usage: 'tessera new <dir> [--template blank|service-hall|...] [--name "App name"]',
    run: async (args, io) => (await import('./new')).newCommand(args, io),
  },
  validate: {
    summary: 'check app schemas and print every problem with its JSON pointer',
    usage: 'tessera validate <app.json|dir>... [--json]',
    run: async (args, io) => (await import('./validate')).validateCommand(args, io),
  },
  build: {
    summary: 'compile an app to a web bundle, a mini-program project or an app project',
    usage:
      'tessera build <app.json|dir> --target web|mp|app [--out DIR] [--mode production|development] [--watch]',
    run: async (args, io) => (await import('@tessera/compiler/cli-build')).buildCommand(args, io),
  },
};

function printHelp(io: CliIO): void {
  line(io.stdout, 'Usage: tessera <command> [options]');
  line(io.stdout);
  line(io.stdout, 'Commands:');
  for (const [name, command] of Object.entries(commands)) {
    line(io.stdout, `  ${name.padEnd(10)} ${command.summary}`);
    line(io.stdout, `  ${''.padEnd(10)} ${command.usage}`);
  }
}

/** Runs one CLI invocation and returns the process exit code (0 ok, 1 problems found, 2 usage error). */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    printHelp(io);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    line(io.stderr, `tessera: unknown command "${name}". Run "tessera help" for the list.`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      line(io.stderr, `tessera ${name}: ${error.message}`);
      line(io.stderr, `usage: ${command.usage}`);
      return 2;
    }
    throw error;
  }
}

export class UsageError extends Error {}

/** parseArgs with our usage errors instead of Node's TypeErrors. */
export function parseOptions<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs<T>(config);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
