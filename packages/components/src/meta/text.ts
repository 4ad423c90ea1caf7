import type { ComponentMeta } from '../types';
import { alignProp, allTargets, i18n, t, tapEvent } from './shared';

export const text: ComponentMeta = {
  name: 'Text',
  title: t('文本', 'Text'),
  description: t('显示一段文字，可绑定数据动态显示。', 'Shows a piece of text; can be bound to data.'),
  category: 'basic',
  icon: 'type',
  targets: allTargets,
  props: {
    text: {
      type: 'text',
      title: t('文字内容', 'Text'),
      description: t(
        '要显示的文字，按纯文本显示，不解析 HTML。',
        'The text to show; shown as plain text, HTML is not interpreted.',
      ),
      default: '',
      editor: { group: 'content', widget: 'textarea', rows: 3 },
    },
    maxLines: {
      type: 'number',
      title: t('最多行数', 'Max lines'),
      description: t(
        '超出部分以省略号结尾；0 表示不限制。',
        'Lines shown before the text is cut with an ellipsis; 0 for no limit.',
      ),
      default: 0,
      schema: { type: 'integer', minimum: 0 },
      editor: { group: 'layout', min: 0, max: 20, step: 1 },
    },
    align: alignProp,
    selectable: {
      type: 'boolean',
      title: t('可选中复制', 'Selectable'),
      description: t('允许用户长按选中并复制文字。', 'Lets users select and copy the text.'),
      default: false,
      editor: { group: 'behavior' },
    },
  },
  events: { tap: tapEvent },
  children: 'none',
  defaults: { props: { text: i18n('文本', 'Text') } },
  snippet: { component: 'Text', props: { text: i18n('这是一段文字', 'Some text') } },
};
