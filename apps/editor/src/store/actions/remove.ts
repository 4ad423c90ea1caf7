// remove: delete nodes with everything inside them (multi-select delete).
import type { EditorDocument } from '../document';
import { ActionRefused } from '../errors';
import { detach, nodeOrRefuse, subtreeIds, topmost, unedited } from '../tree';
import type { ActionOutcome } from './context';

export type RemoveAction = { type: 'remove'; ids: string[] };

export function remove(doc: EditorDocument, action: RemoveAction): ActionOutcome {
  const ids = topmost(doc, action.ids);
  if (ids.length === 0) throw new ActionRefused('nothing to remove');
  for (const id of ids) {
    if (nodeOrRefuse(doc, id).parentId === null)
      throw new ActionRefused(`"${id}" is the root of a page; remove the page instead`);
  }
  for (const id of ids) {
    // nodes removed by an earlier id of this action are not descendants of this one (ids are topmost)
    const gone = subtreeIds(unedited(doc), id);
    detach(doc, doc.nodes[id]!);
    for (const each of gone) delete doc.nodes[each];
  }
  return { select: [] };
}
