// setRepeat: render the node once per item of a list (undefined: render once).
import type { Repeat } from '@tessera/schema';
import type { EditorDocument } from '../document';
import { ActionRefused } from '../errors';
import { nodeOrRefuse } from '../tree';

export type SetRepeatAction = { type: 'setRepeat'; id: string; repeat: Repeat | undefined };

export function setRepeat(doc: EditorDocument, action: SetRepeatAction): undefined {
  const node = nodeOrRefuse(doc, action.id);
  if (action.repeat === undefined) {
    delete node.repeat;
    return;
  }
  if (node.parentId === null) throw new ActionRefused('the root of a page cannot repeat');
  node.repeat = action.repeat;
}
