// Where a drag would drop: found from the DOM under the pointer (canvas, outline) or stepped
// through with the keyboard, and checked against the component metadata (canPlace).
import { canPlace } from '@tessera/components';
import type { ComponentCatalogue } from '@tessera/schema';
import type { EditorDocument, EditorNode } from '../../../store';

/** What is being dragged: a new component from the palette, or existing nodes. */
export type DragPayload = { kind: 'new'; component: string } | { kind: 'move'; ids: string[] };

export interface DropTarget {
  parentId: string;
  slot?: string;
  /** Position in the parent's list before the drop (the moved nodes still counted). */
  index: number;
}

export type Placement = { ok: true } | { ok: false; reason: string };

function isWithin(doc: EditorDocument, id: string, ancestor: string): boolean {
  for (let at: string | null = id; at !== null; at = doc.nodes[at]?.parentId ?? null)
    if (at === ancestor) return true;
  return false;
}

/** Whether the payload may go into `parent` (its children, or a slot). */
export function canAccept(
  doc: EditorDocument,
  catalogue: ComponentCatalogue,
  parent: EditorNode,
  payload: DragPayload,
  slot?: string,
): Placement {
  if (payload.kind === 'new') return canPlace(catalogue, parent.component, payload.component, slot);
  for (const id of payload.ids) {
    const node = doc.nodes[id];
    if (!node) return { ok: false, reason: `"${id}" no longer exists` };
    if (isWithin(doc, parent.id, id)) return { ok: false, reason: `cannot move "${id}" into itself` };
    const placement = canPlace(catalogue, parent.component, node.component, slot);
    if (!placement.ok) return placement;
  }
  return { ok: true };
}

const listOf = (parent: EditorNode, slot: string | undefined) =>
  slot === undefined ? parent.childIds : (parent.slotIds?.[slot] ?? []);

/** The node a DOM element shows: the nearest element whose id (minus a repeat's `--row`) is a node id. */
export function nodeIdOf(
  doc: EditorDocument,
  element: Element | null,
  stop?: Element | null,
): string | undefined {
  for (let at = element; at && at !== stop; at = at.parentElement) {
    const raw = at.id || (at as HTMLElement).dataset?.rowId;
    if (!raw) continue;
    const id = raw.split('--')[0]!;
    if (Object.hasOwn(doc.nodes, id)) return id;
  }
  return undefined;
}

/** The canvas element of a node (the first copy when it repeats). */
export function canvasElement(root: ParentNode, id: string): HTMLElement | null {
  return (
    (root.querySelector(`[id="${CSS.escape(id)}"]`) as HTMLElement | null) ??
    (root.querySelector(`[id^="${CSS.escape(`${id}--`)}"]`) as HTMLElement | null)
  );
}

function horizontal(element: Element): boolean {
  const style = getComputedStyle(element);
  return style.display.includes('flex') && !style.flexDirection.startsWith('column');
}

const EDGE = 8;

/**
 * The drop target for a pointer over the canvas: inside the container under the pointer (at the
 * position between its children nearest to the pointer), else beside the node under it, climbing
 * to the ancestors until one accepts. Returns the first refusal when none does.
 */
export function canvasTarget(
  doc: EditorDocument,
  catalogue: ComponentCatalogue,
  root: HTMLElement,
  x: number,
  y: number,
  payload: DragPayload,
): { target?: DropTarget; refusal?: string; hit?: string } {
  const element = root.ownerDocument.elementFromPoint(x, y);
  if (!element || !root.contains(element)) return {};
  let refusal: string | undefined;
  // the drop zone of an empty container or slot (canvas/Canvas.tsx EmptySlot)
  const zone = element.closest<HTMLElement>('[data-drop-parent]');
  const zoneParent = zone && root.contains(zone) ? doc.nodes[zone.dataset.dropParent ?? ''] : undefined;
  if (zone && zoneParent) {
    const slot = zone.dataset.dropSlot;
    const accepts = canAccept(doc, catalogue, zoneParent, payload, slot);
    if (accepts.ok) {
      const target: DropTarget = { parentId: zoneParent.id, index: listOf(zoneParent, slot).length };
      if (slot !== undefined) target.slot = slot;
      return { target, hit: zoneParent.id };
    }
    // refused there: look beside the container and up its ancestors, keeping the reason
    refusal = accepts.reason;
  }
  let hit = nodeIdOf(doc, element, root.parentElement);
  if (!hit) return {};
  // over a node being moved: drop beside the moved node itself
  if (payload.kind === 'move')
    for (const id of payload.ids) if (isWithin(doc, hit, id) && doc.nodes[id]?.parentId) hit = id;
  for (let at: string | null = hit; at !== null; at = doc.nodes[at]?.parentId ?? null) {
    const node = doc.nodes[at]!;
    const el = canvasElement(root, at);
    const rect = el?.getBoundingClientRect();
    const nearEdge =
      rect !== undefined &&
      node.parentId !== null &&
      (y - rect.top < EDGE || rect.bottom - y < EDGE || x - rect.left < EDGE || rect.right - x < EDGE);
    const inside = canAccept(doc, catalogue, node, payload);
    if (inside.ok && el && (!nearEdge || node.childIds.length === 0)) {
      return { target: { parentId: at, index: indexByPointer(root, node.childIds, el, x, y) }, hit };
    }
    if (!inside.ok && at === hit) refusal = inside.reason;
    const parent = node.parentId ? doc.nodes[node.parentId] : undefined;
    if (!parent) break;
    const beside = canAccept(doc, catalogue, parent, payload, node.slot);
    if (beside.ok && rect) {
      const list = listOf(parent, node.slot);
      const after =
        el && horizontal(el.parentElement ?? el)
          ? x > rect.left + rect.width / 2
          : y > rect.top + rect.height / 2;
      const target: DropTarget = { parentId: parent.id, index: list.indexOf(at) + (after ? 1 : 0) };
      if (node.slot !== undefined) target.slot = node.slot;
      return { target, hit };
    }
    refusal ??= beside.ok ? undefined : beside.reason;
  }
  return refusal ? { refusal, hit } : { hit };
}

function indexByPointer(
  root: HTMLElement,
  ids: readonly string[],
  container: Element,
  x: number,
  y: number,
): number {
  if (ids.length === 0) return 0;
  const row = horizontal(container);
  for (let i = 0; i < ids.length; i++) {
    const rect = canvasElement(root, ids[i]!)?.getBoundingClientRect();
    if (!rect) continue;
    if (row ? x < rect.left + rect.width / 2 : y < rect.top + rect.height / 2) return i;
  }
  return ids.length;
}

/** The drop target for a pointer over the outline: before / after / inside the row under it. */
export function outlineTarget(
  doc: EditorDocument,
  catalogue: ComponentCatalogue,
  tree: HTMLElement,
  x: number,
  y: number,
  payload: DragPayload,
): { target?: DropTarget; refusal?: string } {
  const element = tree.ownerDocument.elementFromPoint(x, y);
  const row = element?.closest<HTMLElement>('[data-row-id]');
  if (!row || !tree.contains(row)) return {};
  const id = row.dataset.rowId!;
  const node = doc.nodes[id];
  if (!node) return {};
  const rect = row.getBoundingClientRect();
  const part = (y - rect.top) / rect.height;
  const inside = canAccept(doc, catalogue, node, payload);
  const parent = node.parentId ? doc.nodes[node.parentId] : undefined;
  if (inside.ok && (!parent || (part > 0.25 && part < 0.75)))
    return { target: { parentId: id, index: node.childIds.length } };
  if (!parent) return { refusal: inside.ok ? undefined : inside.reason };
  const beside = canAccept(doc, catalogue, parent, payload, node.slot);
  if (!beside.ok) return { refusal: inside.ok ? beside.reason : inside.reason };
  const list = listOf(parent, node.slot);
  const target: DropTarget = { parentId: parent.id, index: list.indexOf(id) + (part >= 0.5 ? 1 : 0) };
  if (node.slot !== undefined) target.slot = node.slot;
  return { target };
}

/** Every place the payload may go on a page, in reading order (the keyboard steps through them). */
export function keyboardTargets(
  doc: EditorDocument,
  catalogue: ComponentCatalogue,
  rootId: string,
  payload: DragPayload,
): DropTarget[] {
  const out: DropTarget[] = [];
  const moving = new Set(payload.kind === 'move' ? payload.ids : []);
  const visitList = (parent: EditorNode, ids: readonly string[], slot: string | undefined) => {
    const accepts = canAccept(doc, catalogue, parent, payload, slot).ok;
    const push = (index: number) =>
      out.push(slot === undefined ? { parentId: parent.id, index } : { parentId: parent.id, slot, index });
    ids.forEach((id, index) => {
      if (accepts) push(index);
      visit(id);
    });
    if (accepts) push(ids.length);
  };
  const visit = (id: string) => {
    const node = doc.nodes[id];
    if (!node || moving.has(id)) return;
    visitList(node, node.childIds, undefined);
    for (const [slot, ids] of Object.entries(node.slotIds ?? {})) visitList(node, ids, slot);
  };
  visit(rootId);
  return out;
}

export const sameTarget = (a: DropTarget | undefined, b: DropTarget | undefined) =>
  a === b || (!!a && !!b && a.parentId === b.parentId && a.slot === b.slot && a.index === b.index);
