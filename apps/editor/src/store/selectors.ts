// Reading the editor state. Each returns objects of the state itself (never copies), so a
// component subscribed to one node re-renders only when that node's object changes.
import type { EditorNode, EditorPage } from './document';
import type { EditorState } from './store';

export const selectNode = (state: EditorState, id: string): EditorNode | undefined =>
  Object.hasOwn(state.doc.nodes, id) ? state.doc.nodes[id] : undefined;

/** The ids in a node's children, or in one of its slots. */
export function selectChildren(state: EditorState, id: string, slot?: string): readonly string[] {
  const node = selectNode(state, id);
  if (!node) return EMPTY;
  return slot === undefined ? node.childIds : (node.slotIds?.[slot] ?? EMPTY);
}

const EMPTY: readonly string[] = Object.freeze([]);

export const selectParent = (state: EditorState, id: string): EditorNode | undefined => {
  const parentId = selectNode(state, id)?.parentId;
  return parentId ? selectNode(state, parentId) : undefined;
};

export const selectPages = (state: EditorState): readonly EditorPage[] => state.doc.pages;

export const selectPage = (state: EditorState, pageId: string): EditorPage | undefined =>
  state.doc.pages.find((page) => page.id === pageId);

export const selectIsSelected = (state: EditorState, id: string): boolean => state.selection.includes(id);

export const selectSelectedNodes = (state: EditorState): EditorNode[] =>
  state.selection.flatMap((id) => selectNode(state, id) ?? []);

/** Ids from the page root down to the node (for breadcrumbs and the outline). */
export function selectAncestry(state: EditorState, id: string): string[] {
  const out: string[] = [];
  for (let at: string | null = id; at !== null; at = selectNode(state, at)?.parentId ?? null) out.unshift(at);
  return out;
}

/**
 * A selector of the selected nodes that returns the same array while none of them changed
 * (one per component: it remembers its last answer), so a multi-selection inspector re-renders
 * only when a selected node is edited, not on every edit elsewhere in the document.
 */
export function createSelectedNodesSelector(): (state: EditorState) => readonly EditorNode[] {
  let last: readonly EditorNode[] = EMPTY_NODES;
  return (state) => {
    const next = selectSelectedNodes(state);
    if (next.length === last.length && next.every((node, i) => node === last[i])) return last;
    last = next;
    return next;
  };
}

const EMPTY_NODES: readonly EditorNode[] = Object.freeze([]);
