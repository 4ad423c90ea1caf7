// What the Content screens know about models and entries, without React: field types, labels,
// the value each form control edits, and server error pointers mapped back to fields.
import type { CMSContentModel, ContentModelField } from '@tessera/schema';
import type { ErrorDetail } from '../../app/api';

export type Model = CMSContentModel & { version?: number; createdAt?: string; updatedAt?: string };
export type Field = ContentModelField;
export type FieldType = Field['type'];
export type Entry = Record<string, unknown> & {
  _id: string;
  _status: 'draft' | 'published' | 'changed';
  _version: number;
  _createdAt: string;
  _updatedAt: string;
  _publishedAt?: string | null;
  _scheduledAt?: string | null;
};

export const FIELD_TYPES: readonly FieldType[] = [
  'text',
  'longText',
  'richText',
  'markdown',
  'number',
  'boolean',
  'date',
  'datetime',
  'time',
  'email',
  'phone',
  'url',
  'enum',
  'image',
  'file',
  'media',
  'reference',
  'json',
  'object',
  'array',
  'geo',
  'autoNumber',
];
/** Types an array's items may have (no arrays of arrays, no galleries, no auto numbers). */
export const ITEM_TYPES = FIELD_TYPES.filter((t) => t !== 'array' && t !== 'media' && t !== 'autoNumber');
/** Types the server lets be unique (top-level, single value). */
export const UNIQUE_TYPES = new Set<FieldType>([
  'text',
  'number',
  'email',
  'phone',
  'url',
  'date',
  'datetime',
  'enum',
]);

export function localesOf(model: Model): string[] {
  return model.locales ?? ['zh-CN', 'en'];
}

export function defaultLocaleOf(model: Model): string {
  return model.defaultLocale ?? localesOf(model)[0] ?? 'zh-CN';
}

/** A title in the UI language, falling back to any title, then to the name. */
export function titleOf(
  item: { name: string; title?: Record<string, string | undefined> | undefined },
  uiLocale: string,
): string {
  return item.title?.[uiLocale] || Object.values(item.title ?? {}).find(Boolean) || item.name;
}

/** The field that names an entry in lists: the first text field, else none. */
export function labelField(model: Model): Field | undefined {
  return model.fields.find((f) => f.type === 'text') ?? model.fields.find((f) => f.type === 'longText');
}

/** The text of an entry's label field (localised: the given locale, then the default one). */
export function entryLabel(model: Model, entry: Record<string, unknown>): string {
  const field = labelField(model);
  let value = field ? entry[field.name] : undefined;
  if (field?.localised && value && typeof value === 'object') {
    const map = value as Record<string, unknown>;
    value = map[defaultLocaleOf(model)] ?? Object.values(map).find((v) => typeof v === 'string');
  }
  return typeof value === 'string' && value !== '' ? value : String(entry._id);
}

/**
 * Server problems by field name: `/fields/title/en: must …` → title; a unique-index clash
 * (`/_u_slug`) → slug. Details that name no field stay under ''.
 */
export function errorsByField(details: readonly ErrorDetail[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const detail of details) {
    const parts = detail.pointer.split('/').slice(1);
    let name = '';
    if (parts[0] === 'fields' && parts[1]) name = parts[1];
    else if (parts[0]?.startsWith('_u_')) name = parts[0].slice(3);
    const message = detail.message.replace(/^\/fields\/[^:]*:\s*/, '').replace(/^\/_u_[^:]*:\s*/, '');
    const where = parts[0] === 'fields' && parts.length > 2 ? `${parts.slice(2).join('/')}: ` : '';
    out[name] = [...(out[name] ?? []), `${where}${message}`];
  }
  return out;
}

/** An ISO time as the value of a datetime-local input (local time, minutes). */
export function isoToLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local input value as an ISO time; '' → null. */
export function localInputToIso(text: string): string | null {
  if (!text) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Values kept in the form for JSON-edited fields are their text; parsed on save. */
export const jsonEdited = (type: FieldType): boolean =>
  type === 'json' || type === 'object' || type === 'array';

export function isEmpty(value: unknown): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

/**
 * The `fields` body of a save. Form values of JSON-edited fields are text (parsed here; a parse
 * failure is returned as a problem at the field). Emptied fields are sent as null on update (clear)
 * and left out on create; localised values drop empty locales.
 */
export function entryPayload(
  model: Model,
  form: Record<string, unknown>,
  creating: boolean,
): { fields: Record<string, unknown>; problems: Record<string, string[]> } {
  const fields: Record<string, unknown> = {};
  const problems: Record<string, string[]> = {};
  const convert = (field: Field, value: unknown, where: string): unknown => {
    if (jsonEdited(field.type) && typeof value === 'string') {
      if (value.trim() === '') return null;
      try {
        return JSON.parse(value);
      } catch (error) {
        problems[field.name] = [...(problems[field.name] ?? []), `${where}${(error as Error).message}`];
        return undefined;
      }
    }
    return isEmpty(value) ? null : value;
  };
  for (const field of model.fields) {
    if (field.type === 'autoNumber') continue;
    const raw = form[field.name];
    let value: unknown;
    if (field.localised) {
      const map: Record<string, unknown> = {};
      for (const [locale, text] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
        const converted = convert(field, text, `${locale}: `);
        if (converted !== null && converted !== undefined) map[locale] = converted;
      }
      value = Object.keys(map).length > 0 ? map : null;
    } else value = convert(field, raw, '');
    if (value === undefined) continue;
    if (value === null && creating) continue;
    fields[field.name] = value;
  }
  return { fields, problems };
}

/** An entry's stored values as form values (JSON-edited fields become text). */
export function formValues(model: Model, entry: Record<string, unknown> | null): Record<string, unknown> {
  const form: Record<string, unknown> = {};
  for (const field of model.fields) {
    let value = entry ? entry[field.name] : field.default;
    if (value === undefined) continue;
    if (jsonEdited(field.type)) {
      const text = (v: unknown) => (v === undefined || v === null ? '' : JSON.stringify(v, null, 2));
      value =
        field.localised && value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, text(v)]))
          : text(value);
    }
    form[field.name] = structuredClone(value);
  }
  return form;
}

/** A fresh field for the designer: a name not yet used. */
export function newField(existing: readonly Field[]): Field {
  let n = existing.length + 1;
  while (existing.some((f) => f.name === `field${n}`)) n++;
  return { name: `field${n}`, type: 'text' };
}

/** Keeps only the options that make sense for a field's type (the schema refuses the rest). */
export function cleanField(field: Field): Field {
  const out: Field = { ...field };
  if (out.type !== 'enum') delete out.options;
  if (out.type !== 'reference') {
    delete out.model;
    delete out.many;
  }
  if (out.type !== 'object') delete out.fields;
  if (out.type !== 'array') delete out.items;
  if (!UNIQUE_TYPES.has(out.type) || out.localised) delete out.unique;
  for (const key of ['required', 'unique', 'hidden', 'localised', 'many'] as const)
    if (out[key] === false) delete out[key];
  if (out.validation) {
    const validation = Object.fromEntries(
      Object.entries(out.validation).filter(([, v]) => v !== undefined && v !== ''),
    );
    if (Object.keys(validation).length > 0) out.validation = validation;
    else delete out.validation;
  }
  if (out.title) {
    const title = Object.fromEntries(Object.entries(out.title).filter(([, v]) => v));
    if (Object.keys(title).length > 0) out.title = title;
    else delete out.title;
  }
  if (!out.description) delete out.description;
  return out;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
