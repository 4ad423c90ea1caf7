// Drag and drop for the page editor (dnd-kit, pointer and keyboard sensors). The canvas and the
// outline are one draggable each (the node comes from where the drag started) and no droppables
// are registered: the target is read from the DOM under the pointer, or stepped through with the
// arrow keys, so a 2,000-node page costs no per-node dnd-kit hooks or re-renders while dragging.

import {
  type Announcements,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { catalogue, getComponent } from '@tessera/components';
import {
  createContext,
  type ReactNode,
  type RefObject,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useSyncExternalStore,
} from 'react';
import { useLocale, useT } from '../../../app/i18n';
import { useToast } from '../../../app/ui';
import type { EditorDocument, EditorStore } from '../../../store';
import { messages } from '../messages';
import {
  canvasTarget,
  type DragPayload,
  type DropTarget,
  keyboardTargets,
  nodeIdOf,
  outlineTarget,
  sameTarget,
} from './targets';

export interface DragState {
  payload: DragPayload | null;
  target?: DropTarget | undefined;
  refusal?: string | undefined;
  keyboard: boolean;
}

/** The live drag (outside React state, so only the indicators re-render while dragging). */
export class DragStore {
  private state: DragState = { payload: null, keyboard: false };
  private readonly listeners = new Set<() => void>();
  get = (): DragState => this.state;
  set(next: Partial<DragState>): void {
    this.state = { ...this.state, ...next };
    for (const listener of [...this.listeners]) listener();
  }
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

interface DndValue {
  drag: DragStore;
  canvasRoot: RefObject<HTMLDivElement | null>;
  outlineRoot: RefObject<HTMLUListElement | null>;
}

const DndValueContext = createContext<DndValue | null>(null);

export function useDnd(): DndValue {
  const value = useContext(DndValueContext);
  if (!value) throw new Error('useDnd outside of <EditorDnd>');
  return value;
}

export function useDragState<T>(select: (state: DragState) => T): T {
  const { drag } = useDnd();
  return useSyncExternalStore(drag.subscribe, () => select(drag.get()));
}

/** Nodes a drag starting on `element` moves: the selection when the node is selected, else the node. */
function movedBy(store: EditorStore, element: Element | null, stop?: Element | null): string[] | null {
  const { doc, selection } = store.getState();
  const id = nodeIdOf(doc, element, stop);
  if (!id || doc.nodes[id]?.parentId === null) return null;
  return selection.includes(id) ? selection.filter((each) => doc.nodes[each]?.parentId !== null) : [id];
}

function describeNode(doc: EditorDocument, id: string, locale: string): string {
  const node = doc.nodes[id];
  if (!node) return id;
  const meta = getComponent(node.component);
  return `${meta ? (meta.title[locale] ?? meta.title.en) : node.component} “${id}”`;
}

const POINTER_OPTIONS = { activationConstraint: { distance: 6 } };

const eventTarget = (event: Event | null) => (event?.target instanceof Element ? event.target : null);

/**
 * `panels` render inside dnd-kit's DndContext (the palette and outline use its hooks); `children`
 * render beside it: DndContext re-renders its subtree's context on every pointer move, and the
 * canvas must not be searched for consumers 60 times a second. The canvas is a drag source
 * through <DragSource>, which attaches dnd-kit's listeners to its element.
 */
export function EditorDnd({
  store,
  rootId,
  panels,
  children,
}: {
  store: EditorStore;
  rootId: string;
  panels: ReactNode;
  children: ReactNode;
}): ReactNode {
  const t = useT(messages);
  const { locale } = useLocale();
  const toast = useToast();
  const drag = useMemo(() => new DragStore(), []);
  const canvasRoot = useRef<HTMLDivElement | null>(null);
  const outlineRoot = useRef<HTMLUListElement | null>(null);
  const keyboard = useRef<{ targets: DropTarget[]; at: number }>({ targets: [], at: -1 });
  const pointer = useRef<{ stop: () => void } | null>(null);
  const rootRef = useRef(rootId);
  rootRef.current = rootId;
  const announced = useRef('');
  // what the end of the last drag was, for the announcement (dnd-kit may ask after the state is cleared)
  const ended = useRef('');
  const picked = useRef('');

  const what = useCallback(
    (payload: DragPayload | null): string => {
      if (!payload) return '';
      if (payload.kind === 'new') {
        const meta = getComponent(payload.component);
        return meta ? (meta.title[locale] ?? meta.title.en) : payload.component;
      }
      const { doc } = store.getState();
      return payload.ids.length === 1
        ? describeNode(doc, payload.ids[0]!, locale)
        : t('nodes', { count: payload.ids.length });
    },
    [store, locale, t],
  );

  const describeTarget = useCallback(
    (target: DropTarget): string => {
      const { doc } = store.getState();
      const parent = doc.nodes[target.parentId];
      const count =
        (target.slot === undefined ? parent?.childIds.length : parent?.slotIds?.[target.slot]?.length) ?? 0;
      return t('overTarget', {
        position:
          target.slot === undefined ? t('positionInside') : t('positionInSlot', { slot: target.slot }),
        parent: describeNode(doc, target.parentId, locale),
        index: target.index + 1,
        count: count + 1,
      });
    },
    [store, locale, t],
  );

  const coordinateGetter = useCallback<KeyboardCoordinateGetter>(
    (event) => {
      const steps: Record<string, number> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };
      const step = steps[event.code];
      const state = keyboard.current;
      if (step === undefined || state.targets.length === 0) return undefined;
      event.preventDefault();
      state.at = Math.max(0, Math.min(state.targets.length - 1, state.at + step));
      const target = state.targets[state.at]!;
      drag.set({ target, refusal: undefined });
      const line = document.querySelector('.drop-indicator');
      line?.scrollIntoView?.({ block: 'nearest' });
      const rect = line?.getBoundingClientRect();
      return rect ? { x: rect.left, y: rect.top } : undefined;
    },
    [drag],
  );

  const keyboardOptions = useMemo(() => ({ coordinateGetter }), [coordinateGetter]);
  // stable options: new sensors would change dnd-kit's contexts and re-render the whole canvas
  const sensors = useSensors(
    useSensor(PointerSensor, POINTER_OPTIONS),
    useSensor(KeyboardSensor, keyboardOptions),
  );

  const track = useCallback(() => {
    let frame = 0;
    let x = 0;
    let y = 0;
    const update = () => {
      frame = 0;
      const { payload } = drag.get();
      if (!payload) return;
      const { doc } = store.getState();
      let found: { target?: DropTarget; refusal?: string } = {};
      const outline = outlineRoot.current;
      const canvas = canvasRoot.current;
      const over = document.elementFromPoint(x, y);
      if (outline?.contains(over)) found = outlineTarget(doc, catalogue, outline, x, y, payload);
      else if (canvas?.contains(over)) found = canvasTarget(doc, catalogue, canvas, x, y, payload);
      const current = drag.get();
      if (!sameTarget(current.target, found.target) || current.refusal !== found.refusal)
        drag.set({ target: found.target, refusal: found.refusal });
    };
    const move = (event: PointerEvent) => {
      x = event.clientX;
      y = event.clientY;
      if (!frame) frame = requestAnimationFrame(update);
    };
    addEventListener('pointermove', move, { passive: true });
    pointer.current = {
      stop() {
        removeEventListener('pointermove', move);
        cancelAnimationFrame(frame);
      },
    };
  }, [drag, store]);

  const finish = useCallback(() => {
    pointer.current?.stop();
    pointer.current = null;
    keyboard.current = { targets: [], at: -1 };
    drag.set({ payload: null, target: undefined, refusal: undefined, keyboard: false });
  }, [drag]);

  const onDragStart = useCallback(
    ({ active, activatorEvent }: DragStartEvent) => {
      const id = String(active.id);
      let payload: DragPayload | null = null;
      if (id.startsWith('palette:')) payload = { kind: 'new', component: id.slice('palette:'.length) };
      else if (id === 'canvas') {
        const ids = movedBy(store, eventTarget(activatorEvent), canvasRoot.current?.parentElement);
        if (ids?.length) payload = { kind: 'move', ids };
      } else if (id === 'outline') {
        const row = eventTarget(activatorEvent)?.closest('[data-row-id]') ?? null;
        const ids = movedBy(store, row, outlineRoot.current?.parentElement);
        if (ids?.length) payload = { kind: 'move', ids };
      }
      const byKeyboard = typeof KeyboardEvent !== 'undefined' && activatorEvent instanceof KeyboardEvent;
      announced.current = '';
      drag.set({ payload, keyboard: byKeyboard, target: undefined, refusal: undefined });
      picked.current = what(payload);
      if (!payload) return;
      if (byKeyboard) {
        const { doc } = store.getState();
        const targets = keyboardTargets(doc, catalogue, rootRef.current, payload);
        let at = targets.length - 1;
        if (payload.kind === 'move') {
          const first = doc.nodes[payload.ids[0]!];
          const parent = first?.parentId ? doc.nodes[first.parentId] : undefined;
          const list = first?.slot === undefined ? parent?.childIds : parent?.slotIds?.[first.slot];
          const index = list?.indexOf(first!.id) ?? -1;
          const found = targets.findIndex(
            (each) => each.parentId === parent?.id && each.slot === first?.slot && each.index === index,
          );
          if (found >= 0) at = found;
        } else {
          // after the selected node when it can take the new component there, else the page's end
          const selected = store.getState().selection.at(-1);
          const node = selected ? doc.nodes[selected] : undefined;
          const parent = node?.parentId ? doc.nodes[node.parentId] : undefined;
          const found = targets.findIndex(
            (each) =>
              each.parentId === parent?.id &&
              each.slot === node?.slot &&
              each.index === (parent?.childIds.indexOf(node!.id) ?? -2) + 1,
          );
          if (found >= 0) at = found;
          else {
            const end = targets.findLastIndex((each) => each.parentId === rootRef.current);
            if (end >= 0) at = end;
          }
        }
        keyboard.current = { targets, at };
        drag.set({ target: targets[at] });
      } else track();
    },
    [drag, store, track, what],
  );

  const endText = useCallback((): string => {
    const { payload, target, refusal } = drag.get();
    if (!payload) return '';
    if (target)
      return t('dropped', {
        what: what(payload),
        parent: describeNode(store.getState().doc, target.parentId, locale),
      });
    return refusal ? t('refused', { reason: refusal }) : t('droppedNowhere', { what: what(payload) });
  }, [drag, t, what, store, locale]);

  const onDragEnd = useCallback(
    (_event: DragEndEvent) => {
      const { payload, target, refusal } = drag.get();
      ended.current = endText();
      finish();
      if (!payload) return;
      if (!target) {
        if (refusal) toast(t('refused', { reason: refusal }), 'error');
        return;
      }
      const result =
        payload.kind === 'new'
          ? store.dispatch({ type: 'insert', component: payload.component, ...target })
          : store.dispatch({ type: 'move', ids: payload.ids, ...target });
      if (!result.ok) toast(t('refused', { reason: result.reason }), 'error');
    },
    [drag, finish, store, t, toast, endText],
  );

  const announcements = useMemo<Announcements>(() => {
    const now = () => drag.get();
    return {
      onDragStart: () => t('pickedUp', { what: what(now().payload) }),
      onDragMove: () => {
        const { target, refusal } = now();
        const text = target ? describeTarget(target) : refusal ? t('refused', { reason: refusal }) : '';
        if (!text || text === announced.current) return undefined;
        announced.current = text;
        return text;
      },
      onDragOver: () => undefined,
      onDragEnd: () => (now().payload ? endText() : ended.current) || undefined,
      onDragCancel: () => t('cancelled', { what: picked.current }),
    };
  }, [drag, t, what, describeTarget, endText]);

  const accessibility = useMemo(
    () => ({ announcements, screenReaderInstructions: { draggable: t('dragInstructions') } }),
    [announcements, t],
  );
  const value = useMemo(() => ({ drag, canvasRoot, outlineRoot }), [drag]);
  return (
    <DndValueContext.Provider value={value}>
      <DndContext
        sensors={sensors}
        autoScroll={false}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={finish}
        accessibility={accessibility}
      >
        {panels}
        <DragSource id="canvas" element={canvasRoot} />
        <DragOverlay dropAnimation={null} className="drag-overlay">
          <DragChip what={what} />
        </DragOverlay>
      </DndContext>
      {children}
    </DndValueContext.Provider>
  );
}

function DragChip({ what }: { what: (payload: DragPayload | null) => string }): ReactNode {
  const payload = useDragState((s) => s.payload);
  const refusal = useDragState((s) => s.refusal);
  if (!payload) return null;
  return (
    <div className={refusal ? 'drag-chip drag-chip-refused' : 'drag-chip'}>
      {what(payload)}
      {refusal ? <span className="drag-chip-reason">{refusal}</span> : null}
    </div>
  );
}

/** Makes a DOM element outside DndContext's React subtree a drag source (pointer and keyboard). */
function DragSource({ id, element }: { id: string; element: RefObject<HTMLElement | null> }): ReactNode {
  const { setNodeRef, listeners } = useDraggable({ id });
  const latest = useRef(listeners);
  latest.current = listeners;
  useEffect(() => {
    const node = element.current;
    setNodeRef(node);
    if (!node) return undefined;
    // dnd-kit's activators read a React event's nativeEvent / target / preventDefault
    const forward = (name: 'onPointerDown' | 'onKeyDown') => (event: Event) => {
      const handler = latest.current?.[name] as ((event: unknown) => void) | undefined;
      handler?.({ nativeEvent: event, target: event.target, preventDefault: () => event.preventDefault() });
    };
    const down = forward('onPointerDown');
    node.addEventListener('pointerdown', down);
    return () => node.removeEventListener('pointerdown', down);
  }, [element, setNodeRef]);
  return null;
}
