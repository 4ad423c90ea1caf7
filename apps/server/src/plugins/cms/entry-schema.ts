// Turns a content model into the JSON Schema its entries must meet, compiles it once per model
// version (ajv) and words the failures with pointers under /fields.
import type { CMSContentModel, ContentModelField, ContentModelItemType } from '@tessera/schema';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import sanitizeHtml from 'sanitize-html';
import { detailsFromAjv, type ErrorDetail } from '../../errors';

export type ContentModel = CMSContentModel & { version: number };
type JsonSchema = Record<string, unknown>;

export const defaultLocales = ['zh-CN', 'en'];
const idPattern = '^[0-9a-f]{24}$';
const fileIdPattern = '^([0-9a-f]{24}|cloud://[^\\s]{1,1000})$';
const textLimit = 2000;
const longTextLimit = 1_000_000;

/** The JSON Schema of one (non-localised) value of a field or array item. */
function valueSchema(field: ContentModelField | ContentModelItemType): JsonSchema {
  const v = field.validation ?? {};
  const text = (limit: number): JsonSchema => ({
    type: 'string',
    maxLength: v.maxLength ?? limit,
    ...(v.minLength !== undefined ? { minLength: v.minLength } : {}),
    ...(v.pattern !== undefined ? { pattern: v.pattern } : {}),
  });
  const count: JsonSchema = {
    ...(v.min !== undefined ? { minItems: v.min } : {}),
    ...(v.max !== undefined ? { maxItems: v.max } : {}),
  };
  switch (field.type) {
    case 'text':
      return text(textLimit);
    case 'longText':
    case 'richText':
    case 'markdown':
      return text(longTextLimit);
    case 'number':
      return {
        type: 'number',
        ...(v.min !== undefined ? { minimum: v.min } : {}),
        ...(v.max !== undefined ? { maximum: v.max } : {}),
      };
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'datetime':
      return { type: 'string', format: 'date-time' };
    case 'time':
      return { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$' };
    case 'email':
      return { type: 'string', format: 'email', maxLength: 254 };
    case 'phone':
      return { type: 'string', pattern: '^\\+?[0-9][0-9 -]{4,18}[0-9]$' };
    case 'url':
      return { type: 'string', format: 'uri', pattern: '^https?://', maxLength: 2048 };
    case 'enum':
      return { enum: field.options ?? [] };
    case 'image':
    case 'file':
      return { type: 'string', pattern: fileIdPattern };
    case 'media':
      return { type: 'array', items: { type: 'string', pattern: fileIdPattern }, maxItems: 500, ...count };
    case 'reference':
      if ('many' in field && field.many)
        return { type: 'array', items: { type: 'string', pattern: idPattern }, uniqueItems: true, ...count };
      return { type: 'string', pattern: idPattern };
    case 'json':
      return {};
    case 'object':
      return objectSchema(field.fields ?? []);
    case 'array':
      return {
        type: 'array',
        items: 'items' in field && field.items ? valueSchema(field.items) : {},
        maxItems: 1000,
        ...count,
      };
    case 'geo':
      return {
        type: 'object',
        additionalProperties: false,
        required: ['lat', 'lng'],
        properties: {
          lat: { type: 'number', minimum: -90, maximum: 90 },
          lng: { type: 'number', minimum: -180, maximum: 180 },
        },
      };
    case 'autoNumber':
      return { type: 'integer', minimum: 1 };
    default:
      return { not: {} };
  }
}

function objectSchema(fields: readonly ContentModelField[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const field of fields) {
    properties[field.name] = field.required ? valueSchema(field) : nullable(valueSchema(field));
    if (field.required) required.push(field.name);
  }
  return { type: 'object', additionalProperties: false, properties, required };
}

/** Optional fields may be cleared with null. */
function nullable(schema: JsonSchema): JsonSchema {
  return { anyOf: [{ type: 'null' }, schema] };
}

export function localesOf(model: CMSContentModel): string[] {
  return model.locales ?? defaultLocales;
}

export function defaultLocaleOf(model: CMSContentModel): string {
  return model.defaultLocale ?? localesOf(model)[0] ?? 'zh-CN';
}

/** The schema of an entry's `fields` object (autoNumber fields are set by the server, not sent). */
export function entrySchema(model: CMSContentModel): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const locales = localesOf(model);
  for (const field of model.fields) {
    if (field.type === 'autoNumber') continue;
    let schema = valueSchema(field);
    if (field.localised) {
      schema = {
        type: 'object',
        propertyNames: { enum: locales },
        additionalProperties: nullable(schema),
        ...(field.required ? { required: [defaultLocaleOf(model)] } : {}),
      };
    }
    properties[field.name] = field.required ? schema : nullable(schema);
    if (field.required) required.push(field.name);
  }
  return { type: 'object', additionalProperties: false, properties, required };
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const compiled = new Map<string, ValidateFunction>();
const maxCompiled = 2000;

/** The compiled validator of a model version (compiled once, then cached). */
export function entryValidator(appId: string, model: ContentModel): ValidateFunction {
  const key = `${appId}\0${model.name}\0${model.version}`;
  let validate = compiled.get(key);
  if (!validate) {
    if (compiled.size >= maxCompiled) compiled.clear();
    validate = ajv.compile(entrySchema(model));
    compiled.set(key, validate);
  }
  return validate;
}

/** Problems of a `fields` object (full = a whole entry; partial = only the fields present). */
export function checkEntryFields(
  appId: string,
  model: ContentModel,
  fields: Record<string, unknown>,
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  for (const field of model.fields) {
    if (field.type === 'autoNumber' && field.name in fields)
      problems.push({
        pointer: `/fields/${field.name}`,
        message: `/fields/${field.name}: is assigned by the server`,
      });
  }
  if (problems.length > 0) return problems;
  const validate = entryValidator(appId, model);
  if (validate(fields)) return [];
  // anyOf-with-null wrappers add noise: keep the branch that explains the real value.
  const issues = (validate.errors ?? []).filter(
    (issue) => !(issue.keyword === 'type' && issue.params.type === 'null') && issue.keyword !== 'anyOf',
  );
  return detailsFromAjv(issues).map((detail) => ({
    pointer: `/fields${detail.pointer}`,
    message: `/fields${detail.message.startsWith('value:') ? detail.message.slice(5) : detail.message}`,
  }));
}

const richTextOptions: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'h1', 'h2', 'span', 'figure', 'figcaption'],
  allowedAttributes: {
    ...sanitizeHtml.defaults.allowedAttributes,
    img: ['src', 'alt', 'title', 'width', 'height'],
    '*': ['class'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel', 'cloud'],
};

/** Rich text is stored sanitised: scripts, event handlers and javascript: URLs are removed. */
export function sanitiseRichText(model: CMSContentModel, fields: Record<string, unknown>): void {
  for (const field of model.fields) {
    if (field.type !== 'richText') continue;
    const value = fields[field.name];
    if (typeof value === 'string') fields[field.name] = sanitizeHtml(value, richTextOptions);
    else if (field.localised && value && typeof value === 'object' && !Array.isArray(value)) {
      const map = value as Record<string, unknown>;
      for (const [locale, text] of Object.entries(map))
        if (typeof text === 'string') map[locale] = sanitizeHtml(text, richTextOptions);
    }
  }
}
