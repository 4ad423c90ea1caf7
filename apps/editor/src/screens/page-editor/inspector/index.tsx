// The inspector: properties, style and events of the selected node (grows in this folder).
import { getComponent } from '@tessera/components';
import type { ReactNode } from 'react';
import { defineMessages, useLocale, useT } from '../../../app/i18n';
import { useEditor } from '../../../react/use-editor';
import type { EditorStore } from '../../../store';
import { selectNode } from '../../../store';

const messages = defineMessages('inspector', {
  en: { title: 'Inspector', nothing: 'Select a component on the canvas to edit it.' },
  'zh-CN': { title: '属性', nothing: '在画布上选中一个组件以编辑。' },
});

export function Inspector({ store }: { store: EditorStore }): ReactNode {
  const t = useT(messages);
  const { locale } = useLocale();
  const id = useEditor(store, (s) => s.selection[0]);
  const node = useEditor(store, (s) => (id ? selectNode(s, id) : undefined));
  const meta = node ? getComponent(node.component) : undefined;
  return (
    <section className="inspector" aria-label={t('title')}>
      {node ? <h2>{meta ? meta.title[locale] : node.component}</h2> : <p>{t('nothing')}</p>}
    </section>
  );
}
