// The component palette: the catalogue by category, searchable in the UI language; each entry is
// a dnd-kit draggable (pointer or keyboard) and a double click inserts it after the selection.
import { useDraggable } from '@dnd-kit/core';
import { type ComponentMeta, componentCategories, searchComponents } from '@tessera/components';
import { memo, type ReactNode, useId, useMemo, useState } from 'react';
import { useLocale, useT } from '../../../app/i18n';
import { useToast } from '../../../app/ui';
import type { EditorStore } from '../../../store';
import { messages } from '../messages';

export function Palette({ store, rootId }: { store: EditorStore; rootId: string }): ReactNode {
  const t = useT(messages);
  const { locale } = useLocale();
  const [query, setQuery] = useState('');
  const searchId = useId();
  const found = useMemo(
    () => searchComponents(query, locale).filter((meta) => !meta.pageRoot),
    [query, locale],
  );
  const groups = componentCategories
    .map((category) => ({ category, items: found.filter((meta) => meta.category === category.id) }))
    .filter((group) => group.items.length > 0);
  return (
    <div className="palette">
      <label htmlFor={searchId} className="visually-hidden">
        {t('searchComponents')}
      </label>
      <input
        id={searchId}
        type="search"
        className="palette-search"
        placeholder={t('searchComponents')}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      <p className="palette-hint">{t('paletteHint')}</p>
      {groups.length === 0 ? <p className="palette-empty">{t('noComponents', { query })}</p> : null}
      {query.trim() ? (
        <ul className="palette-list">
          {found.map((meta) => (
            <PaletteItem key={meta.name} meta={meta} store={store} rootId={rootId} locale={locale} />
          ))}
        </ul>
      ) : (
        groups.map(({ category, items }) => (
          <section key={category.id} aria-label={category.title[locale] ?? category.title.en}>
            <h3 className="palette-group">{category.title[locale] ?? category.title.en}</h3>
            <ul className="palette-list">
              {items.map((meta) => (
                <PaletteItem key={meta.name} meta={meta} store={store} rootId={rootId} locale={locale} />
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}

const PaletteItem = memo(function PaletteItem({
  meta,
  store,
  rootId,
  locale,
}: {
  meta: ComponentMeta;
  store: EditorStore;
  rootId: string;
  locale: string;
}): ReactNode {
  const toast = useToast();
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: `palette:${meta.name}` });
  const title = meta.title[locale] ?? meta.title.en;
  const insert = () => {
    const { doc, selection } = store.getState();
    const selected = selection.at(-1);
    const node = selected ? doc.nodes[selected] : undefined;
    const parent = node?.parentId ? doc.nodes[node.parentId] : undefined;
    let result =
      node && parent
        ? store.dispatch({
            type: 'insert',
            component: meta.name,
            parentId: parent.id,
            index: parent.childIds.indexOf(node.id) + 1,
          })
        : { ok: false as const, reason: '' };
    if (!result.ok) result = store.dispatch({ type: 'insert', component: meta.name, parentId: rootId });
    if (!result.ok) toast(result.reason, 'error');
  };
  return (
    <li>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dnd-kit's attributes make it a focusable button */}
      <div
        ref={setNodeRef}
        {...attributes}
        {...listeners}
        className={isDragging ? 'palette-item palette-item-dragging' : 'palette-item'}
        title={meta.description[locale] ?? meta.description.en}
        data-component={meta.name}
        onDoubleClick={insert}
      >
        {title}
      </div>
    </li>
  );
});
