import type { JsonSchema, PropMeta, PropType } from './types';

/** `{"$i18n": {"zh-CN": "...", "en": "..."}}`: translated text stored in a node. */
export const i18nTextSchema = {
  type: 'object',
  required: ['$i18n'],
  additionalProperties: false,
  properties: {
    $i18n: { type: 'object', minProperties: 1, additionalProperties: { type: 'string' } },
  },
};

/** `{"$expr": "..."}`: a binding evaluated at run time. */
export const expressionSchema = {
  type: 'object',
  required: ['$expr'],
  additionalProperties: false,
  properties: { $expr: { type: 'string', minLength: 1 } },
};

// Links may only use schemes that cannot run script; relative links have no scheme before the first / ? #.
const urlPattern =
  '^(?:[hH][tT][tT][pP][sS]?://|[mM][aA][iI][lL][tT][oO]:|[tT][eE][lL]:|[^:/?#]*(?:[/?#]|$))';
const colorPattern =
  '^(?:#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|(?:rgb|rgba|hsl|hsla)\\([0-9.,%\\s/]+\\)|var\\(--[A-Za-z0-9-]+\\)|[a-zA-Z]+)$';
const datePattern =
  '^(?:\\d{4}(?:-\\d{2}(?:-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:\\d{2})?)?)?)?|\\d{2}:\\d{2}(?::\\d{2})?)?$';

const literalByType: Record<Exclude<PropType, 'enum'>, JsonSchema> = {
  text: { anyOf: [{ type: 'string' }, i18nTextSchema] },
  richtext: { anyOf: [{ type: 'string' }, i18nTextSchema] },
  string: { type: 'string' },
  number: { type: 'number' },
  boolean: { type: 'boolean' },
  color: { type: 'string', pattern: colorPattern },
  image: { type: 'string' },
  icon: { type: 'string', pattern: '^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$' },
  page: { type: 'string', minLength: 1 },
  url: { type: 'string', pattern: urlPattern },
  date: { type: 'string', pattern: datePattern },
  array: { type: 'array' },
  object: { type: 'object' },
  json: true,
  expression: false,
};

/** JSON Schema of a literal (non-bound) value of the prop: its type's values narrowed by `schema`. */
export function literalSchemaOf(prop: PropMeta): JsonSchema {
  const base: JsonSchema =
    prop.type === 'enum' ? { enum: (prop.options ?? []).map((o) => o.value) } : literalByType[prop.type];
  return prop.schema === undefined ? base : { allOf: [base, prop.schema] };
}

/** JSON Schema of any value a node may give the prop: a literal, or a binding when the prop is bindable. */
export function valueSchemaOf(prop: PropMeta): JsonSchema {
  if (prop.type === 'expression') return expressionSchema;
  if (prop.bindable === false) return literalSchemaOf(prop);
  return { anyOf: [expressionSchema, literalSchemaOf(prop)] };
}
