// setMany: change (or clear, with value undefined) one prop or style property of several nodes
// at once — an edit of a multi-selection in the inspector, undone as one step.
import type { Value } from '@tessera/schema';
import type { EditorDocument } from '../document';
import { ActionRefused } from '../errors';
import { nodeOrRefuse } from '../tree';
import { setProp } from './set-prop';
import { setStyle } from './set-style';

export type SetManyAction = {
  type: 'setMany';
  ids: string[];
  /** which of the nodes' maps the value goes into */
  field: 'props' | 'style';
  name: string;
  value: Value | undefined;
};

export function setMany(doc: EditorDocument, action: SetManyAction): undefined {
  if (action.field !== 'props' && action.field !== 'style')
    throw new ActionRefused(`setMany sets "props" or "style", not "${String(action.field)}"`);
  const ids = [...new Set(action.ids)];
  if (ids.length === 0) throw new ActionRefused('setMany needs at least one node id');
  // every id is checked before any node changes, so a wrong id refuses the whole edit
  for (const id of ids) nodeOrRefuse(doc, id);
  const set = action.field === 'props' ? setProp : setStyle;
  for (const id of ids) {
    const node = doc.nodes[id]!;
    const current = action.field === 'props' ? node.props?.[action.name] : node.style?.[action.name];
    // unchanged nodes stay the same objects, so their canvas nodes do not render again
    if (current === action.value) continue;
    set(doc, {
      type: action.field === 'props' ? 'setProp' : 'setStyle',
      id,
      name: action.name,
      value: action.value,
    });
  }
}
