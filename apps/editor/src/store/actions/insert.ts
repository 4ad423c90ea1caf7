// insert: put a component from the palette (its catalogue snippet) or a prepared node into a parent.
import type { EditorDocument } from '../document';
import { ActionRefused } from '../errors';
import { type LooseNode, placeTrees, type Target } from '../place';
import type { ActionContext, ActionOutcome } from './context';

export type InsertAction = { type: 'insert' } & Target &
  ({ component: string; node?: undefined } | { node: LooseNode; component?: undefined });

export function insert(doc: EditorDocument, action: InsertAction, ctx: ActionContext): ActionOutcome {
  let tree = action.node;
  if (!tree) {
    const name = action.component ?? '';
    const meta = Object.hasOwn(ctx.catalogue, name) ? ctx.catalogue[name] : undefined;
    if (!meta) throw new ActionRefused(`unknown component "${name}"`);
    tree = (meta.snippet as LooseNode | undefined) ?? { component: name };
  }
  const ids = placeTrees(doc, [tree], action, ctx.catalogue, true);
  return { select: ids };
}
