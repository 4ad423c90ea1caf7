import { cp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { parseOptions, UsageError } from './cli';
import { type CliIO, line } from './output';

const TEMPLATE_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Where templates live: TESSERA_TEMPLATES_DIR, else the repository's templates/ folder. */
export function templatesDir(): string {
  return process.env.TESSERA_TEMPLATES_DIR
    ? resolve(process.env.TESSERA_TEMPLATES_DIR)
    : join(import.meta.dirname, '..', '..', '..', 'templates');
}

async function templateNames(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const names: string[] = [];
  for (const entry of entries)
    if (entry.isDirectory() && (await stat(join(dir, entry.name, 'app.json')).catch(() => null)))
      names.push(entry.name);
  return names.sort();
}

/**
 * `tessera new <dir> [--template name] [--name text]`: copies a template folder (app.json, CMS
 * models and entries, seed data, rules, functions; not its tests) into a new folder that
 * `tessera validate` and `tessera build` work on without a server.
 */
export async function newCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions({
    args,
    allowPositionals: true,
    options: { template: { type: 'string', default: 'blank' }, name: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError('name exactly one folder to create');
  const template = values.template ?? 'blank';
  if (!TEMPLATE_NAME.test(template))
    throw new UsageError(`--template takes a template name such as service-hall, got "${template}"`);
  if (values.name !== undefined && values.name.trim() === '')
    throw new UsageError('--name must not be empty');

  const source = join(templatesDir(), template);
  const available = await templateNames(templatesDir());
  if (!available.includes(template)) {
    line(io.stderr, `tessera new: there is no template "${template}". Templates: ${available.join(', ')}`);
    return 1;
  }
  const target = resolve(io.cwd ?? process.cwd(), positionals[0]!);
  const existing = await stat(target).catch(() => null);
  if (existing && !existing.isDirectory()) {
    line(io.stderr, `tessera new: ${positionals[0]} exists and is not a folder; choose a new folder`);
    return 1;
  }
  if (existing && (await readdir(target)).length > 0) {
    line(io.stderr, `tessera new: ${positionals[0]} is not empty; choose a new or empty folder`);
    return 1;
  }

  // Everything but the template's own tests (they drive a server and a browser against the template).
  const testsDir = join(source, 'test');
  let copied = 0;
  await cp(source, target, {
    recursive: true,
    filter: (from) => {
      if (from === testsDir || from.startsWith(testsDir + sep)) return false;
      if (from !== source) copied += 1;
      return true;
    },
  });
  if (values.name !== undefined) {
    const file = join(target, 'app.json');
    const app = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    app.name = values.name.trim();
    await writeFile(file, `${JSON.stringify(app, null, 2)}\n`);
  }

  const shown = relative(io.cwd ?? process.cwd(), target) || '.';
  line(io.stdout, `Created ${shown} from the ${template} template (${copied} files and folders).`);
  line(io.stdout, 'Next:');
  line(io.stdout, `  tessera validate ${shown}`);
  line(io.stdout, `  tessera build ${shown} --target web|mp|app`);
  return 0;
}
