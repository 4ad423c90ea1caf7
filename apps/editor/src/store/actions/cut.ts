// cut: copy nodes to the clipboard and remove them, as one undoable step.
import { copyNodes } from '../clipboard';
import type { EditorDocument } from '../document';
import type { ActionOutcome } from './context';
import { remove } from './remove';

export type CutAction = { type: 'cut'; ids: string[] };

export function cut(doc: EditorDocument, action: CutAction): ActionOutcome {
  const clipboard = copyNodes(doc, action.ids);
  remove(doc, { type: 'remove', ids: action.ids });
  return { select: [], clipboard };
}
