// Placing new subtrees (from the palette, the clipboard or a duplicate) into the document:
// checks nesting against the catalogue, gives fresh ids, and rewrites references to renamed ids.
import { canPlace } from '@tessera/components';
import type { ComponentCatalogue, NodeSchema } from '@tessera/schema';
import type { EditorDocument } from './document';
import { ActionRefused } from './errors';
import { idMaker } from './ids';
import { addTree } from './normalize';
import { rewriteReferences } from './references';
import { attach, nodeOrRefuse } from './tree';

/** A node tree whose ids may be missing (catalogue snippets have none). */
export type LooseNode = Omit<NodeSchema, 'id' | 'children' | 'slots'> & {
  id?: string;
  children?: LooseNode[];
  slots?: { [slot: string]: LooseNode[] | undefined };
};

export interface Target {
  parentId: string;
  slot?: string;
  /** Position in the parent's list; the end when absent. */
  index?: number;
}

/** Refuses with canPlace's reason when the tree, or any node inside it, may not go where it would. */
export function checkPlacement(
  catalogue: ComponentCatalogue,
  parent: string,
  tree: LooseNode,
  slot?: string,
): void {
  const placement = canPlace(catalogue, parent, tree.component, slot);
  if (!placement.ok) throw new ActionRefused(placement.reason);
  for (const child of tree.children ?? []) checkPlacement(catalogue, tree.component, child);
  for (const [name, list] of Object.entries(tree.slots ?? {}))
    for (const child of list ?? []) checkPlacement(catalogue, tree.component, child, name);
}

function walk(tree: LooseNode, visit: (node: LooseNode) => void): void {
  visit(tree);
  for (const child of tree.children ?? []) walk(child, visit);
  for (const list of Object.values(tree.slots ?? {})) for (const child of list ?? []) walk(child, visit);
}

// Names a repeat (or a List's itemName / indexName) brings into scope at the target, so
// expressions using them still parse when references are rewritten.
function repeatNames(doc: EditorDocument, parentId: string | null, trees: LooseNode[]): string[] {
  const names = new Set<string>();
  const add = (node: Pick<LooseNode, 'repeat' | 'props'> | undefined) => {
    for (const name of [
      node?.repeat?.item,
      node?.repeat?.index,
      node?.props?.itemName,
      node?.props?.indexName,
    ])
      if (typeof name === 'string') names.add(name);
  };
  for (let at = parentId; at !== null; at = doc.nodes[at]?.parentId ?? null) add(doc.nodes[at]);
  for (const tree of trees) walk(tree, add);
  return [...names];
}

/**
 * Adds the trees under the target, in order. `keepIds`: keep ids not yet used in the document
 * (insert of a prepared node); otherwise every node gets a fresh id (paste, duplicate).
 * Returns the ids of the placed roots.
 */
export function placeTrees(
  doc: EditorDocument,
  trees: LooseNode[],
  target: Target,
  catalogue: ComponentCatalogue,
  keepIds = false,
): string[] {
  const parent = nodeOrRefuse(doc, target.parentId);
  for (const tree of trees) checkPlacement(catalogue, parent.component, tree, target.slot);

  const reserved = new Set<string>();
  const taken = (id: string) => Object.hasOwn(doc.nodes, id) || reserved.has(id);
  const newId = idMaker(taken);
  const renamed = new Map<string, string>();
  const withIds = trees.map((tree) => {
    const copy = (node: LooseNode): NodeSchema => {
      let id = node.id;
      if (!keepIds || id === undefined || taken(id)) {
        const fresh = newId(node.component);
        // only Forms are referred to by id (form actions, `form.<id>`); a field named like another node stays
        if (id !== undefined && node.component === 'Form') renamed.set(id, fresh);
        id = fresh;
      }
      reserved.add(id);
      const { children, slots, id: _given, ...content } = node;
      const out = { id, ...content } as NodeSchema;
      if (children) out.children = children.map(copy);
      if (slots)
        out.slots = Object.fromEntries(Object.entries(slots).map(([n, list]) => [n, (list ?? []).map(copy)]));
      return out;
    };
    return copy(tree);
  });
  if (renamed.size > 0) {
    const roots = repeatNames(doc, parent.id, trees);
    const rewrite = (node: NodeSchema): NodeSchema => {
      const out = rewriteReferences(node, { form: renamed }, roots);
      if (node.children) out.children = node.children.map(rewrite);
      if (node.slots)
        out.slots = Object.fromEntries(
          Object.entries(node.slots).map(([n, list]) => [n, (list ?? []).map(rewrite)]),
        );
      return out;
    };
    for (let i = 0; i < withIds.length; i++) withIds[i] = rewrite(withIds[i]!);
  }
  let index = target.index;
  return withIds.map((tree) => {
    const id = addTree(doc.nodes, tree, parent.id, target.slot);
    attach(doc.nodes[id]!, parent, target.slot, index);
    if (index !== undefined) index++;
    return id;
  });
}

/** Adds a page root tree (no parent) with fresh ids, the root taking `rootId` when free; returns the root's id. */
export function placeTreesAsRoot(doc: EditorDocument, tree: LooseNode, rootId: string): string {
  const taken = (id: string) => Object.hasOwn(doc.nodes, id);
  const newId = idMaker(taken);
  const copy = (node: LooseNode, id: string): NodeSchema => {
    const { children, slots, id: _old, ...content } = node;
    const out = { id, ...content } as NodeSchema;
    const fresh = (child: LooseNode) => copy(child, newId(child.component));
    if (children) out.children = children.map(fresh);
    if (slots)
      out.slots = Object.fromEntries(Object.entries(slots).map(([n, list]) => [n, (list ?? []).map(fresh)]));
    return out;
  };
  return addTree(doc.nodes, copy(tree, taken(rootId) ? newId(tree.component) : rootId), null);
}
