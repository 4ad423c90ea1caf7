// Version 1 → 2: locales became one object, the home page field and the node visibility
// condition were renamed to the words the editor uses.
//   { defaultLocale: "zh-CN", locales: ["zh-CN", "en"] }  →  { locales: { default: "zh-CN", supported: [...] } }
//   navigation.homePage                                    →  navigation.home
//   node.visible                                           →  node.if
import type { Migration } from './types';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function renameVisible(node: unknown): void {
  if (!isObject(node)) return;
  if ('visible' in node && !('if' in node)) {
    node.if = node.visible;
    delete node.visible;
  }
  if (Array.isArray(node.children)) node.children.forEach(renameVisible);
  if (isObject(node.slots))
    for (const list of Object.values(node.slots)) if (Array.isArray(list)) list.forEach(renameVisible);
}

export const localesAndHome: Migration = {
  from: 1,
  to: 2,
  description:
    'locales as { default, supported }; navigation.homePage → navigation.home; node.visible → node.if',
  migrate(app) {
    const supported = Array.isArray(app.locales) ? app.locales : undefined;
    const fallback = typeof app.defaultLocale === 'string' ? app.defaultLocale : supported?.[0];
    if (supported || fallback !== undefined) {
      const list = supported ?? [fallback];
      app.locales = {
        default: fallback ?? list[0],
        supported: list.includes(fallback) ? list : [fallback, ...list],
      };
    }
    delete app.defaultLocale;
    if (isObject(app.navigation) && 'homePage' in app.navigation && !('home' in app.navigation)) {
      app.navigation.home = app.navigation.homePage;
      delete app.navigation.homePage;
    }
    if (Array.isArray(app.pages)) for (const page of app.pages) if (isObject(page)) renameVisible(page.root);
    return app;
  },
};
