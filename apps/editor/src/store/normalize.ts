// AppSchema (a tree per page) ⇄ EditorDocument (a flat node map), losslessly.
import type { AppSchema, NodeSchema, PageSchema } from '@tessera/schema';
import { type EditorDocument, type EditorNode, type EditorPage, NODE_FIELDS } from './document';

const CONTENT_FIELDS = ['props', 'style', 'events', 'if', 'repeat'] as const;

/** Adds a node tree to `nodes` (ids must be unique); returns the root's id. */
export function addTree(
  nodes: Record<string, EditorNode>,
  node: NodeSchema,
  parentId: string | null,
  slot?: string,
): string {
  if (Object.hasOwn(nodes, node.id)) throw new Error(`duplicate node id "${node.id}"`);
  const entry: EditorNode = { id: node.id, component: node.component, parentId, childIds: [] };
  if (slot !== undefined) entry.slot = slot;
  for (const field of CONTENT_FIELDS) {
    if (node[field] !== undefined) (entry as unknown as Record<string, unknown>)[field] = node[field];
  }
  const order = Object.keys(node);
  if (!sameOrder(order, node)) entry.fieldOrder = order;
  else if (node.children !== undefined && node.children.length === 0) entry.fieldOrder = order;
  nodes[node.id] = entry;
  for (const child of node.children ?? []) entry.childIds.push(addTree(nodes, child, node.id));
  if (node.slots) {
    entry.slotIds = {};
    for (const [name, list] of Object.entries(node.slots)) {
      entry.slotIds[name] = (list ?? []).map((child) => addTree(nodes, child, node.id, name));
    }
  }
  return node.id;
}

// True when the node's keys follow NODE_FIELDS order (then no fieldOrder needs storing).
function sameOrder(keys: string[], node: NodeSchema): boolean {
  const canonical = NODE_FIELDS.filter((field) => node[field] !== undefined);
  return keys.length === canonical.length && keys.every((key, i) => key === canonical[i]);
}

/** The flat editor document of an app. Throws on duplicate node ids (validate the app first). */
export function normalize(app: AppSchema): EditorDocument {
  const nodes: Record<string, EditorNode> = {};
  const pages: EditorPage[] = app.pages.map((page) => {
    const entry: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(page)) {
      entry[key] = key === 'root' ? addTree(nodes, page.root, null) : value;
    }
    return entry as EditorPage;
  });
  const { pages: _pages, ...rest } = app;
  return { app: rest, pagesKeyIndex: Object.keys(app).indexOf('pages'), pages, nodes };
}

/** The node tree rooted at `id`, as the app schema writes it. */
export function buildTree(nodes: Record<string, EditorNode>, id: string): NodeSchema {
  const node = nodes[id];
  if (!node) throw new Error(`no node with id "${id}"`);
  const values: Record<string, unknown> = { id: node.id, component: node.component };
  for (const field of CONTENT_FIELDS) if (node[field] !== undefined) values[field] = node[field];
  const hadChildren = node.fieldOrder?.includes('children') ?? false;
  if (node.childIds.length > 0 || hadChildren)
    values.children = node.childIds.map((c) => buildTree(nodes, c));
  if (node.slotIds) {
    const slots: Record<string, NodeSchema[]> = {};
    for (const [name, list] of Object.entries(node.slotIds))
      slots[name] = list.map((c) => buildTree(nodes, c));
    values.slots = slots;
  }
  const out: Record<string, unknown> = {};
  for (const key of node.fieldOrder ?? []) if (values[key] !== undefined) out[key] = values[key];
  for (const key of NODE_FIELDS) if (values[key] !== undefined && !(key in out)) out[key] = values[key];
  return out as unknown as NodeSchema;
}

/** The app schema of an editor document, in the key order it was read in. */
export function denormalize(doc: EditorDocument): AppSchema {
  const pages: PageSchema[] = doc.pages.map((page) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(page))
      out[key] = key === 'root' ? buildTree(doc.nodes, page.root) : value;
    return out as unknown as PageSchema;
  });
  const entries: [string, unknown][] = Object.entries(doc.app);
  const at = doc.pagesKeyIndex < 0 ? entries.length : Math.min(doc.pagesKeyIndex, entries.length);
  entries.splice(at, 0, ['pages', pages]);
  return Object.fromEntries(entries) as unknown as AppSchema;
}
