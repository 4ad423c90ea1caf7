// paste: add the clipboard's subtrees with fresh ids, references among them rewritten.

import { readClipboard } from '../clipboard';
import type { EditorDocument } from '../document';
import { ActionRefused } from '../errors';
import { placeTrees, type Target } from '../place';
import type { ActionContext, ActionOutcome } from './context';

/** Without a target, pastes after the last selected node, or inside it when it cannot go beside it. */
export type PasteAction = { type: 'paste'; clipboard?: string } & Partial<Target>;

export function paste(doc: EditorDocument, action: PasteAction, ctx: ActionContext): ActionOutcome {
  const trees = readClipboard(action.clipboard ?? ctx.clipboard);
  if (action.parentId !== undefined)
    return { select: placeTrees(doc, trees, action as Target, ctx.catalogue) };
  const anchorId = ctx.selection[ctx.selection.length - 1];
  const anchor = anchorId === undefined ? undefined : doc.nodes[anchorId];
  if (!anchor) throw new ActionRefused('select where to paste');
  if (anchor.parentId !== null) {
    const parent = doc.nodes[anchor.parentId]!;
    const list = anchor.slot === undefined ? parent.childIds : (parent.slotIds?.[anchor.slot] ?? []);
    const beside: Target = { parentId: parent.id, index: list.indexOf(anchor.id) + 1 };
    if (anchor.slot !== undefined) beside.slot = anchor.slot;
    try {
      return { select: placeTrees(doc, trees, beside, ctx.catalogue) };
    } catch (error) {
      if (!(error instanceof ActionRefused)) throw error;
    }
  }
  return { select: placeTrees(doc, trees, { parentId: anchor.id }, ctx.catalogue) };
}
