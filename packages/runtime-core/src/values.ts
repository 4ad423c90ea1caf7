import type { RuntimeValue, Scope } from './types';

/** Evaluates a compiled value: expressions are called, i18n text picks the locale, the rest is copied. */
export function resolveValue(value: unknown, scope: Scope, locale: string, fallbackLocale = 'en'): unknown {
  if (typeof value === 'function') return (value as (scope: Scope) => unknown)(scope);
  if (Array.isArray(value)) return value.map((entry) => resolveValue(entry, scope, locale, fallbackLocale));
  if (value !== null && typeof value === 'object') {
    const i18n = (value as { $i18n?: Record<string, string | undefined> }).$i18n;
    if (i18n && typeof i18n === 'object' && Object.keys(value).length === 1) {
      return pickLocale(i18n, locale, fallbackLocale);
    }
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      if (entry !== undefined) out[key] = resolveValue(entry, scope, locale, fallbackLocale);
    }
    return out;
  }
  return value;
}

/** The text for `locale`, else its language (zh for zh-CN), else the fallback, else any. */
export function pickLocale(
  text: Record<string, string | undefined>,
  locale: string,
  fallback: string,
): string {
  const exact = text[locale];
  if (exact !== undefined) return exact;
  const language = locale.split('-')[0] ?? locale;
  for (const [key, entry] of Object.entries(text)) {
    if (entry !== undefined && key.split('-')[0] === language) return entry;
  }
  return text[fallback] ?? Object.values(text).find((entry) => entry !== undefined) ?? '';
}

/** The values of a map (action params, query filters) resolved, undefined entries dropped. */
export function resolveMap(map: unknown, scope: Scope, locale: string): Record<string, unknown> {
  if (!map || typeof map !== 'object') return {};
  return resolveValue(map as RuntimeValue, scope, locale) as Record<string, unknown>;
}

/** How a value is shown as text: null/undefined as '', objects as JSON. */
export function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
