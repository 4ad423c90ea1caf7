// The data panel: page and app state variables, queries and code blocks. The page is the one
// given, else the page of the selection, else the home page.
import type { ReactNode } from 'react';
import { useLocale, useT } from '../../../app/i18n';
import { useEditor } from '../../../react/use-editor';
import type { EditorState, EditorStore } from '../../../store';
import { textOf } from '../inspector/props-panel';
import '../inspector/inspector.css';
import { CodeBlocks } from './code-section';
import { messages } from './messages';
import { QueryList } from './queries-section';
import { appScope, pageScope } from './scope';
import { StateList } from './state-section';

const selectDoc = (state: EditorState) => state.doc;
const selectFirst = (state: EditorState) => state.selection[0];

export function DataPanel({ store, pageId }: { store: EditorStore; pageId?: string }): ReactNode {
  const t = useT(messages);
  const { locale } = useLocale();
  const doc = useEditor(store, selectDoc);
  const selected = useEditor(store, selectFirst);
  let pageOfSelection: string | undefined;
  if (selected) {
    let at = selected;
    for (let node = doc.nodes[at]; node?.parentId; node = doc.nodes[at]) at = node.parentId;
    pageOfSelection = doc.pages.find((page) => page.root === at)?.id;
  }
  const page =
    doc.pages.find((p) => p.id === (pageId ?? pageOfSelection ?? doc.app.navigation?.home)) ?? doc.pages[0];
  const pageName = page ? textOf(page.title, locale) || page.id : '';
  return (
    <section className="data-panel" aria-label={t('title')}>
      <h2>{t('variables')}</h2>
      {page ? (
        <StateList
          store={store}
          doc={doc}
          pageId={page.id}
          state={page.state}
          title={t('pageState', { page: pageName })}
          hint={t('pageStateHint')}
        />
      ) : null}
      <StateList
        store={store}
        doc={doc}
        pageId={undefined}
        state={doc.app.state}
        title={t('appState')}
        hint={t('appStateHint')}
      />
      <h2>{t('queries')}</h2>
      <p className="field-hint">{t('queriesHint')}</p>
      {page ? (
        <QueryList
          store={store}
          doc={doc}
          pageId={page.id}
          queries={page.queries}
          title={t('pageQueries', { page: pageName })}
          scope={pageScope(doc, page)}
        />
      ) : null}
      <QueryList
        store={store}
        doc={doc}
        pageId={undefined}
        queries={doc.app.queries}
        title={t('appQueries')}
        scope={appScope(doc)}
      />
      <CodeBlocks store={store} doc={doc} />
    </section>
  );
}
