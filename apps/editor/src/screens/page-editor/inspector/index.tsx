// The inspector: properties, style and events of the selected node, generated from the
// component metadata. It marks `inspector:rendered` after each render for a new selection, so the
// benchmark can time click → panel rendered (editor.select.p95.ms).
import { catalogue } from '@tessera/components';
import type { Value } from '@tessera/schema';
import { type KeyboardEvent, type ReactNode, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { type Locale, useLocale, useT } from '../../../app/i18n';
import type { ExpressionScope } from '../../../app/monaco';
import { useEditor } from '../../../react/use-editor';
import type { EditorDocument, EditorState, EditorStore } from '../../../store';
import { createSelectedNodesSelector, selectNode } from '../../../store';
import { nodeScope } from '../data/scope';
import { EventsPanel } from './events-panel';
import { messages } from './messages';
import { multiMessages } from './multi-messages';
import { type PanelContext, PropFields, PropsPanel, textOf } from './props-panel';
import { RepeatSection } from './repeat-section';
import { common, sharedProps } from './shared';
import { StyleFields, StylePanel } from './style-panel';
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
  else if (count > 1) body = <MultiInspector store={store} />;
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
  const pageId = useMemo(() => pageIdOf(doc, id), [doc, id]);
  const scope = useMemo(() => nodeScope(doc, id), [doc, id]);
  const eventScope = useMemo(() => nodeScope(doc, id, { event: true }), [doc, id]);
  const context = usePanelContext(doc, scope, locale);
  if (!node) return null;
  const meta = Object.hasOwn(catalogue, node.component) ? catalogue[node.component] : undefined;
  if (!meta) return <p className="inspector-empty">{t('unknown', { name: node.component })}</p>;

  return (
    <>
      <header className="inspector-header">
        <h2>{meta.title[locale]}</h2>
        <span className="field-hint">{t('id', { id: node.id })}</span>
      </header>
      <InspectorTabs tabs={TABS} tab={tab} onTab={setTab} />
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

/** The tab row of the inspector; the arrow keys move between tabs. */
function InspectorTabs({
  tabs,
  tab,
  onTab,
}: {
  tabs: readonly Tab[];
  tab: Tab;
  onTab(tab: Tab): void;
}): ReactNode {
  const t = useT(messages);
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const onTabKey = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length]!;
    onTab(next);
    tabRefs.current[next]?.focus();
  };
  return (
    <div className="inspector-tabs" role="tablist" aria-label={t('title')} onKeyDown={onTabKey}>
      {tabs.map((name) => (
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
          onClick={() => onTab(name)}
        >
          {t(TAB_LABEL[name])}
        </button>
      ))}
    </div>
  );
}

const MULTI_TABS: Tab[] = ['props', 'style'];
const NO_MIXED: ReadonlySet<string> = new Set();

/** Names an expression may read at every one of the nodes (the first node's entries). */
function sharedScope(doc: EditorDocument, ids: readonly string[]): ExpressionScope {
  // nodes under the same parent without a repeat of their own read the same names: one scope each
  const seen = new Set<string>();
  const scopes: ExpressionScope[] = [];
  for (const id of ids) {
    const node = doc.nodes[id];
    const key = node?.repeat ? `#${id}` : `${node?.parentId ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    scopes.push(nodeScope(doc, id));
  }
  const [first, ...rest] = scopes;
  if (!first) return { roots: [] };
  return {
    roots: first.roots.filter((root) => rest.every((scope) => scope.roots.some((r) => r.name === root.name))),
  };
}

/** The inspector for several selected nodes: the props and style they share, edited all at once. */
function MultiInspector({ store }: { store: EditorStore }): ReactNode {
  const t = useT(multiMessages);
  const { locale } = useLocale();
  const selectSelected = useMemo(createSelectedNodesSelector, []);
  const nodes = useEditor(store, selectSelected);
  const app = useEditor(store, selectApp);
  const pages = useEditor(store, selectPageList);
  const [tab, setTab] = useState<Tab>('props');
  const ids = useMemo(() => nodes.map((node) => node.id), [nodes]);
  const key = ids.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: app, pages and the nodes are what the snapshot is taken for
  const doc = useMemo(() => store.getState().doc, [store, app, pages, nodes]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the scope depends on which nodes, not their values
  const scope = useMemo(() => sharedScope(doc, ids), [doc, key]);
  const context = usePanelContext(doc, scope, locale);
  const entries = useMemo(() => sharedProps(nodes), [nodes]);
  const props = useMemo(
    () =>
      common(
        nodes.map((node) => node.props ?? {}),
        entries.map(([name]) => name),
      ),
    [nodes, entries],
  );
  const style = useMemo(() => {
    const names = new Set(nodes.flatMap((node) => Object.keys(node.style ?? {})));
    return common(
      nodes.map((node) => (node.style ?? {}) as Record<string, unknown>),
      names,
    );
  }, [nodes]);
  const kinds = useMemo(() => {
    const counts = new Map<string, number>();
    for (const node of nodes) counts.set(node.component, (counts.get(node.component) ?? 0) + 1);
    return [...counts]
      .map(([component, n]) => {
        const meta = Object.hasOwn(catalogue, component) ? catalogue[component] : undefined;
        return `${meta ? meta.title[locale] : component} ×${n}`;
      })
      .join(locale === 'zh-CN' ? '、' : ', ');
  }, [nodes, locale]);
  const set = (field: 'props' | 'style') => (name: string, value: Value | undefined) =>
    store.dispatch({ type: 'setMany', ids: [...ids], field, name, value });
  return (
    <>
      <header className="inspector-header inspector-header-multi">
        <h2>{t('heading', { count: nodes.length })}</h2>
        <span className="field-hint">{t('components', { list: kinds })}</span>
      </header>
      <InspectorTabs tabs={MULTI_TABS} tab={tab} onTab={setTab} />
      <div
        key={key}
        className="inspector-body"
        role="tabpanel"
        id={`inspector-panel-${tab}`}
        aria-labelledby={`inspector-tab-${tab}`}
      >
        {tab === 'props' ? (
          entries.length === 0 ? (
            <p className="inspector-empty">{t('noShared')}</p>
          ) : (
            <div className="props-panel">
              <PropFields
                idPrefix="multi"
                entries={entries}
                values={props.values}
                mixed={props.mixed.size > 0 ? props.mixed : NO_MIXED}
                context={context}
                onChange={set('props')}
              />
            </div>
          )
        ) : (
          <StyleFields
            idPrefix="multi"
            values={style.values}
            mixed={style.mixed}
            context={context}
            onChange={set('style')}
          />
        )}
      </div>
    </>
  );
}

/** What every field of the inspector needs besides its value: the scope, the app's locales and pages. */
function usePanelContext(doc: EditorDocument, scope: ExpressionScope, locale: Locale): PanelContext {
  return useMemo(
    () => ({
      scope,
      locales: doc.app.locales?.supported ?? [],
      pages: doc.pages.map((page) => ({ id: page.id, title: textOf(page.title, locale) || page.id })),
      appId: doc.app.id ?? '',
    }),
    [scope, doc.app, doc.pages, locale],
  );
}
