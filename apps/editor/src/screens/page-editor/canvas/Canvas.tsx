// The canvas: the page rendered by runtime-web's NodeView with the real web components, inside a
// device frame. Each node subscribes to its own store entry (CanvasNode), so an edit re-renders
// the edited node only; overlays are measured for the selected and hovered nodes only.
import { getComponent } from '@tessera/components';
import { type WebComponentProps, webStyles } from '@tessera/components/web';
import { ImageSourcesContext } from '@tessera/components/web/image-source';
import {
  type AppDescriptor,
  AppRuntime,
  FileUrlResolver,
  type Locals,
  memoryStorage,
  offlineServices,
  type PageDescriptor,
  PageRuntime,
  type Platform,
} from '@tessera/runtime-core';
import { type CompiledNode, NodeView, PageContext, type PageContextValue } from '@tessera/runtime-web';
import {
  type CSSProperties,
  createContext,
  createElement as h,
  type MouseEvent,
  memo,
  type ReactNode,
  type RefObject,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useLocale, useT } from '../../../app/i18n';
import { builderFileUrl } from '../../../app/storage-upload';
import { useEditor } from '../../../react/use-editor';
import { type EditorNode, type EditorState, type EditorStore, selectNode, selectPage } from '../../../store';
import { isWithin } from '../../../store/tree';
import { useDnd, useDragState } from '../dnd/EditorDnd';
import { canvasElement, nodeIdOf } from '../dnd/targets';
import { messages } from '../messages';
import { compileNode, RUNTIME_KEYS } from './compile';
import { canvasMessages } from './messages';
import './canvas.css';

export const DEVICES = { phone: 375, tablet: 768, desktop: 1280 } as const;
export type Device = keyof typeof DEVICES;

// The components' stylesheet, scoped to the canvas so it never restyles the editor around it.
const scopedStyles = webStyles
  .split('}')
  .map((rule) => {
    const at = rule.indexOf('{');
    if (at < 0) return '';
    const selectors = rule
      .slice(0, at)
      .split(',')
      .map((selector) => {
        const s = selector.trim();
        if (s === 'body') return '.tsr-canvas';
        if (s.startsWith('.t-page')) return `.tsr-canvas ${s}`;
        return `.tsr-canvas ${s}`;
      })
      .join(',');
    return `${selectors}{${rule.slice(at + 1)}}`;
  })
  .join('\n');

let stylesInjected = false;
function injectStyles(): void {
  if (stylesInjected || typeof document === 'undefined') return;
  stylesInjected = true;
  const style = document.createElement('style');
  style.dataset.tessera = 'canvas';
  style.textContent = `${scopedStyles}\n.tsr-canvas .t-page{min-height:100%}`;
  document.head.append(style);
}

interface CanvasValue {
  store: EditorStore;
  /** Stand-ins for child nodes, one per id (stable, so NodeView's memo holds). */
  slots: Map<string, CompiledNode>;
  /** Drop zones of empty containers and slots, one per parent and slot (stable, like `slots`). */
  empty: Map<string, CompiledNode>;
}

const CanvasContext = createContext<CanvasValue | null>(null);
const FormContext = createContext<string | undefined>(undefined);
const EMPTY_LOCALS: Locals = Object.freeze({}) as Locals;
const scopeOf = (scope: Record<string, unknown>) => scope;

/**
 * A child rendered by its parent's web component: it renders the child through its own store
 * subscription, with the repeat / List locals the parent's row put in scope.
 */
function ChildSlot(view: WebComponentProps): ReactNode {
  const scope = view.props.$scope as Record<string, unknown> | undefined;
  let locals = EMPTY_LOCALS;
  if (scope) {
    for (const key of Object.keys(scope)) {
      if (RUNTIME_KEYS.has(key)) continue;
      if (locals === EMPTY_LOCALS) locals = {};
      locals[key] = scope[key];
    }
  }
  return h(CanvasNode, { id: view.props.$id as string, locals });
}

function slotFor(value: CanvasValue, id: string): CompiledNode {
  let slot = value.slots.get(id);
  if (!slot) {
    const component = value.store.getState().doc.nodes[id]?.component ?? 'Container';
    slot = {
      id,
      name: component,
      component: ChildSlot,
      props: { $id: id, $scope: scopeOf as never },
      deps: [],
    };
    value.slots.set(id, slot);
  }
  return slot;
}

/**
 * The drop zone of an empty container or slot: a visible box inside the parent that a pointer
 * drag can land on (dnd/targets.ts reads `data-drop-parent` / `data-drop-slot`). A click on it
 * selects the parent (it has no node id of its own).
 */
function EmptySlot(view: WebComponentProps): ReactNode {
  const t = useT(messages);
  const tc = useT(canvasMessages);
  const { locale } = useLocale();
  const parent = view.props.$parent as string;
  const slot = view.props.$slot as string | undefined;
  const component = view.props.$component as string;
  const slotMeta = slot === undefined ? undefined : getComponent(component)?.slots?.[slot];
  const text =
    slot === undefined
      ? t('emptyContainer')
      : tc('emptySlot', { slot: slotMeta ? (slotMeta.title[locale] ?? slotMeta.title.en) : slot });
  return h(
    'div',
    {
      className: 'tsr-drop-slot',
      'data-drop-parent': parent,
      ...(slot === undefined ? {} : { 'data-drop-slot': slot }),
    },
    text,
  );
}

/**
 * A drop zone for the node's children when it has none and takes any (a list restricted to some
 * components, like Tabs' panes, is read by its component and gets none), and one per empty slot.
 */
function emptySlotFor(value: CanvasValue, node: EditorNode, slot?: string): CompiledNode {
  const key = `${node.id}\0${slot ?? ''}`;
  let stand = value.empty.get(key);
  if (!stand) {
    stand = {
      id: `${node.id}--drop${slot === undefined ? '' : `-${slot}`}`,
      name: 'EmptySlot',
      component: EmptySlot,
      props: { $parent: node.id, $component: node.component, ...(slot === undefined ? {} : { $slot: slot }) },
      deps: [],
    };
    value.empty.set(key, stand);
  }
  return stand;
}

const openModals = new WeakMap<EditorNode, EditorNode>();

/**
 * The node as the canvas shows it: a Modal is open while it or a node inside it is selected (its
 * `visible` set for the canvas only; one object per store node, so the subscription stays stable).
 */
function shownNode(state: EditorState, id: string): EditorNode | undefined {
  const node = selectNode(state, id);
  if (node?.component !== 'Modal' || !state.selection.some((selected) => isWithin(state.doc, selected, id)))
    return node;
  let open = openModals.get(node);
  if (!open) {
    open = { ...node, props: { ...node.props, visible: true } };
    openModals.set(node, open);
  }
  return open;
}

const CanvasNode = memo(function CanvasNode({ id, locals }: { id: string; locals: Locals }): ReactNode {
  const value = useContext(CanvasContext)!;
  const node = useEditor(value.store, (s) => shownNode(s, id));
  const formId = useContext(FormContext);
  const compiled = useMemo(() => {
    if (!node) return null;
    const meta = getComponent(node.component);
    let slots: Record<string, CompiledNode[]> | undefined;
    for (const name of new Set([...Object.keys(meta?.slots ?? {}), ...Object.keys(node.slotIds ?? {})])) {
      const ids = node.slotIds?.[name] ?? [];
      slots ??= {};
      slots[name] =
        ids.length > 0
          ? ids.map((c) => slotFor(value, c))
          : meta?.slots?.[name]
            ? [emptySlotFor(value, node, name)]
            : [];
    }
    const children =
      node.childIds.length > 0
        ? node.childIds.map((c) => slotFor(value, c))
        : meta?.children === 'any'
          ? [emptySlotFor(value, node)]
          : [];
    return compileNode(node, node.component === 'Form' ? node.id : formId, children, slots);
  }, [node, formId, value]);
  if (!compiled) return null;
  const view = h(NodeView, { node: compiled, locals });
  return node?.component === 'Form' ? h(FormContext.Provider, { value: node.id }, view) : view;
});

const platform: Platform = {
  navigate: () => Promise.resolve(),
  navigateBack: () => Promise.resolve(),
  showToast: () => Promise.resolve(),
  showModal: () => Promise.resolve(false),
  openUrl: () => Promise.resolve(),
  chooseFile: () => Promise.resolve(null),
  storage: memoryStorage(),
};

/** A page runtime for the canvas: the page's and app's state with their initial values; nothing runs. */
function usePageRuntime(store: EditorStore, pageId: string, locale: string): PageContextValue | null {
  const page = useEditor(store, (s) => selectPage(s, pageId));
  const app = useEditor(store, (s) => s.doc.app);
  const pages = useEditor(store, (s) => s.doc.pages);
  const state = page?.state;
  const queries = page?.queries;
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt when the declarations change, not on every edit of the page
  return useMemo(() => {
    if (!page) return null;
    const descriptor: AppDescriptor = {
      id: String(app.id),
      locales: app.locales as AppDescriptor['locales'],
      state: app.state as AppDescriptor['state'],
      pages: Object.fromEntries(pages.map((p) => [p.id, { path: p.path }])),
      home: app.navigation.home,
    };
    const runtime = new AppRuntime(descriptor, {
      platform,
      services: offlineServices(),
      locale: descriptor.locales.supported.includes(locale) ? locale : descriptor.locales.default,
    });
    const pageDescriptor: PageDescriptor = { id: pageId, path: page.path, forms: {} };
    if (state) pageDescriptor.state = state as PageDescriptor['state'];
    if (queries) pageDescriptor.queries = queries as unknown as PageDescriptor['queries'];
    return { page: new PageRuntime(runtime, pageDescriptor) };
  }, [state, queries, app.state, app.locales, pages, pageId, locale]);
}

export function Canvas({
  store,
  pageId,
  device,
}: {
  store: EditorStore;
  pageId: string;
  device: Device;
}): ReactNode {
  injectStyles();
  const t = useT(messages);
  const { locale } = useLocale();
  const { canvasRoot } = useDnd();
  const rootId = useEditor(store, (s) => selectPage(s, pageId)?.root);
  const context = usePageRuntime(store, pageId, locale);
  const value = useMemo<CanvasValue>(() => ({ store, slots: new Map(), empty: new Map() }), [store]);
  const imageSources = useMemo(() => canvasImageSources(store.getState().doc.app.id), [store]);
  const [hover, setHover] = useState<string | undefined>();
  const frame = useRef<HTMLElement>(null);
  const dragging = useDragState((s) => s.payload !== null);

  const pick = (event: MouseEvent<HTMLDivElement>) => {
    // edit mode: the app's own handlers (buttons, links, submit) never run
    event.preventDefault();
    event.stopPropagation();
    const id = nodeIdOf(store.getState().doc, event.target as Element, frame.current);
    if (!id) return;
    if (event.shiftKey || event.metaKey || event.ctrlKey) store.dispatch({ type: 'toggleSelect', id });
    else store.dispatch({ type: 'select', ids: [id] });
  };

  return (
    <div className="canvas-viewport">
      <section
        ref={frame}
        className={`device-frame device-${device}`}
        style={{ width: DEVICES[device] }}
        aria-label={t('canvas')}
      >
        <div
          ref={canvasRoot}
          className="tsr-canvas"
          style={
            {
              '--t-primary': '#1677ff',
              '--t-danger': '#d9363e',
              '--t-muted': '#6b6b6b',
              '--t-text': '#1f1f1f',
              '--t-border': '#d9d9d9',
              '--t-background': '#f5f5f5',
              '--t-radius': '8px',
              '--t-spacing': '12px',
              '--t-font-size': '14px',
              '--t-font-family': 'system-ui, sans-serif',
            } as CSSProperties
          }
          onClickCapture={pick}
          onSubmitCapture={(event) => event.preventDefault()}
          // no focusing of the app's fields in edit mode (keys go to the editor's shortcuts)
          onMouseDownCapture={(event) => event.preventDefault()}
          onPointerMove={(event) => {
            if (dragging) return;
            const id = nodeIdOf(store.getState().doc, event.target as Element, frame.current);
            if (id !== hover) setHover(id);
          }}
          onPointerLeave={() => setHover(undefined)}
        >
          {rootId && context ? (
            <CanvasContext.Provider value={value}>
              <ImageSourcesContext.Provider value={imageSources}>
                <PageContext.Provider value={context}>
                  <CanvasNode id={rootId} locals={EMPTY_LOCALS} />
                </PageContext.Provider>
              </ImageSourcesContext.Provider>
            </CanvasContext.Provider>
          ) : null}
        </div>
        <Overlays store={store} frame={frame} hover={dragging ? undefined : hover} device={device} />
        <DropIndicator store={store} frame={frame} />
      </section>
    </div>
  );
}

interface Box {
  id: string;
  top: number;
  left: number;
  width: number;
  height: number;
}

function boxOf(frame: HTMLElement, id: string): Box | null {
  const element = canvasElement(frame, id);
  if (!element) return null;
  const outer = frame.getBoundingClientRect();
  const rect = element.getBoundingClientRect();
  return {
    id,
    top: rect.top - outer.top,
    left: rect.left - outer.left,
    width: rect.width,
    height: rect.height,
  };
}

/** Outlines of the selected nodes and the hovered one, measured after each commit. */
function Overlays({
  store,
  frame,
  hover,
  device,
}: {
  store: EditorStore;
  frame: RefObject<HTMLElement | null>;
  hover: string | undefined;
  device: Device;
}): ReactNode {
  const selection = useEditor(store, (s) => s.selection);
  const doc = useEditor(store, (s) => s.doc);
  const { locale } = useLocale();
  const [boxes, setBoxes] = useState<{ selected: Box[]; hover: Box | null }>({ selected: [], hover: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const resize = () => setTick((n) => n + 1);
    addEventListener('resize', resize);
    return () => removeEventListener('resize', resize);
  }, []);
  // After a document change the boxes are measured in the next animation frame, before it is
  // painted: measuring in the layout effect forced a layout of the whole page inside the commit
  // (~10 ms on a 2,000-node page, most of a big duplicate or paste), and in the frame the browser
  // lays the page out once anyway. A selection or hover change alone leaves the layout clean, so
  // its overlay is measured at once (a click shows its outline in the same commit).
  const measuredDoc = useRef(doc);
  // biome-ignore lint/correctness/useExhaustiveDependencies: doc, device and tick move the boxes
  useLayoutEffect(() => {
    const measure = () => {
      const element = frame.current;
      if (!element) return;
      measuredDoc.current = doc;
      const selected = selection.flatMap((id) => boxOf(element, id) ?? []);
      const hovered = hover && !selection.includes(hover) ? boxOf(element, hover) : null;
      setBoxes((current) => (sameBoxes(current, selected, hovered) ? current : { selected, hover: hovered }));
    };
    if (measuredDoc.current === doc) {
      measure();
      return undefined;
    }
    const frameId = requestAnimationFrame(measure);
    return () => cancelAnimationFrame(frameId);
  }, [selection, hover, doc, device, tick, frame]);
  return (
    <div className="overlays" aria-hidden="true">
      {boxes.hover ? <div className="overlay overlay-hover" style={style(boxes.hover)} /> : null}
      {boxes.selected.map((box, i) => (
        <div key={box.id} className="overlay overlay-selected" data-overlay-for={box.id} style={style(box)}>
          {i === boxes.selected.length - 1 ? (
            <span className="overlay-label">{label(doc.nodes[box.id]?.component, box.id, locale)}</span>
          ) : null}
        </div>
      ))}
    </div>
  );
}

const sameBox = (a: Box | null, b: Box | null) =>
  a === b ||
  (!!a &&
    !!b &&
    a.id === b.id &&
    a.top === b.top &&
    a.left === b.left &&
    a.width === b.width &&
    a.height === b.height);

/** Unchanged boxes keep the state as it is (no render of the overlays). */
function sameBoxes(
  current: { selected: Box[]; hover: Box | null },
  selected: Box[],
  hover: Box | null,
): boolean {
  return (
    sameBox(current.hover, hover) &&
    current.selected.length === selected.length &&
    current.selected.every((box, i) => sameBox(box, selected[i]!))
  );
}

function label(component: string | undefined, id: string, locale: string): string {
  const meta = component ? getComponent(component) : undefined;
  return `${meta ? (meta.title[locale] ?? meta.title.en) : component} · ${id}`;
}

const style = (box: Box) => ({ top: box.top, left: box.left, width: box.width, height: box.height });

/** Where a drag would drop: a line between children, or a box around an empty container. */
function DropIndicator({
  store,
  frame,
}: {
  store: EditorStore;
  frame: RefObject<HTMLElement | null>;
}): ReactNode {
  const target = useDragState((s) => s.target);
  const [box, setBox] = useState<(Omit<Box, 'id'> & { inside?: boolean }) | null>(null);
  useLayoutEffect(() => {
    const element = frame.current;
    if (!target || !element) {
      setBox(null);
      return;
    }
    const parent = store.getState().doc.nodes[target.parentId];
    const list = (target.slot === undefined ? parent?.childIds : parent?.slotIds?.[target.slot]) ?? [];
    const container = boxOf(element, target.parentId);
    if (list.length === 0) {
      // the empty container's or slot's drop zone when it shows one, else the whole container
      const zone = element.querySelector(
        `[data-drop-parent="${CSS.escape(target.parentId)}"]${
          target.slot === undefined
            ? ':not([data-drop-slot])'
            : `[data-drop-slot="${CSS.escape(target.slot)}"]`
        }`,
      );
      const outer = element.getBoundingClientRect();
      const rect = zone?.getBoundingClientRect();
      const box = rect
        ? { top: rect.top - outer.top, left: rect.left - outer.left, width: rect.width, height: rect.height }
        : container;
      setBox(box && { ...box, inside: true });
      return;
    }
    const before = list[target.index];
    const sibling = boxOf(element, before ?? list[list.length - 1]!);
    if (!sibling) {
      setBox(container && { ...container, inside: true });
      return;
    }
    const parentElement = canvasElement(element, target.parentId);
    const row =
      parentElement &&
      getComputedStyle(parentElement).display.includes('flex') &&
      !getComputedStyle(parentElement).flexDirection.startsWith('column');
    if (row) {
      const x = before ? sibling.left : sibling.left + sibling.width;
      setBox({ top: sibling.top, left: x - 1, width: 3, height: sibling.height });
    } else {
      const y = before ? sibling.top : sibling.top + sibling.height;
      setBox({
        top: y - 1,
        left: container?.left ?? sibling.left,
        width: container?.width ?? sibling.width,
        height: 3,
      });
    }
  }, [target, store, frame]);
  if (!box) return null;
  return (
    <div
      className={box.inside ? 'drop-indicator drop-indicator-inside' : 'drop-indicator'}
      style={{ top: box.top, left: box.left, width: box.width, height: box.height }}
      aria-hidden="true"
    />
  );
}

/**
 * Images on the canvas: a stored file (cloud://, literal or from an expression) shows through the
 * builder's download route (the signed-in builder may read every file of the app; the published
 * app asks for temporary URLs instead), CMS media through the app API.
 */
function canvasImageSources(appId: string): FileUrlResolver {
  return new FileUrlResolver({
    appId,
    serverUrl: '',
    lookup: async (fileIds) =>
      fileIds.map((fileID) => ({
        fileID,
        code: 'SUCCESS',
        tempFileURL: builderFileUrl(fileID),
        maxAge: 3600,
      })),
  });
}
