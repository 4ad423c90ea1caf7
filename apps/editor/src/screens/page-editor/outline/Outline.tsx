// The outline: the page as a tree (ARIA tree, one memoised row per node subscribed to its own
// store entry, so an edit re-renders one row). Click / arrows select, Space picks a row up to
// drag it with the keyboard, and rows take pointer drags to reorder and re-parent.
import { useDraggable } from '@dnd-kit/core';
import { getComponent } from '@tessera/components';
import {
  type KeyboardEvent,
  type MouseEvent,
  memo,
  type PointerEventHandler,
  type ReactNode,
  type RefObject,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { useLocale, useT } from '../../../app/i18n';
import { useEditor } from '../../../react/use-editor';
import { type EditorStore, selectIsSelected, selectNode } from '../../../store';
import { useDnd, useDragState } from '../dnd/EditorDnd';
import { messages } from '../messages';

/** A short text to recognise a node by: its text / label / title prop when it is plain text. */
function summary(props: Record<string, unknown> | undefined, locale: string): string {
  for (const key of ['text', 'label', 'title', 'name']) {
    const value = props?.[key];
    if (typeof value === 'string') return value;
    if (value && typeof value === 'object' && '$i18n' in value) {
      const text = (value as { $i18n: Record<string, string> }).$i18n;
      return text[locale] ?? Object.values(text)[0] ?? '';
    }
    if (value && typeof value === 'object' && '$expr' in value)
      return `{${(value as { $expr: string }).$expr}}`;
  }
  return '';
}

export function Outline({ store, rootId }: { store: EditorStore; rootId: string }): ReactNode {
  const t = useT(messages);
  const { outlineRoot } = useDnd();
  const { setNodeRef, listeners } = useDraggable({ id: 'outline' });
  const dragging = useDragState((s) => s.payload !== null);

  const rows = () => [...(outlineRoot.current?.querySelectorAll<HTMLElement>('[data-row-id]') ?? [])];
  const focusRow = (row: HTMLElement | undefined) => {
    if (!row) return;
    row.focus();
    store.dispatch({ type: 'select', ids: [row.dataset.rowId!] });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (dragging) return;
    const row = (event.target as Element).closest<HTMLElement>('[data-row-id]');
    if (!row) return;
    if (event.key === ' ' || event.key === 'Enter') {
      (listeners?.onKeyDown as ((event: KeyboardEvent<HTMLUListElement>) => void) | undefined)?.(event);
      return;
    }
    const all = rows();
    const at = all.indexOf(row);
    if (event.key === 'ArrowDown') focusRow(all[at + 1]);
    else if (event.key === 'ArrowUp') focusRow(all[at - 1]);
    else if (event.key === 'Home') focusRow(all[0]);
    else if (event.key === 'End') focusRow(all[all.length - 1]);
    else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      const expanded = row.getAttribute('aria-expanded');
      if (event.key === 'ArrowLeft' && expanded !== 'true') {
        focusRow(row.parentElement?.closest<HTMLElement>('[data-row-id]') ?? undefined);
      } else if (expanded !== null) {
        row.querySelector<HTMLButtonElement>(':scope > .outline-row > .outline-toggle')?.click();
      }
    } else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <ul
      ref={(element) => {
        outlineRoot.current = element;
        setNodeRef(element);
      }}
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA tree pattern (ul / li treeitems)
      role="tree"
      aria-label={t('outline')}
      className="outline"
      onKeyDown={onKeyDown}
      onPointerDown={listeners?.onPointerDown as PointerEventHandler<HTMLUListElement> | undefined}
    >
      <OutlineRow store={store} id={rootId} depth={1} />
      <OutlineDropLine store={store} tree={outlineRoot} />
    </ul>
  );
}

const OutlineRow = memo(function OutlineRow({
  store,
  id,
  depth,
}: {
  store: EditorStore;
  id: string;
  depth: number;
}): ReactNode {
  const t = useT(messages);
  const { locale } = useLocale();
  const node = useEditor(store, (s) => selectNode(s, id));
  const selected = useEditor(store, (s) => selectIsSelected(s, id));
  const focused = useEditor(store, (s) => s.selection.at(-1) === id);
  const [open, setOpen] = useState(true);
  const ref = useRef<HTMLLIElement>(null);
  useLayoutEffect(() => {
    // keep the row of the latest selection in view (a canvas click selects it here too)
    if (focused) ref.current?.querySelector(':scope > .outline-row')?.scrollIntoView?.({ block: 'nearest' });
  }, [focused]);
  if (!node) return null;
  const meta = getComponent(node.component);
  const slots = Object.entries(node.slotIds ?? {});
  const hasChildren = node.childIds.length > 0 || slots.some(([, ids]) => ids.length > 0);
  const select = (event: MouseEvent) => {
    event.stopPropagation();
    if (event.shiftKey || event.metaKey || event.ctrlKey) store.dispatch({ type: 'toggleSelect', id });
    else store.dispatch({ type: 'select', ids: [id] });
  };
  const text = summary(node.props, locale);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the tree's onKeyDown handles the keys of every row
    <li
      ref={ref}
      role="treeitem"
      aria-level={depth}
      aria-selected={selected}
      aria-expanded={hasChildren ? open : undefined}
      tabIndex={focused || (depth === 1 && !selected) ? 0 : -1}
      data-row-id={id}
      className="outline-item"
      onClick={select}
    >
      <div
        className={selected ? 'outline-row outline-row-selected' : 'outline-row'}
        style={{ paddingLeft: (depth - 1) * 14 + 4 }}
      >
        {hasChildren ? (
          <button
            type="button"
            tabIndex={-1}
            className="outline-toggle"
            aria-label={open ? t('collapse') : t('expand')}
            onClick={(event) => {
              event.stopPropagation();
              setOpen(!open);
            }}
          >
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="outline-toggle" />
        )}
        <span className="outline-name">{meta ? (meta.title[locale] ?? meta.title.en) : node.component}</span>
        {text ? <span className="outline-text">{text}</span> : null}
        <span className="outline-id">{id}</span>
      </div>
      {hasChildren && open ? (
        // biome-ignore lint/a11y/useSemanticElements: a tree's nested list is a group
        <ul role="group">
          {node.childIds.map((child) => (
            <OutlineRow key={child} store={store} id={child} depth={depth + 1} />
          ))}
          {slots.map(([slot, ids]) =>
            ids.map((child) => (
              <OutlineRow key={`${slot}:${child}`} store={store} id={child} depth={depth + 1} />
            )),
          )}
        </ul>
      ) : null}
    </li>
  );
});

/** The drop position in the tree: a line where the dragged nodes would land. */
function OutlineDropLine({
  store,
  tree,
}: {
  store: EditorStore;
  tree: RefObject<HTMLUListElement | null>;
}): ReactNode {
  const target = useDragState((s) => s.target);
  const [line, setLine] = useState<{ top: number; left: number } | null>(null);
  useLayoutEffect(() => {
    const root = tree.current;
    const parent = target ? store.getState().doc.nodes[target.parentId] : undefined;
    if (!root || !target || !parent) {
      setLine(null);
      return;
    }
    const list = (target.slot === undefined ? parent.childIds : parent.slotIds?.[target.slot]) ?? [];
    const row = (id: string) => root.querySelector<HTMLElement>(`[data-row-id="${CSS.escape(id)}"]`);
    const outer = root.getBoundingClientRect();
    const parentRow = row(parent.id)?.querySelector(':scope > .outline-row');
    const indent = (parentRow?.getBoundingClientRect().left ?? outer.left) - outer.left + 18;
    const before = list[target.index];
    const anchor = before ? row(before) : list.length > 0 ? row(list[list.length - 1]!) : parentRow;
    const rect = anchor?.getBoundingClientRect();
    if (!rect) {
      setLine(null);
      return;
    }
    setLine({ top: (before ? rect.top : rect.bottom) - outer.top, left: indent });
  }, [target, store, tree]);
  if (!line) return null;
  return (
    <li
      className="outline-drop-line"
      role="none"
      aria-hidden="true"
      style={{ top: line.top, left: line.left }}
    />
  );
}
