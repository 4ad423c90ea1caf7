// setProp: change (or clear, with value undefined) one prop of a node.
import type { Value } from '@tessera/schema';
import type { EditorDocument } from '../document';
import { nodeOrRefuse } from '../tree';

export type SetPropAction = { type: 'setProp'; id: string; name: string; value: Value | undefined };

export function setProp(doc: EditorDocument, action: SetPropAction): undefined {
  const node = nodeOrRefuse(doc, action.id);
  if (action.value === undefined) {
    if (node.props && Object.hasOwn(node.props, action.name)) delete node.props[action.name];
    return;
  }
  node.props ??= {};
  node.props[action.name] = action.value;
}
