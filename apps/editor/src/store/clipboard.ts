// The clipboard holds copied subtrees as JSON text, so it can also travel through the system clipboard.
import type { NodeSchema } from '@tessera/schema';
import type { EditorDocument } from './document';
import { ActionRefused } from './errors';
import { buildTree } from './normalize';
import type { LooseNode } from './place';
import { topmost } from './tree';

const KIND = 'tessera/nodes';

/** JSON of the subtrees of the given nodes (nested selections are copied once, with their parent). */
export function copyNodes(doc: EditorDocument, ids: readonly string[]): string {
  const roots = topmost(doc, ids).filter((id) => Object.hasOwn(doc.nodes, id));
  if (roots.length === 0) throw new ActionRefused('nothing to copy');
  const nodes: NodeSchema[] = roots.map((id) => buildTree(doc.nodes, id));
  return JSON.stringify({ kind: KIND, version: 1, nodes });
}

function isTree(value: unknown): value is LooseNode {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const node = value as Record<string, unknown>;
  if (typeof node.component !== 'string') return false;
  if (node.children !== undefined && !(Array.isArray(node.children) && node.children.every(isTree)))
    return false;
  if (node.slots !== undefined) {
    if (node.slots === null || typeof node.slots !== 'object') return false;
    for (const list of Object.values(node.slots))
      if (!Array.isArray(list) || !list.every(isTree)) return false;
  }
  return true;
}

/** The node trees of clipboard JSON; refuses text that is not copied Tessera nodes. */
export function readClipboard(text: string | null): LooseNode[] {
  if (!text) throw new ActionRefused('the clipboard is empty');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ActionRefused('the clipboard does not hold Tessera nodes (not JSON)');
  }
  const nodes = (data as { kind?: unknown; nodes?: unknown })?.nodes;
  if ((data as { kind?: unknown })?.kind !== KIND || !Array.isArray(nodes) || nodes.length === 0)
    throw new ActionRefused('the clipboard does not hold Tessera nodes');
  const bad = nodes.findIndex((node) => !isTree(node));
  if (bad >= 0) throw new ActionRefused(`the clipboard's node ${bad + 1} is not a valid node tree`);
  return nodes as LooseNode[];
}
