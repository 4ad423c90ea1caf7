import type { ComponentMeta } from '../types';
import { allTargets, i18n, option, t, tapEvent } from './shared';

export const card: ComponentMeta = {
  name: 'Card',
  title: t('卡片', 'Card'),
  description: t(
    '带标题和边框的内容块，用于展示一组相关信息。',
    'A bordered block with a title that presents related information together.',
  ),
  category: 'layout',
  icon: 'credit-card',
  targets: allTargets,
  props: {
    title: {
      type: 'text',
      title: t('标题', 'Title'),
      description: t(
        '卡片顶部的标题；留空则不显示标题栏。',
        'Heading at the top of the card; no header when empty.',
      ),
      default: '',
      editor: { group: 'content' },
    },
    extra: {
      type: 'text',
      title: t('标题右侧文字', 'Extra text'),
      description: t(
        '显示在标题栏右侧的补充文字，如“更多”。',
        'Short text at the right of the header, such as “More”.',
      ),
      default: '',
      editor: { group: 'content' },
    },
    bordered: {
      type: 'boolean',
      title: t('显示边框', 'Border'),
      description: t('是否显示卡片边框。', 'Whether the card has a border.'),
      default: true,
      editor: { group: 'layout' },
    },
    shadow: {
      type: 'enum',
      title: t('阴影', 'Shadow'),
      description: t('卡片的投影效果。', 'Drop shadow of the card.'),
      default: 'none',
      options: [
        option('none', '无', 'None'),
        option('hover', '悬停时', 'On hover'),
        option('always', '始终', 'Always'),
      ],
      editor: { group: 'layout' },
    },
  },
  events: { tap: tapEvent },
  children: 'any',
  slots: {
    footer: {
      title: t('底部', 'Footer'),
      description: t(
        '卡片底部区域，常放置操作按钮。',
        'Bottom area of the card, usually for action buttons.',
      ),
      children: 'any',
    },
  },
  defaults: { props: { bordered: true }, style: { marginBottom: '12px' } },
  snippet: {
    component: 'Card',
    props: { title: i18n('卡片标题', 'Card title') },
    style: { marginBottom: '12px' },
    children: [{ component: 'Text', props: { text: i18n('卡片内容', 'Card content') } }],
  },
};
