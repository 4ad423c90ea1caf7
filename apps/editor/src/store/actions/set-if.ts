// setIf: show the node only when a condition holds (undefined: always show).
import type { Condition } from '@tessera/schema';
import type { EditorDocument } from '../document';
import { nodeOrRefuse } from '../tree';

export type SetIfAction = { type: 'setIf'; id: string; condition: Condition | undefined };

export function setIf(doc: EditorDocument, action: SetIfAction): undefined {
  const node = nodeOrRefuse(doc, action.id);
  if (action.condition === undefined) delete node.if;
  else node.if = action.condition;
}
