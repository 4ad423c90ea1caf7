// The data panel: page and app state variables, queries and code blocks (grows in this folder).
import type { ReactNode } from 'react';
import { defineMessages, useT } from '../../../app/i18n';
import type { EditorStore } from '../../../store';

const messages = defineMessages('dataPanel', {
  en: { title: 'Data' },
  'zh-CN': { title: '数据' },
});

export function DataPanel({ store: _store }: { store: EditorStore }): ReactNode {
  const t = useT(messages);
  return (
    <section className="data-panel" aria-label={t('title')}>
      <h2>{t('title')}</h2>
    </section>
  );
}
