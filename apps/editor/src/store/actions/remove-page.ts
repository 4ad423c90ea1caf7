// removePage: delete a page with its nodes; the home page stays (choose another home first).
import type { EditorDocument } from '../document';
import { ActionRefused } from '../errors';
import { subtreeIds, unedited } from '../tree';
import type { ActionOutcome } from './context';
import { pageOrRefuse } from './rename-page';

export type RemovePageAction = { type: 'removePage'; pageId: string };

export function removePage(doc: EditorDocument, action: RemovePageAction): ActionOutcome {
  const page = pageOrRefuse(doc, action.pageId);
  if (doc.app.navigation.home === page.id)
    throw new ActionRefused(`"${page.id}" is the home page; choose another home page first`);
  const tabs = doc.app.navigation.tabBar?.items;
  if (tabs?.some((tab) => tab.page === page.id))
    throw new ActionRefused(`"${page.id}" is in the tab bar; remove its tab first`);
  for (const id of subtreeIds(unedited(doc), page.root)) delete doc.nodes[id];
  doc.pages.splice(doc.pages.indexOf(page), 1);
  return { select: [] };
}
