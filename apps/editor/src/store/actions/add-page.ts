// addPage: a new page with an empty Page root, at the end of the page list or at an index.
import type { PageSchema } from '@tessera/schema';
import type { EditorDocument, EditorPage } from '../document';
import { ActionRefused } from '../errors';
import { type LooseNode, placeTreesAsRoot } from '../place';
import type { ActionContext, ActionOutcome } from './context';
import { checkPath } from './rename-page';

export type AddPageAction = {
  type: 'addPage';
  path: string;
  title: PageSchema['title'];
  /** generated from the path when absent */
  id?: string;
  index?: number;
};

export function addPage(doc: EditorDocument, action: AddPageAction, ctx: ActionContext): ActionOutcome {
  checkPath(doc, action.path);
  let id = action.id;
  if (id !== undefined) {
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(id)) throw new ActionRefused(`"${id}" is not a valid page id`);
    if (doc.pages.some((p) => p.id === id)) throw new ActionRefused(`there is already a page "${id}"`);
  } else {
    const base = action.path.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'page';
    const stem = /^[A-Za-z]/.test(base) ? base : `page_${base}`;
    const taken = (candidate: string) => doc.pages.some((p) => p.id === candidate);
    id = stem;
    for (let n = 2; taken(id); n++) id = `${stem}_${n}`;
  }
  const snippet = (Object.hasOwn(ctx.catalogue, 'Page') ? ctx.catalogue.Page?.snippet : undefined) as
    | LooseNode
    | undefined;
  const root = placeTreesAsRoot(doc, snippet ?? { component: 'Page' }, `${id}_root`);
  const page: EditorPage = { id, path: action.path, title: action.title, root };
  const at =
    action.index === undefined ? doc.pages.length : Math.max(0, Math.min(action.index, doc.pages.length));
  doc.pages.splice(at, 0, page);
  return { select: [root] };
}
