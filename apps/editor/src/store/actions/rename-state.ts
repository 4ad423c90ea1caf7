// renameState: rename a page or app state variable and every reference to it (expressions in
// props, style, events, repeat and if; setState and saveTo targets; queries), as one step.
// Code blocks are not rewritten (the data panel names the ones that mention the old name).
import type { EditorDocument } from '../document';
import { ActionRefused } from '../errors';
import { rewriteDocument } from '../references';
import { pageOrRefuse } from './rename-page';

export type RenameStateAction = {
  type: 'renameState';
  /** the page whose variable it is; absent for app state */
  pageId?: string;
  from: string;
  to: string;
};

const NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A map with one key renamed, in the same place among the others. */
export function renameKey<T>(map: Record<string, T>, from: string, to: string): Record<string, T> {
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [key === from ? to : key, value]));
}

export function renameState(doc: EditorDocument, action: RenameStateAction): undefined {
  const { from, to, pageId } = action;
  const owner = pageId === undefined ? doc.app : pageOrRefuse(doc, pageId);
  const where = pageId === undefined ? 'the app' : `page "${pageId}"`;
  if (!owner.state || !Object.hasOwn(owner.state, from))
    throw new ActionRefused(`${where} has no state variable "${from}"`);
  if (!NAME.test(to)) throw new ActionRefused(`"${to}" is not a valid variable name`);
  if (to === from) return;
  if (Object.hasOwn(owner.state, to)) throw new ActionRefused(`${where} already has a variable "${to}"`);
  const names = new Map([[from, to]]);
  if (pageId === undefined) rewriteDocument(doc, { app: names }, () => true, true);
  else rewriteDocument(doc, { state: names }, (id) => id === pageId, false);
  owner.state = renameKey(owner.state, from, to);
}
