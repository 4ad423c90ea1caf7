import {
  createContext,
  createElement,
  type ReactNode,
  useCallback,
  useContext,
  useMemo,
  useState,
} from 'react';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'tessera.locale';

/** Messages of one screen: the same keys in both locales (the type checks it). */
export type Messages<K extends string> = Record<Locale, Record<K, string>>;

const registry: Record<Locale, Record<string, string>> = { 'zh-CN': {}, en: {} };

/** A screen's registered messages; pass it to `useT`. */
export interface MessageBundle<K extends string> {
  namespace: string;
  /** Only for typing `t`'s keys. */
  keys?: K;
}

/**
 * Registers a screen's messages under a namespace:
 * `const messages = defineMessages('home', { en: {...}, 'zh-CN': {...} })`, then in a component
 * `const t = useT(messages); t('title', { name })`. `{name}` in a message is replaced by `vars.name`.
 */
export function defineMessages<K extends string>(namespace: string, messages: Messages<K>): MessageBundle<K> {
  for (const locale of LOCALES) {
    for (const [key, text] of Object.entries(messages[locale]) as [string, string][]) {
      registry[locale][`${namespace}.${key}`] = text;
    }
  }
  return { namespace };
}

/** The translate function of a bundle in the current UI language. */
export function useT<K extends string>(
  bundle: MessageBundle<K>,
): (key: K, vars?: Record<string, string | number>) => string {
  const { locale } = useLocale();
  const { namespace } = bundle;
  return useCallback(
    (key: K, vars?: Record<string, string | number>) => format(lookup(locale, `${namespace}.${key}`), vars),
    [locale, namespace],
  );
}

function lookup(locale: Locale, key: string): string {
  return registry[locale][key] ?? registry.en[key] ?? key;
}

function format(text: string, vars: Record<string, string | number> | undefined): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

interface LocaleContextValue {
  locale: Locale;
  setLocale(locale: Locale): void;
}

const LocaleContext = createContext<LocaleContextValue>({ locale: 'zh-CN', setLocale: () => undefined });

export function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return globalThis.navigator?.language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Provides the UI language; a change is remembered in localStorage. */
export function LocaleProvider({ children }: { children: ReactNode }): ReactNode {
  const [locale, setState] = useState<Locale>(initialLocale);
  const value = useMemo<LocaleContextValue>(
    () => ({
      locale,
      setLocale(next) {
        globalThis.localStorage?.setItem(STORAGE_KEY, next);
        document.documentElement.lang = next;
        setState(next);
      },
    }),
    [locale],
  );
  return createElement(LocaleContext.Provider, { value }, children);
}

export function useLocale(): LocaleContextValue {
  return useContext(LocaleContext);
}
