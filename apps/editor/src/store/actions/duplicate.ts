// duplicate: copy nodes in place (each copy right after its original), with fresh ids.
import type { EditorDocument } from '../document';
import { ActionRefused } from '../errors';
import { buildTree } from '../normalize';
import { placeTrees, type Target } from '../place';
import { nodeOrRefuse, topmost, unedited } from '../tree';
import type { ActionContext, ActionOutcome } from './context';

export type DuplicateAction = { type: 'duplicate'; ids: string[] };

export function duplicate(doc: EditorDocument, action: DuplicateAction, ctx: ActionContext): ActionOutcome {
  const roots = topmost(doc, action.ids);
  const copies: string[] = [];
  const placed = roots.map((id) => {
    const node = nodeOrRefuse(doc, id);
    if (node.parentId === null)
      throw new ActionRefused(`"${id}" is the root of a page; duplicate the page instead`);
    return { id, trees: [buildTree(unedited(doc).nodes, id)] };
  });
  for (const { id, trees } of placed) {
    const node = doc.nodes[id]!;
    const parent = doc.nodes[node.parentId!]!;
    const list = node.slot === undefined ? parent.childIds : (parent.slotIds?.[node.slot] ?? []);
    const target: Target = { parentId: parent.id, index: list.indexOf(id) + 1 };
    if (node.slot !== undefined) target.slot = node.slot;
    copies.push(...placeTrees(doc, trees, target, ctx.catalogue));
  }
  return { select: copies };
}
