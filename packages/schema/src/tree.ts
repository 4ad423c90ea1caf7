// Walking and finding nodes in an app's page trees; shared by the editor, the compiler and the validator.
import type { AppSchema, NodeSchema, PageSchema } from './generated/types';
import { escapeToken } from './pointer';

export interface NodeLocation {
  node: NodeSchema;
  /** JSON pointer of the node in the app document, e.g. /pages/0/root/children/2 */
  pointer: string;
  /** the node that holds this one in `children` or a slot; null for a page root */
  parent: NodeSchema | null;
  /** the slot holding the node, when it is in a slot rather than in `children` */
  slot?: string;
  /** position in the parent's `children` (or slot list); 0 for a page root */
  index: number;
  page: PageSchema;
  pageIndex: number;
  /** 0 for a page root */
  depth: number;
}

/** Return false to skip the node's descendants. */
// biome-ignore lint/suspicious/noConfusingVoidType: most visitors return nothing
export type NodeVisitor = (location: NodeLocation) => boolean | void;

function walkTree(node: NodeSchema, location: Omit<NodeLocation, 'node'>, visit: NodeVisitor): boolean {
  const here: NodeLocation = { ...location, node };
  const result = visit(here);
  if (result === false) return true;
  const common = {
    page: location.page,
    pageIndex: location.pageIndex,
    depth: location.depth + 1,
    parent: node,
  };
  const children = node.children;
  if (Array.isArray(children)) {
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (isNode(child))
        walkTree(child, { ...common, pointer: `${location.pointer}/children/${i}`, index: i }, visit);
    }
  }
  const slots = node.slots;
  if (slots && typeof slots === 'object') {
    for (const [slot, list] of Object.entries(slots)) {
      if (!Array.isArray(list)) continue;
      const base = `${location.pointer}/slots/${escapeToken(slot)}`;
      for (let i = 0; i < list.length; i++) {
        const child = list[i];
        if (isNode(child)) walkTree(child, { ...common, pointer: `${base}/${i}`, index: i, slot }, visit);
      }
    }
  }
  return true;
}

function isNode(value: unknown): value is NodeSchema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Visits every node of every page, parents before children, `children` before slots.
 * Tolerates malformed documents (skips what is not an object), so it can run before validation.
 */
export function walkNodes(app: AppSchema, visit: NodeVisitor): void {
  const pages = Array.isArray(app?.pages) ? app.pages : [];
  for (let p = 0; p < pages.length; p++) {
    const page = pages[p];
    if (!page || typeof page !== 'object' || !isNode(page.root)) continue;
    walkTree(
      page.root,
      { pointer: `/pages/${p}/root`, parent: null, index: 0, page, pageIndex: p, depth: 0 },
      visit,
    );
  }
}

/** Visits one page's nodes; pointers are relative to the app document. */
export function walkPage(page: PageSchema, pageIndex: number, visit: NodeVisitor): void {
  if (isNode(page?.root)) {
    walkTree(
      page.root,
      { pointer: `/pages/${pageIndex}/root`, parent: null, index: 0, page, pageIndex, depth: 0 },
      visit,
    );
  }
}

/** The first node with this id, with where it is. */
export function findNode(app: AppSchema, id: string): NodeLocation | undefined {
  let found: NodeLocation | undefined;
  walkNodes(app, (location) => {
    if (found) return false;
    if (location.node.id === id) {
      found = location;
      return false;
    }
    return true;
  });
  return found;
}

/** The node holding the node with this id (in children or a slot); undefined for page roots and unknown ids. */
export function parentOf(app: AppSchema, id: string): NodeSchema | undefined {
  return findNode(app, id)?.parent ?? undefined;
}

/** JSON pointer of the node with this id, e.g. /pages/0/root/children/3; undefined for unknown ids. */
export function pathOf(app: AppSchema, id: string): string | undefined {
  return findNode(app, id)?.pointer;
}

/** Every node id of the app mapped to its location (for repeated lookups; one walk). */
export function indexNodes(app: AppSchema): Map<string, NodeLocation> {
  const index = new Map<string, NodeLocation>();
  walkNodes(app, (location) => {
    if (typeof location.node.id === 'string' && !index.has(location.node.id))
      index.set(location.node.id, location);
  });
  return index;
}
