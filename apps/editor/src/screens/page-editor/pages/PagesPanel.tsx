// The pages panel: open, add, rename (title in the UI language, path), home page, tab bar, delete.
import type { I18NValue } from '@tessera/schema';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useLocale, useT } from '../../../app/i18n';
import { Button, TextField, useToast } from '../../../app/ui';
import { useEditor } from '../../../react/use-editor';
import { type EditorPage, type EditorStore, selectPages } from '../../../store';
import { messages } from '../messages';

export function titleText(title: EditorPage['title'], locale: string): string {
  if (typeof title === 'string') return title;
  if (title && typeof title === 'object' && '$i18n' in title) {
    const text = (title as I18NValue).$i18n as Record<string, string | undefined>;
    return text[locale] ?? Object.values(text).find((v) => v !== undefined) ?? '';
  }
  return '';
}

/** The title with the UI language's text replaced (i18n titles keep their other languages). */
function withTitle(title: EditorPage['title'], text: string, locale: string): EditorPage['title'] {
  if (title && typeof title === 'object' && '$i18n' in title)
    return {
      $i18n: { ...((title as I18NValue).$i18n as Record<string, string>), [locale]: text },
    } as EditorPage['title'];
  return text;
}

export function PagesPanel({
  store,
  currentPage,
  openPage,
}: {
  store: EditorStore;
  currentPage: string;
  openPage: (pageId: string) => void;
}): ReactNode {
  const t = useT(messages);
  const { locale } = useLocale();
  const toast = useToast();
  const pages = useEditor(store, selectPages);
  const home = useEditor(store, (s) => s.doc.app.navigation.home);
  const tabBar = useEditor(store, (s) => s.doc.app.navigation.tabBar);
  const [adding, setAdding] = useState(false);
  const [title, setTitle] = useState('');
  const [path, setPath] = useState('/');
  const tabs = tabBar?.items.map((item) => item.page) ?? [];

  const report = (result: { ok: boolean; reason?: string }) => {
    if (!result.ok && result.reason) toast(result.reason, 'error');
    return result.ok;
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    const before = store.getState().doc.pages.length;
    if (report(store.dispatch({ type: 'addPage', path, title: title || t('newPageTitle') }))) {
      setAdding(false);
      setTitle('');
      setPath('/');
      const page = store.getState().doc.pages[before];
      if (page) openPage(page.id);
    }
  };
  const toggleTab = (pageId: string, on: boolean) =>
    report(
      store.dispatch({
        type: 'setTabBar',
        pages: on ? [...tabs, pageId] : tabs.filter((id) => id !== pageId),
      }),
    );

  return (
    <div className="pages-panel">
      <ul className="pages-list">
        {pages.map((page) => (
          <li
            key={page.id}
            className={page.id === currentPage ? 'page-entry page-entry-current' : 'page-entry'}
          >
            <PageEntry
              page={page}
              isHome={page.id === home}
              inTabBar={tabs.includes(page.id)}
              current={page.id === currentPage}
              locale={locale}
              onOpen={() => openPage(page.id)}
              onRename={(text, newPath) => {
                const action: Parameters<EditorStore['dispatch']>[0] = {
                  type: 'renamePage',
                  pageId: page.id,
                };
                if (text !== titleText(page.title, locale))
                  action.title = withTitle(page.title, text, locale);
                if (newPath !== page.path) action.path = newPath;
                return report(store.dispatch(action));
              }}
              onHome={() => report(store.dispatch({ type: 'setHome', pageId: page.id }))}
              onTab={(on) => toggleTab(page.id, on)}
              onRemove={() => {
                if (!confirm(t('removePageQuestion', { title: titleText(page.title, locale) || page.id })))
                  return;
                if (
                  report(store.dispatch({ type: 'removePage', pageId: page.id })) &&
                  page.id === currentPage
                )
                  openPage(store.getState().doc.app.navigation.home);
              }}
            />
          </li>
        ))}
      </ul>
      <p className="field-hint">{t('tabBarHint')}</p>
      {adding ? (
        <form onSubmit={add} className="page-form">
          <TextField
            label={t('pageTitle')}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            autoFocus
          />
          <TextField label={t('pagePath')} value={path} onChange={(e) => setPath(e.target.value)} />
          <Button type="submit" variant="primary">
            {t('addPage')}
          </Button>
        </form>
      ) : (
        <Button onClick={() => setAdding(true)}>{t('addPage')}</Button>
      )}
    </div>
  );
}

function PageEntry({
  page,
  isHome,
  inTabBar,
  current,
  locale,
  onOpen,
  onRename,
  onHome,
  onTab,
  onRemove,
}: {
  page: EditorPage;
  isHome: boolean;
  inTabBar: boolean;
  current: boolean;
  locale: string;
  onOpen: () => void;
  onRename: (title: string, path: string) => boolean;
  onHome: () => void;
  onTab: (on: boolean) => void;
  onRemove: () => void;
}): ReactNode {
  const t = useT(messages);
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState('');
  const [path, setPath] = useState('');
  const shown = titleText(page.title, locale) || page.id;
  if (editing)
    return (
      <form
        className="page-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (onRename(title, path)) setEditing(false);
        }}
      >
        <TextField
          label={t('pageTitle')}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          autoFocus
        />
        <TextField label={t('pagePath')} value={path} onChange={(e) => setPath(e.target.value)} />
        <label className="check">
          <input type="checkbox" checked={inTabBar} onChange={(e) => onTab(e.target.checked)} />{' '}
          {t('inTabBar')}
        </label>
        <div className="page-form-actions">
          <Button type="submit" variant="primary">
            {t('apply')}
          </Button>
          {!isHome ? <Button onClick={onHome}>{t('makeHome')}</Button> : null}
          <Button variant="danger" onClick={onRemove}>
            {t('removePage')}
          </Button>
        </div>
      </form>
    );
  return (
    <div className="page-row">
      <button
        type="button"
        className="link-btn page-open"
        aria-current={current ? 'page' : undefined}
        onClick={onOpen}
      >
        {shown}
      </button>
      <code className="page-path">{page.path}</code>
      {isHome ? <span className="badge">{t('isHome')}</span> : null}
      {inTabBar ? <span className="badge">▭</span> : null}
      <button
        type="button"
        className="icon-btn"
        aria-label={`${t('editPage')}: ${shown}`}
        onClick={() => {
          setTitle(titleText(page.title, locale));
          setPath(page.path);
          setEditing(true);
        }}
      >
        ✎
      </button>
    </div>
  );
}
