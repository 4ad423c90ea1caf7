import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { httpError } from '../../errors';
import { readTemplate, type TemplateContents } from './template-install';

const TEMPLATE_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Everything in `templates/<name>/` (checked, nothing written); 404 for an unknown template. */
export async function loadTemplate(templatesDir: string, name: string): Promise<TemplateContents> {
  if (!TEMPLATE_NAME.test(name))
    throw httpError(400, `Invalid template name "${name}"`, [
      { pointer: '/template', message: 'must be lower-case letters, digits and dashes' },
    ]);
  const dir = path.join(templatesDir, name);
  try {
    await readFile(path.join(dir, 'app.json'));
  } catch {
    throw httpError(404, `No template named "${name}"`, [
      { pointer: '/template', message: 'unknown template' },
    ]);
  }
  return readTemplate(dir, name);
}

/** Text in the console's two languages. */
export interface LocalisedText {
  'zh-CN': string;
  en: string;
}

export interface TemplateSummary {
  name: string;
  title: LocalisedText;
  description: LocalisedText;
  /** Position in the console's list (smaller first). */
  order: number;
}

function localised(value: unknown, fallback: string): LocalisedText {
  if (typeof value === 'string') return { 'zh-CN': value, en: value };
  let texts = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  // App names in app.json are i18n text: { "$i18n": { "zh-CN": ..., "en": ... } }.
  if (texts.$i18n && typeof texts.$i18n === 'object') texts = texts.$i18n as Record<string, unknown>;
  const zh = typeof texts['zh-CN'] === 'string' ? texts['zh-CN'] : undefined;
  const en = typeof texts.en === 'string' ? texts.en : undefined;
  return { 'zh-CN': zh ?? en ?? fallback, en: en ?? zh ?? fallback };
}

async function readJsonOrNull(file: string): Promise<Record<string, unknown> | null> {
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The templates in `templatesDir`, titled by their template.json (or their app.json name). */
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
    const app = await readJsonOrNull(path.join(templatesDir, name, 'app.json'));
    if (!app) continue; // a folder without a readable app.json is not a template
    const meta = (await readJsonOrNull(path.join(templatesDir, name, 'template.json'))) ?? {};
    const appName = localised(app.name, name);
    found.push({
      name,
      title: meta.title === undefined ? appName : localised(meta.title, name),
      description: localised(meta.description ?? app.description, ''),
      order: typeof meta.order === 'number' ? meta.order : 1000,
    });
  }
  return found.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}
