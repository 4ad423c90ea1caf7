// renamePage: change a page's title and/or route path (its id, which others refer to, stays).
import type { PageSchema } from '@tessera/schema';
import type { EditorDocument, EditorPage } from '../document';
import { ActionRefused } from '../errors';

export type RenamePageAction = {
  type: 'renamePage';
  pageId: string;
  title?: PageSchema['title'];
  path?: string;
};

export function pageOrRefuse(doc: EditorDocument, pageId: string): EditorPage {
  const page = doc.pages.find((p) => p.id === pageId);
  if (!page) throw new ActionRefused(`there is no page "${pageId}"`);
  return page;
}

export function checkPath(doc: EditorDocument, path: string, except?: string): undefined {
  if (!path.startsWith('/')) throw new ActionRefused(`a page path starts with "/", not "${path}"`);
  const other = doc.pages.find((p) => p.path === path && p.id !== except);
  if (other) throw new ActionRefused(`the path "${path}" is already used by page "${other.id}"`);
}

export function renamePage(doc: EditorDocument, action: RenamePageAction): undefined {
  const page = pageOrRefuse(doc, action.pageId);
  if (action.path !== undefined) {
    checkPath(doc, action.path, page.id);
    page.path = action.path;
  }
  if (action.title !== undefined) page.title = action.title;
}
