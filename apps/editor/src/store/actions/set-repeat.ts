// setRepeat: render the node once per item of a list (undefined: render once).
import type { Repeat } from '@tessera/schema';
import type { EditorDocument } from '../document';
import { ActionRefused } from '../errors';
import { nodeOrRefuse } from '../tree';

export type SetRepeatAction = { type: 'setRepeat'; id: string; repeat: Repeat | undefined };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Names item / index may not take: they would hide a standard name (as packages/schema checks). */
export const RESERVED_LOCAL_NAMES: ReadonlySet<string> = new Set([
  'state',
  'app',
  'params',
  'queries',
  'auth',
  'event',
  'utils',
  'code',
  'form',
  'locale',
]);

export function setRepeat(doc: EditorDocument, action: SetRepeatAction): undefined {
  const node = nodeOrRefuse(doc, action.id);
  if (action.repeat === undefined) {
    delete node.repeat;
    return;
  }
  if (node.parentId === null) throw new ActionRefused('the root of a page cannot repeat');
  const { item = 'item', index = 'index' } = action.repeat;
  for (const name of [item, index]) {
    if (!IDENTIFIER.test(name)) throw new ActionRefused(`"${name}" is not a valid variable name`);
    if (RESERVED_LOCAL_NAMES.has(name))
      throw new ActionRefused(`"${name}" would hide the standard name ${name}; choose another`);
  }
  if (item === index) throw new ActionRefused(`item and index must have different names (both "${item}")`);
  node.repeat = action.repeat;
}
