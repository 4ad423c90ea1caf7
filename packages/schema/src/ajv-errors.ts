// Turns ajv's raw errors into { pointer, message } in plain words. ajv reports every failed
// branch of an anyOf/oneOf; users need one sentence about the branch they meant.
import type { ErrorObject } from 'ajv';
import { describeType, describeValue, orList, quote } from './describe';
import type { SchemaIssue } from './issues';
import { escapeToken, resolvePointer } from './pointer';

const PATTERN_WORDS: Record<string, string> = {
  '^[A-Za-z][A-Za-z0-9_-]*$': 'a valid id (a letter, then letters, digits, _ or -)',
  '^[A-Z][A-Za-z0-9]*$': 'a component name in PascalCase (e.g. Button)',
  '^[A-Za-z_][A-Za-z0-9_]*$': 'a valid name (letters, digits and _, not starting with a digit)',
  '^[a-z][a-z0-9-]{1,62}$': 'a valid app id (2–63 lower-case letters, digits and -, starting with a letter)',
  '^/([A-Za-z0-9_:-]+(/[A-Za-z0-9_:-]+)*)?$': 'a valid page path (starts with /, e.g. /news/:id)',
  '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$': 'a locale tag such as zh-CN or en',
  '^(#[0-9a-fA-F]{3,8}|(rgb|rgba|hsl|hsla)\\([^)]*\\)|[a-z]+)$': 'a CSS colour such as #1677ff',
  '^[A-Za-z_][A-Za-z0-9_-]*$': 'a valid collection name (letters, digits, _ and -)',
  '^[a-z][A-Za-z0-9]*$': 'an event name in camelCase (e.g. tap)',
  '^(https?://|/)': 'an http(s) address or a path starting with /',
  '^-?[a-zA-Z][a-zA-Z0-9-]*$': 'a CSS property name',
};

function patternWords(pattern: string): string {
  return PATTERN_WORDS[pattern] ?? `text matching ${pattern}`;
}

const COMPARISON_WORDS: Record<string, string> = {
  '>=': 'at least',
  '<=': 'at most',
  '>': 'more than',
  '<': 'less than',
};

interface Entry {
  pointer: string;
  message: string;
  /** for "expected X, got Y" entries: what was expected, so an enclosing union can merge them */
  expected?: string[];
  raw: ErrorObject;
}

function valueAt(data: unknown, pointer: string): unknown {
  const r = resolvePointer(data, pointer);
  return r.found ? r.value : undefined;
}

function isUnder(pointer: string, parent: string): boolean {
  return pointer === parent || pointer.startsWith(parent + '/');
}

function single(e: ErrorObject, data: unknown): Entry | null {
  const at = e.instancePath;
  const p = e.params as Record<string, unknown>;
  const value = valueAt(data, at);
  const entry = (pointer: string, message: string, expected?: string[]): Entry =>
    expected ? { pointer, message, expected, raw: e } : { pointer, message, raw: e };
  if (e.propertyName !== undefined) {
    const name = e.propertyName;
    const what = e.keyword === 'pattern' ? patternWords(String(p.pattern)) : 'a valid name';
    return entry(`${at}/${escapeToken(name)}`, `"${name}" is not allowed as a name here: expected ${what}`);
  }
  switch (e.keyword) {
    case 'required':
      return entry(at, `missing required property "${String(p.missingProperty)}"`);
    case 'additionalProperties':
      return entry(
        `${at}/${escapeToken(String(p.additionalProperty))}`,
        `unknown property "${String(p.additionalProperty)}"`,
      );
    case 'type': {
      const wrapper = /\$defs\/(expr|i18n)\/type$/.exec(e.schemaPath)?.[1];
      if (wrapper) {
        const words = wrapper === 'expr' ? '{"$expr": ...}' : '{"$i18n": {...}}';
        return entry(at, `expected ${words}, got ${describeValue(value)}`, [words]);
      }
      const types = (Array.isArray(p.type) ? p.type : [p.type]).map((t) => describeType(String(t)));
      return entry(at, `expected ${orList(types)}, got ${describeValue(value)}`, types);
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(quote);
      return entry(at, `expected one of ${allowed.join(', ')}, got ${quote(value)}`, allowed);
    }
    case 'const':
      return entry(at, `expected ${quote(p.allowedValue)}, got ${quote(value)}`, [quote(p.allowedValue)]);
    case 'pattern':
      return entry(at, `${quote(value)} is not ${patternWords(String(p.pattern))}`);
    case 'minLength':
      return entry(
        at,
        p.limit === 1 ? 'must not be empty' : `must be at least ${String(p.limit)} characters long`,
      );
    case 'maxLength':
      return entry(at, `must be at most ${String(p.limit)} characters long`);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return entry(
        at,
        `must be ${COMPARISON_WORDS[String(p.comparison)] ?? String(p.comparison)} ${String(p.limit)}, got ${quote(value)}`,
      );
    case 'multipleOf':
      return entry(at, `must be a multiple of ${String(p.multipleOf)}`);
    case 'minItems':
      return entry(
        at,
        `needs at least ${String(p.limit)} item(s), has ${Array.isArray(value) ? value.length : 0}`,
      );
    case 'maxItems':
      return entry(
        at,
        `allows at most ${String(p.limit)} item(s), has ${Array.isArray(value) ? value.length : 0}`,
      );
    case 'uniqueItems': {
      const [first, second] = [Number(p.i), Number(p.j)].sort((a, b) => a - b);
      return entry(`${at}/${second}`, `duplicates item ${first} of the list`);
    }
    case 'minProperties':
      return entry(at, p.limit === 1 ? 'must not be empty' : `must have at least ${String(p.limit)} entries`);
    case 'maxProperties':
      return entry(at, `must have at most ${String(p.limit)} entries`);
    case 'propertyNames':
    case 'not':
      // the specific name error (with propertyName) is reported on its own
      return null;
    default:
      return entry(at, e.message ?? `fails ${e.keyword}`);
  }
}

/** Specific problems of a malformed {"$expr"} or {"$i18n"} wrapper, read from the data itself. */
function wrapperIssues(value: Record<string, unknown>, at: string, e: ErrorObject): Entry[] {
  const out: Entry[] = [];
  const key = '$expr' in value ? '$expr' : '$i18n';
  for (const other of Object.keys(value)) {
    if (other !== key)
      out.push({
        pointer: `${at}/${escapeToken(other)}`,
        message: `unknown property "${other}" in a {"${key}"} wrapper`,
        raw: e,
      });
  }
  const inner = value[key];
  if (key === '$expr') {
    if (typeof inner !== 'string') {
      out.push({
        pointer: `${at}/$expr`,
        message: `expected the expression as text, got ${describeValue(inner)}`,
        raw: e,
      });
    } else if (inner === '') {
      out.push({ pointer: `${at}/$expr`, message: 'the expression must not be empty', raw: e });
    }
  } else if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) {
    out.push({
      pointer: `${at}/$i18n`,
      message: `expected an object of translations by locale, got ${describeValue(inner)}`,
      raw: e,
    });
  } else {
    const entries = Object.entries(inner);
    if (entries.length === 0)
      out.push({ pointer: `${at}/$i18n`, message: 'needs at least one translation', raw: e });
    for (const [locale, text] of entries) {
      const pointer = `${at}/$i18n/${escapeToken(locale)}`;
      if (!PATTERN_LOCALE.test(locale))
        out.push({ pointer, message: `"${locale}" is not a locale tag such as zh-CN or en`, raw: e });
      if (typeof text !== 'string')
        out.push({
          pointer,
          message: `expected the translation as text, got ${describeValue(text)}`,
          raw: e,
        });
    }
  }
  return out;
}

const PATTERN_LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

const SHALLOW = new Set([
  'type',
  'required',
  'additionalProperties',
  'const',
  'enum',
  'propertyNames',
  'not',
]);

function summariseUnion(e: ErrorObject, branch: Entry[], data: unknown): Entry[] {
  const at = e.instancePath;
  const value = valueAt(data, at);
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const key of ['$expr', '$i18n'] as const) {
      const accepts = branch.some(
        (b) =>
          (b.raw.keyword === 'required' &&
            (b.raw.params as { missingProperty?: string }).missingProperty === key) ||
          isUnder(b.pointer, `${at}/${key}`),
      );
      if (key in obj && accepts) {
        const issues = wrapperIssues(obj, at, e);
        if (issues.length > 0) return issues;
      }
    }
  }
  // A branch of the right type that failed deeper (e.g. text that misses a pattern) is what was meant.
  const deep = branch.filter(
    (b) => b.raw.instancePath !== at || (!SHALLOW.has(b.raw.keyword) && !b.expected),
  );
  if (
    deep.length > 0 &&
    !(value !== null && typeof value === 'object' && ('$expr' in value || '$i18n' in value))
  )
    return deep;
  const expected: string[] = [];
  for (const b of branch) {
    if (b.pointer !== at) continue;
    if (b.expected) expected.push(...b.expected);
    else if (b.raw.keyword === 'required') {
      const missing = (b.raw.params as { missingProperty?: string }).missingProperty;
      if (missing === '$expr') expected.push('{"$expr": ...}');
      else if (missing === '$i18n') expected.push('{"$i18n": {...}}');
    }
  }
  if (expected.length === 0)
    return deep.length > 0
      ? deep
      : [{ pointer: at, message: `is not a valid value here (got ${describeValue(value)})`, raw: e }];
  const words = [...new Set(expected)];
  return [
    {
      pointer: at,
      message: `expected ${orList(words)}, got ${describeValue(value)}`,
      expected: words,
      raw: e,
    },
  ];
}

export function translateAjvErrors(errors: readonly ErrorObject[], data: unknown): SchemaIssue[] {
  const stack: Entry[] = [];
  for (const e of errors) {
    const at = e.instancePath;
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') {
      let start = stack.length;
      while (start > 0 && isUnder(stack[start - 1]!.pointer, at)) start--;
      const branch = stack.splice(start);
      stack.push(...summariseUnion(e, branch, data));
      continue;
    }
    if (e.keyword === 'discriminator') {
      const p = e.params as { error: string; tag: string; tagValue: unknown };
      const tagPointer = `${at}/${escapeToken(p.tag)}`;
      let allowed: string[] = [];
      // drop the enum / required error about the same tag: this one says it better
      for (let i = stack.length - 1; i >= 0 && isUnder(stack[i]!.pointer, at); i--) {
        const raw = stack[i]!.raw;
        const aboutTag =
          (raw.keyword === 'enum' && raw.instancePath === tagPointer) ||
          (raw.keyword === 'required' &&
            (raw.params as { missingProperty?: string }).missingProperty === p.tag);
        if (aboutTag) {
          if (raw.keyword === 'enum') allowed = (raw.params as { allowedValues: string[] }).allowedValues;
          stack.splice(i, 1);
        }
      }
      if (p.tagValue === undefined)
        stack.push({ pointer: at, message: `missing required property "${p.tag}"`, raw: e });
      else if (p.error === 'tag')
        stack.push({
          pointer: tagPointer,
          message: `expected text, got ${describeValue(p.tagValue)}`,
          raw: e,
        });
      else
        stack.push({
          pointer: tagPointer,
          message:
            `unknown ${p.tag} ${quote(p.tagValue)}` +
            (allowed.length ? `; expected one of ${allowed.join(', ')}` : ''),
          raw: e,
        });
      continue;
    }
    const entry = single(e, data);
    if (entry) stack.push(entry);
  }
  const seen = new Set<string>();
  const out: SchemaIssue[] = [];
  for (const { pointer, message } of stack) {
    const key = pointer + '\n' + message;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ pointer, message });
  }
  return out;
}
