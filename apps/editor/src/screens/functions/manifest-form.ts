/** The Settings tab's text fields ⇄ a function manifest (schemas/function-manifest.schema.json). */

export interface Manifest {
  name: string;
  description?: string;
  timeoutMs?: number;
  memoryMb?: number;
  triggers?: Record<string, unknown>[];
  env?: Record<string, string>;
  secrets?: string[];
  allowedHosts?: string[];
  [other: string]: unknown;
}

export interface ManifestForm {
  description: string;
  timeoutMs: string;
  memoryMb: string;
  /** Triggers other than schedules, as JSON. */
  triggers: string;
  /** One cron expression per line. */
  schedules: string;
  allowedHosts: string;
  env: string;
  secrets: string;
}

/** A problem in one field of the form; `line` is 1-based within that field. */
export class FormError extends Error {
  constructor(
    readonly field: keyof ManifestForm,
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

export function formOf(manifest: Manifest): ManifestForm {
  const triggers = manifest.triggers ?? [{ type: 'sdk' }];
  return {
    description: manifest.description ?? '',
    timeoutMs: String(manifest.timeoutMs ?? 3000),
    memoryMb: String(manifest.memoryMb ?? 64),
    triggers: JSON.stringify(
      triggers.filter((t) => t.type !== 'schedule'),
      null,
      2,
    ),
    schedules: triggers
      .filter((t) => t.type === 'schedule')
      .map((t) => String(t.cron))
      .join('\n'),
    allowedHosts: (manifest.allowedHosts ?? []).join('\n'),
    env: Object.entries(manifest.env ?? {})
      .map(([name, value]) => `${name}=${value}`)
      .join('\n'),
    secrets: (manifest.secrets ?? []).join('\n'),
  };
}

/**
 * The manifest the form describes, keeping fields the form does not show (entry, dependencies,
 * concurrency). Throws FormError for what cannot be read; the server checks the rest on deploy.
 */
export function manifestOf(name: string, form: ManifestForm, previous: Manifest | undefined): Manifest {
  let triggers: unknown;
  try {
    triggers = JSON.parse(form.triggers || '[]');
  } catch (error) {
    throw new FormError('triggers', (error as Error).message);
  }
  if (!Array.isArray(triggers) || triggers.some((t) => t === null || typeof t !== 'object'))
    throw new FormError('triggers', 'expected an array of trigger objects');
  const schedules = lines(form.schedules).map((cron) => ({ type: 'schedule', cron }));
  const env: Record<string, string> = {};
  for (const [index, line] of form.env.split('\n').entries()) {
    if (!line.trim()) continue;
    const at = line.indexOf('=');
    if (at <= 0) throw new FormError('env', 'write NAME=value', index + 1);
    env[line.slice(0, at).trim()] = line.slice(at + 1);
  }
  const manifest: Manifest = { ...previous, name };
  const description = form.description.trim();
  if (description) manifest.description = description;
  else delete manifest.description;
  manifest.timeoutMs = Number(form.timeoutMs);
  manifest.memoryMb = Number(form.memoryMb);
  manifest.triggers = [...(triggers as Record<string, unknown>[]), ...schedules];
  const hosts = lines(form.allowedHosts);
  if (hosts.length > 0) manifest.allowedHosts = hosts;
  else delete manifest.allowedHosts;
  if (Object.keys(env).length > 0) manifest.env = env;
  else delete manifest.env;
  const secrets = lines(form.secrets);
  if (secrets.length > 0) manifest.secrets = secrets;
  else delete manifest.secrets;
  return manifest;
}
