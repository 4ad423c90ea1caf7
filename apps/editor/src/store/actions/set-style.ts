// setStyle: change (or clear, with value undefined) one style property of a node.
import type { Value } from '@tessera/schema';
import type { EditorDocument } from '../document';
import { nodeOrRefuse } from '../tree';

export type SetStyleAction = { type: 'setStyle'; id: string; name: string; value: Value | undefined };

export function setStyle(doc: EditorDocument, action: SetStyleAction): undefined {
  const node = nodeOrRefuse(doc, action.id);
  if (action.value === undefined) {
    if (node.style && Object.hasOwn(node.style, action.name)) delete node.style[action.name];
    if (node.style && Object.keys(node.style).length === 0) delete node.style;
    return;
  }
  node.style ??= {};
  node.style[action.name] = action.value;
}
