// renameQuery: rename a page or app query and every reference to it (`queries.<name>` in
// expressions, runQuery actions), as one step. A page query hides an app query of the same name,
// so a rename that would create or break such a pair is refused.
import type { EditorDocument } from '../document';
import { ActionRefused } from '../errors';
import { rewriteDocument } from '../references';
import { pageOrRefuse } from './rename-page';
import { renameKey } from './rename-state';

export type RenameQueryAction = {
  type: 'renameQuery';
  /** the page whose query it is; absent for an app query */
  pageId?: string;
  from: string;
  to: string;
};

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function renameQuery(doc: EditorDocument, action: RenameQueryAction): undefined {
  const { from, to, pageId } = action;
  const owner = pageId === undefined ? doc.app : pageOrRefuse(doc, pageId);
  const where = pageId === undefined ? 'the app' : `page "${pageId}"`;
  if (!owner.queries || !Object.hasOwn(owner.queries, from))
    throw new ActionRefused(`${where} has no query "${from}"`);
  if (!NAME.test(to)) throw new ActionRefused(`"${to}" is not a valid query name`);
  if (to === from) return;
  if (Object.hasOwn(owner.queries, to)) throw new ActionRefused(`${where} already has a query "${to}"`);
  if (pageId !== undefined && doc.app.queries && Object.hasOwn(doc.app.queries, to))
    throw new ActionRefused(`the app has a query "${to}"; a page query of that name would hide it`);
  const hiding = doc.pages.find((page) => page.queries && Object.hasOwn(page.queries, to));
  if (pageId === undefined && hiding)
    throw new ActionRefused(`page "${hiding.id}" has a query "${to}" that would hide the app query`);
  const names = new Map([[from, to]]);
  if (pageId !== undefined) rewriteDocument(doc, { queries: names }, (id) => id === pageId, false);
  else
    rewriteDocument(
      doc,
      { queries: names },
      // a page with its own query of the old name reads that one, not the app's
      (id) => !doc.pages.find((page) => page.id === id)?.queries?.[from],
      true,
    );
  // after the rewrite, which writes back the queries it changed under their old names
  owner.queries = renameKey(owner.queries!, from, to);
}
