import { describe, get, hasOwn, key } from './access';
import { ExpressionRuntimeError } from './runtime-error';

type DateInput = Date | number | string;

function toDate(value: unknown, helper: string): Date {
  const date =
    value instanceof Date
      ? value
      : typeof value === 'number' || typeof value === 'string'
        ? new Date(value)
        : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new ExpressionRuntimeError(
      `utils.${helper} needs a date, a timestamp or an ISO text, got ${describe(value)}`,
    );
  }
  return date;
}

function toNumbers(values: unknown[], helper: string): number[] {
  const list = values.length === 1 && Array.isArray(values[0]) ? (values[0] as unknown[]) : values;
  return list.map((value) => {
    if (typeof value !== 'number') {
      throw new ExpressionRuntimeError(`utils.${helper} needs numbers, got ${describe(value)}`);
    }
    return value;
  });
}

function ownEntries(value: unknown): [string, unknown][] {
  if (value === null || value === undefined || typeof value === 'function') return [];
  return Object.entries(Object(value));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `formatDate(value, 'YYYY-MM-DD HH:mm:ss')` in local time; tokens YYYY MM DD HH mm ss SSS. */
function formatDate(value: DateInput, pattern = 'YYYY-MM-DD'): string {
  const date = toDate(value, 'formatDate');
  const parts: Record<string, string> = {
    YYYY: String(date.getFullYear()),
    MM: pad(date.getMonth() + 1),
    DD: pad(date.getDate()),
    HH: pad(date.getHours()),
    mm: pad(date.getMinutes()),
    ss: pad(date.getSeconds()),
    SSS: pad(date.getMilliseconds(), 3),
  };
  return String(pattern).replace(/YYYY|SSS|MM|DD|HH|mm|ss/g, (token) => parts[token] ?? token);
}

/** `formatNumber(1234.5, 2)` → "1,234.50"; digits fixes the decimals, locale defaults to en-US. */
function formatNumber(value: number, digits?: number, locale = 'en-US'): string {
  if (typeof value !== 'number') {
    throw new ExpressionRuntimeError(`utils.formatNumber needs a number, got ${describe(value)}`);
  }
  const options =
    digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits };
  return value.toLocaleString(locale, options);
}

function round(value: number, digits = 0): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function len(value: unknown): number {
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  return ownEntries(value).length;
}

function includes(collection: unknown, item: unknown): boolean {
  if (typeof collection === 'string') return collection.includes(String(item));
  if (Array.isArray(collection)) return collection.includes(item);
  if (collection === null || collection === undefined || typeof collection === 'function') return false;
  return hasOwn(collection, key(item));
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object' && !(value instanceof Date)) return ownEntries(value).length === 0;
  return false;
}

/** Reads a dotted path such as 'a.b.0', with the same refusals as `a.b[0]`; undefined when a step is missing. */
function getPath(target: unknown, path: string, fallback?: unknown): unknown {
  let value = target;
  for (const step of String(path).split('.')) {
    if (value === null || value === undefined) return fallback;
    value = get(value, step);
  }
  return value === undefined ? fallback : value;
}

/** The helpers behind `utils.*`. Each returns plain data; none changes its arguments. */
export const utils = Object.freeze({
  formatDate,
  formatNumber,
  now: (): number => Date.now(),
  len,
  join: (list: unknown[], separator = ','): string => (Array.isArray(list) ? list.join(separator) : ''),
  keys: (value: unknown): string[] => ownEntries(value).map(([k]) => k),
  values: (value: unknown): unknown[] => ownEntries(value).map(([, v]) => v),
  entries: (value: unknown): [string, unknown][] => ownEntries(value),
  includes,
  min: (...values: unknown[]): number => Math.min(...toNumbers(values, 'min')),
  max: (...values: unknown[]): number => Math.max(...toNumbers(values, 'max')),
  sum: (...values: unknown[]): number => toNumbers(values, 'sum').reduce((a, b) => a + b, 0),
  avg: (...values: unknown[]): number => {
    const numbers = toNumbers(values, 'avg');
    return numbers.length === 0 ? 0 : numbers.reduce((a, b) => a + b, 0) / numbers.length;
  },
  round,
  floor: (value: number): number => Math.floor(value),
  ceil: (value: number): number => Math.ceil(value),
  abs: (value: number): number => Math.abs(value),
  isEmpty,
  uniq: (list: unknown[]): unknown[] => (Array.isArray(list) ? [...new Set(list)] : []),
  number: (value: unknown): number => Number(value),
  text: (value: unknown): string => (value === null || value === undefined ? '' : String(value)),
  json: (value: unknown): string => JSON.stringify(value) ?? '',
  get: getPath,
});

export type Utils = typeof utils;
export const UTIL_NAMES: readonly string[] = Object.keys(utils);
