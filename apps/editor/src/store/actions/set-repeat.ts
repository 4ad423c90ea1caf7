// setRepeat: render the node once per item of a list (undefined: render once).
import { APP_ROOTS } from '@tessera/expr';
import type { ComponentCatalogue, Repeat } from '@tessera/schema';
import type { EditorDocument, EditorNode } from '../document';
import { ActionRefused } from '../errors';
import { rewriteLocals } from '../references';
import { nodeOrRefuse } from '../tree';
import type { ActionContext } from './context';

export type SetRepeatAction = { type: 'setRepeat'; id: string; repeat: Repeat | undefined };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Names item / index may not take: they would hide a standard name (as packages/schema checks). */
export const RESERVED_LOCAL_NAMES: ReadonlySet<string> = new Set(APP_ROOTS);

export function setRepeat(doc: EditorDocument, action: SetRepeatAction, ctx: ActionContext): undefined {
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
  const before = node.repeat;
  node.repeat = action.repeat;
  if (!before) return;
  // the node and its children read the item and index by name: renaming them renames their uses
  const locals = new Map<string, string>();
  if ((before.item ?? 'item') !== item) locals.set(before.item ?? 'item', item);
  if ((before.index ?? 'index') !== index) locals.set(before.index ?? 'index', index);
  if (locals.size > 0) rewriteLocals(doc, action.id, { locals }, (n) => listNames(n, ctx.catalogue));
}

/** The item and index names a List-like component (props itemName / indexName) gives its children. */
function listNames(node: EditorNode, catalogue: ComponentCatalogue): string[] {
  const props = catalogue[node.component]?.props;
  if (!props?.itemName || !props.indexName) return [];
  const name = (prop: 'itemName' | 'indexName') => {
    const value = node.props?.[prop];
    return typeof value === 'string'
      ? value
      : String(props[prop]?.default ?? (prop === 'itemName' ? 'item' : 'index'));
  };
  return [name('itemName'), name('indexName')];
}
