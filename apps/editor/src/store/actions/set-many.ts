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
  for (const id of ids) {
    const node = doc.nodes[id]!;
    const { name, value } = action;
    const current = action.field === 'props' ? node.props?.[name] : node.style?.[name];
    // unchanged nodes stay the same objects, so their canvas nodes do not render again
    if (current === value) continue;
    if (action.field === 'props') setProp(doc, { type: 'setProp', id, name, value });
    else setStyle(doc, { type: 'setStyle', id, name, value });
  }
}
