// Reading and re-linking the flat node map: where a node sits, its subtree, detaching and attaching.
import { isDraft, original } from 'immer';
import type { EditorDocument, EditorNode } from './document';
import { ActionRefused } from './errors';

export function nodeOrRefuse(doc: EditorDocument, id: string): EditorNode {
  const node = Object.hasOwn(doc.nodes, id) ? doc.nodes[id] : undefined;
  if (!node) throw new ActionRefused(`there is no node "${id}"`);
  return node;
}

/** The id list holding a parent's children, or one of its slots (created when missing). */
export function listOf(parent: EditorNode, slot: string | undefined): string[] {
  if (slot === undefined) return parent.childIds;
  parent.slotIds ??= {};
  parent.slotIds[slot] ??= [];
  return parent.slotIds[slot];
}

/** Ids of the node and all its descendants, parents first. */
export function subtreeIds(doc: EditorDocument, id: string): string[] {
  const out: string[] = [];
  const stack = [id];
  while (stack.length > 0) {
    const current = stack.pop()!;
    const node = doc.nodes[current];
    if (!node) continue;
    out.push(current);
    if (node.slotIds)
      for (const list of Object.values(node.slotIds).reverse()) stack.push(...[...list].reverse());
    stack.push(...[...node.childIds].reverse());
  }
  return out;
}

/** True when `ancestorId` is `id` itself or one of its ancestors. */
export function isWithin(doc: EditorDocument, id: string, ancestorId: string): boolean {
  for (let at: string | null = id; at !== null; at = doc.nodes[at]?.parentId ?? null) {
    if (at === ancestorId) return true;
  }
  return false;
}

/** The page whose tree holds the node. */
export function pageOf(doc: EditorDocument, id: string): EditorDocument['pages'][number] | undefined {
  let at = id;
  for (let node = doc.nodes[at]; node?.parentId; node = doc.nodes[at]) at = node.parentId;
  return doc.pages.find((page) => page.root === at);
}

/** Takes the node out of its parent's list (the node stays in the map). */
export function detach(doc: EditorDocument, node: EditorNode): number {
  if (node.parentId === null) throw new ActionRefused(`"${node.id}" is the root of a page`);
  const parent = doc.nodes[node.parentId]!;
  const list = listOf(parent, node.slot);
  const index = list.indexOf(node.id);
  if (index >= 0) list.splice(index, 1);
  return index;
}

/** Puts the node into a parent's children or slot at an index (end when absent or out of range). */
export function attach(node: EditorNode, parent: EditorNode, slot?: string, index?: number): void {
  const list = listOf(parent, slot);
  const at = index === undefined || index < 0 || index > list.length ? list.length : index;
  list.splice(at, 0, node.id);
  node.parentId = parent.id;
  if (slot === undefined) delete node.slot;
  else node.slot = slot;
}

/** Ids of roots among `ids`: drops any id whose ancestor is also listed, keeps document order of the input. */
export function topmost(doc: EditorDocument, ids: readonly string[]): string[] {
  const set = new Set(ids);
  return [...set].filter((id) => {
    for (let at = doc.nodes[id]?.parentId ?? null; at !== null; at = doc.nodes[at]?.parentId ?? null) {
      if (set.has(at)) return false;
    }
    return true;
  });
}

/** The document as it was before this action's edits (reads without creating drafts; fast on big pages). */
export function unedited(doc: EditorDocument): EditorDocument {
  return isDraft(doc) ? (original(doc) as EditorDocument) : doc;
}
