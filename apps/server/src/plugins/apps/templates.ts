import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { httpError } from '../../errors';

const TEMPLATE_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The AppSchema of `templates/<name>/app.json`; 404 for an unknown template. */
export async function loadTemplate(templatesDir: string, name: string): Promise<unknown> {
  if (!TEMPLATE_NAME.test(name))
    throw httpError(400, `Invalid template name "${name}"`, [
      { pointer: '/template', message: 'must be lower-case letters, digits and dashes' },
    ]);
  let text: string;
  try {
    text = await readFile(path.join(templatesDir, name, 'app.json'), 'utf8');
  } catch {
    throw httpError(404, `No template named "${name}"`, [
      { pointer: '/template', message: 'unknown template' },
    ]);
  }
  return JSON.parse(text) as unknown;
}

export interface TemplateSummary {
  name: string;
  title: string;
  description: string;
}

export async function listTemplates(templatesDir: string): Promise<TemplateSummary[]> {
  let names: string[];
  try {
    names = (await readdir(templatesDir, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return [];
  }
  const found: TemplateSummary[] = [];
  for (const name of names.sort()) {
    if (!TEMPLATE_NAME.test(name)) continue;
    try {
      const app = JSON.parse(await readFile(path.join(templatesDir, name, 'app.json'), 'utf8')) as {
        name?: unknown;
        description?: unknown;
      };
      const title =
        typeof app.name === 'string' ? app.name : (Object.values(app.name ?? {})[0] as string | undefined);
      found.push({
        name,
        title: typeof title === 'string' ? title : name,
        description: typeof app.description === 'string' ? app.description : '',
      });
    } catch {
      // A folder without a readable app.json is not a template.
    }
  }
  return found;
}
