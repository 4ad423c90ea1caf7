// move: drag nodes within their list or to another parent or slot.
import { canPlace } from '@tessera/components';
import type { EditorDocument } from '../document';
import { ActionRefused } from '../errors';
import type { Target } from '../place';
import { attach, detach, isWithin, nodeOrRefuse, topmost } from '../tree';
import type { ActionContext, ActionOutcome } from './context';

/** `index` is a position in the target list as it is before the move (drop before that item). */
export type MoveAction = { type: 'move'; ids: string[] } & Target;

export function move(doc: EditorDocument, action: MoveAction, ctx: ActionContext): ActionOutcome {
  const parent = nodeOrRefuse(doc, action.parentId);
  const ids = topmost(doc, action.ids);
  for (const id of ids) {
    const node = nodeOrRefuse(doc, id);
    if (node.parentId === null) throw new ActionRefused(`"${id}" is the root of a page and cannot be moved`);
    if (isWithin(doc, parent.id, id)) throw new ActionRefused(`cannot move "${id}" into itself`);
    const placement = canPlace(ctx.catalogue, parent.component, node.component, action.slot);
    if (!placement.ok) throw new ActionRefused(placement.reason);
  }
  const list = action.slot === undefined ? parent.childIds : (parent.slotIds?.[action.slot] ?? []);
  const moving = new Set(ids);
  // the item the nodes land before, skipping the moved ones themselves
  let anchor: string | undefined;
  for (let i = action.index ?? list.length; i < list.length; i++) {
    if (!moving.has(list[i]!)) {
      anchor = list[i];
      break;
    }
  }
  for (const id of ids) detach(doc, doc.nodes[id]!);
  const after = action.slot === undefined ? parent.childIds : (parent.slotIds?.[action.slot] ?? []);
  let index = anchor === undefined ? after.length : after.indexOf(anchor);
  for (const id of ids) attach(doc.nodes[id]!, parent, action.slot, index++);
  return { select: ids };
}
