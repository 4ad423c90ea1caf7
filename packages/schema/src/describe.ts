// Plain-word descriptions of JSON values and schema types, for error messages.

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return value === '' ? 'empty text' : 'text';
    case 'number':
      return Number.isInteger(value) ? 'a number' : 'a decimal number';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      const keys = Object.keys(value as object);
      if (keys.includes('$expr')) return 'an {"$expr"} wrapper';
      if (keys.includes('$i18n')) return 'an {"$i18n"} wrapper';
      return 'an object';
    }
    default:
      return typeof value;
  }
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true/false',
  null: 'null',
  array: 'a list',
  object: 'an object',
};

export function describeType(type: string): string {
  return TYPE_WORDS[type] ?? type;
}

/** "a", "a or b", "a, b or c" */
export function orList(items: readonly string[]): string {
  const unique = [...new Set(items)];
  if (unique.length <= 1) return unique[0] ?? '';
  return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}

export function quote(value: unknown): string {
  const s = JSON.stringify(value);
  return s === undefined ? String(value) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
