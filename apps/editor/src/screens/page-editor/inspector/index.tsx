// The inspector: properties, style and events of the selected node, generated from the
// component metadata. It marks `inspector:rendered` after each render for a new selection, so the
// benchmark can time click → panel rendered (editor.select.p95.ms).
import { catalogue } from '@tessera/components';
import { type KeyboardEvent, type ReactNode, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useLocale, useT } from '../../../app/i18n';
import { useEditor } from '../../../react/use-editor';
import type { EditorDocument, EditorState, EditorStore } from '../../../store';
import { selectNode } from '../../../store';
import { nodeScope } from '../data/scope';
import { EventsPanel } from './events-panel';
import { messages } from './messages';
import { type PanelContext, PropsPanel, textOf } from './props-panel';
import { RepeatSection } from './repeat-section';
import { StylePanel } from './style-panel';
import './inspector.css';

type Tab = 'props' | 'style' | 'events';
const TABS: Tab[] = ['props', 'style', 'events'];
const TAB_LABEL = { props: 'tabProps', style: 'tabStyle', events: 'tabEvents' } as const;

const selectFirst = (state: EditorState) => state.selection[0];
const selectCount = (state: EditorState) => state.selection.length;
const selectApp = (state: EditorState) => state.doc.app;
const selectPageList = (state: EditorState) => state.doc.pages;

/** The page whose tree holds the node. */
function pageIdOf(doc: EditorDocument, id: string): string | undefined {
  let at = id;
  for (let node = doc.nodes[at]; node?.parentId; node = doc.nodes[at]) at = node.parentId;
  return doc.pages.find((page) => page.root === at)?.id;
}

export function Inspector({ store }: { store: EditorStore }): ReactNode {
  const t = useT(messages);
  const id = useEditor(store, selectFirst);
  const count = useEditor(store, selectCount);
  const node = useEditor(store, (state) => (id ? selectNode(state, id) : undefined));

  useLayoutEffect(() => {
    performance.mark('inspector:rendered', { detail: { id: id ?? null } });
  }, [id]);

  let body: ReactNode;
  if (!node) body = <p className="inspector-empty">{t('nothing')}</p>;
  else if (count > 1) body = <p className="inspector-empty">{t('many', { count })}</p>;
  else body = <NodeInspector key={node.id} store={store} id={node.id} />;
  return (
    <section className="inspector" aria-label={t('title')}>
      {body}
    </section>
  );
}

function NodeInspector({ store, id }: { store: EditorStore; id: string }): ReactNode {
  const t = useT(messages);
  const { locale } = useLocale();
  const node = useEditor(store, (state) => selectNode(state, id));
  // The scope depends on app and page state, queries, code blocks and the node's ancestors. It is
  // recomputed when the app, the pages or this node change, not on every edit of another node
  // (a 2,000-node page would re-render the whole panel per keystroke elsewhere).
  const app = useEditor(store, selectApp);
  const pages = useEditor(store, selectPageList);
  // biome-ignore lint/correctness/useExhaustiveDependencies: app, pages and node are what the snapshot is taken for
  const doc = useMemo(() => store.getState().doc, [store, app, pages, node]);
  const [tab, setTab] = useState<Tab>('props');
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({ props: null, style: null, events: null });
  const pageId = useMemo(() => pageIdOf(doc, id), [doc, id]);
  const scope = useMemo(() => nodeScope(doc, id), [doc, id]);
  const eventScope = useMemo(() => nodeScope(doc, id, { event: true }), [doc, id]);
  const context: PanelContext = useMemo(
    () => ({
      scope,
      locales: doc.app.locales?.supported ?? [],
      pages: doc.pages.map((page) => ({ id: page.id, title: textOf(page.title, locale) || page.id })),
      appId: doc.app.id ?? '',
    }),
    [scope, doc.app, doc.pages, locale],
  );
  if (!node) return null;
  const meta = Object.hasOwn(catalogue, node.component) ? catalogue[node.component] : undefined;
  if (!meta) return <p className="inspector-empty">{t('unknown', { name: node.component })}</p>;

  const onTabKey = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length]!;
    setTab(next);
    tabRefs.current[next]?.focus();
  };
  return (
    <>
      <header className="inspector-header">
        <h2>{meta.title[locale]}</h2>
        <span className="field-hint">{t('id', { id: node.id })}</span>
      </header>
      <div className="inspector-tabs" role="tablist" aria-label={t('title')} onKeyDown={onTabKey}>
        {TABS.map((name) => (
          <button
            key={name}
            ref={(element) => {
              tabRefs.current[name] = element;
            }}
            type="button"
            role="tab"
            id={`inspector-tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`inspector-panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => setTab(name)}
          >
            {t(TAB_LABEL[name])}
          </button>
        ))}
      </div>
      <div
        className="inspector-body"
        role="tabpanel"
        id={`inspector-panel-${tab}`}
        aria-labelledby={`inspector-tab-${tab}`}
      >
        {tab === 'props' ? <PropsPanel store={store} node={node} meta={meta} context={context} /> : null}
        {tab === 'props' ? <RepeatSection store={store} doc={doc} id={id} scope={scope} /> : null}
        {tab === 'style' ? <StylePanel store={store} node={node} context={context} /> : null}
        {tab === 'events' ? (
          <EventsPanel
            store={store}
            node={node}
            meta={meta}
            doc={doc}
            pageId={pageId}
            scope={eventScope}
            context={context}
          />
        ) : null}
      </div>
    </>
  );
}
