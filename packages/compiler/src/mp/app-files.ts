import type { AppSchema } from '@tessera/schema';
import { mpComponents } from '../../../components/src/mp/index';
import { isI18n } from '../values';

export function localText(value: unknown, locale: string): string {
  if (typeof value === 'string') return value;
  if (isI18n(value)) {
    const text = value.$i18n;
    return text[locale] ?? text.en ?? Object.values(text)[0] ?? '';
  }
  return '';
}

/** `app.json`: pages (home first), window, tab bar, subpackages. */
export function appJson(app: AppSchema, locale: string, layout: PageLayout): Record<string, unknown> {
  const json: Record<string, unknown> = {
    pages: layout.main,
    window: {
      navigationBarTitleText: localText(app.name, locale),
      navigationBarBackgroundColor: '#ffffff',
      navigationBarTextStyle: 'black',
      backgroundColor: '#f5f5f5',
    },
    sitemapLocation: 'sitemap.json',
  };
  const tabBar = app.navigation.tabBar;
  if (tabBar) {
    json.tabBar = {
      color: tabBar.color ?? '#8c8c8c',
      selectedColor: tabBar.selectedColor ?? app.theme?.primaryColor ?? '#1677ff',
      backgroundColor: tabBar.backgroundColor ?? '#ffffff',
      list: tabBar.items.map((item) => ({
        pagePath: layout.routes[item.page]?.slice(1),
        text: localText(item.text, locale),
      })),
    };
  }
  if (layout.subpackages.length > 0) json.subPackages = layout.subpackages;
  return json;
}

export interface PageLayout {
  /** Main-package page paths, home first. */
  main: string[];
  subpackages: { root: string; pages: string[] }[];
  /** Page id → route (`/pages/home/index`). */
  routes: Record<string, string>;
}

/**
 * Where each page goes: all in the main package, or (when `split` is set) the home and tab
 * pages in the main package and the rest in one subpackage per page group of `split.budget`.
 */
export function layoutPages(
  app: AppSchema,
  split?: { sizes: Record<string, number>; budget: number },
): PageLayout {
  const home = app.navigation.home;
  const tabs = new Set(app.navigation.tabBar?.items.map((item) => item.page) ?? []);
  const ordered = [...app.pages].sort((a, b) => (a.id === home ? -1 : b.id === home ? 1 : 0));
  const routes: Record<string, string> = {};
  const main: string[] = [];
  const subpackages: { root: string; pages: string[] }[] = [];
  let current: { root: string; pages: string[]; size: number } | null = null;
  for (const page of ordered) {
    const stays = !split || page.id === home || tabs.has(page.id);
    if (stays) {
      main.push(`pages/${page.id}/index`);
      routes[page.id] = `/pages/${page.id}/index`;
      continue;
    }
    const size = split.sizes[page.id] ?? 0;
    if (!current || current.size + size > split.budget) {
      current = { root: `sub${subpackages.length + 1}`, pages: [], size: 0 };
      subpackages.push(current);
    }
    current.pages.push(`pages/${page.id}/index`);
    current.size += size;
    routes[page.id] = `/${current.root}/pages/${page.id}/index`;
  }
  return { main, subpackages: subpackages.map(({ root, pages }) => ({ root, pages })), routes };
}

export function projectConfig(app: AppSchema, locale: string): Record<string, unknown> {
  return {
    appid: app.platforms?.miniProgram?.appId ?? 'touristappid',
    projectname: localText(app.name, locale) || app.id,
    compileType: 'miniprogram',
    libVersion: '3.0.0',
    setting: { es6: true, minified: true, postcss: true },
    miniprogramRoot: '',
  };
}

const DEFAULT_THEME = {
  primaryColor: '#1677ff',
  fontSize: 14,
  radius: 8,
};

/** `app.wxss`: the theme as CSS variables on `page`, then the styles of the components used. */
export function appWxss(app: AppSchema, used: ReadonlySet<string>): string {
  const theme = { ...DEFAULT_THEME, ...(app.theme ?? {}) };
  const colors = app.theme?.colors ?? {};
  const variables = [
    `--t-primary:${theme.primaryColor}`,
    `--t-danger:${colors.danger ?? '#ff4d4f'}`,
    `--t-text:${colors.text ?? '#1f1f1f'}`,
    `--t-muted:${colors.muted ?? '#8c8c8c'}`,
    `--t-border:${colors.border ?? '#e5e5e5'}`,
    `--t-radius:${theme.radius * 2}rpx`,
    `--t-font-size:${theme.fontSize * 2}rpx`,
    ...Object.entries(colors).map(
      ([name, color]) => `--t-color-${name.replace(/[^A-Za-z0-9-]/g, '-')}:${color}`,
    ),
  ];
  const font = theme.fontFamily ? `font-family:${theme.fontFamily.replace(/[;{}]/g, '')};` : '';
  const styles = [...used]
    .sort()
    .map((name) => mpComponents[name]?.wxss ?? '')
    .filter(Boolean);
  return `page{${variables.join(';')};${font}}\n${styles.join('\n')}\n`;
}
