// setTabBar: choose the pages of the app's tab bar (2 to 5, in order), or none to remove the bar.
import type { TabBarItem } from '@tessera/schema';
import type { EditorDocument } from '../document';
import { ActionRefused } from '../errors';
import { pageOrRefuse } from './rename-page';

export type SetTabBarAction = { type: 'setTabBar'; pages: string[] };

export function setTabBar(doc: EditorDocument, action: SetTabBarAction): undefined {
  const pages = [...new Set(action.pages)];
  if (pages.length === 0) {
    delete doc.app.navigation.tabBar;
    return;
  }
  if (pages.length < 2 || pages.length > 5)
    throw new ActionRefused(`a tab bar shows 2 to 5 pages, not ${pages.length}`);
  const before = new Map((doc.app.navigation.tabBar?.items ?? []).map((item) => [item.page, item]));
  const items: TabBarItem[] = pages.map((id) => {
    const page = pageOrRefuse(doc, id);
    // a page already in the bar keeps its tab's text and icons
    const title = page.title;
    const text = typeof title === 'string' || (title && '$i18n' in title) ? title : id;
    return before.get(id) ?? { page: id, text };
  });
  if (doc.app.navigation.tabBar) doc.app.navigation.tabBar.items = items;
  else doc.app.navigation.tabBar = { items };
}
