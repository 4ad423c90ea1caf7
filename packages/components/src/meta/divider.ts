import type { ComponentMeta } from '../types';
import { allTargets, option, t } from './shared';

export const divider: ComponentMeta = {
  name: 'Divider',
  title: t('分割线', 'Divider'),
  description: t(
    '分隔不同内容区块的细线，可带文字。',
    'A thin line separating blocks of content, optionally with text.',
  ),
  category: 'layout',
  icon: 'minus',
  targets: allTargets,
  props: {
    text: {
      type: 'text',
      title: t('文字', 'Text'),
      description: t(
        '显示在分割线中间的文字；留空则为纯线条。',
        'Text in the middle of the line; a plain line when empty.',
      ),
      default: '',
      editor: { group: 'content' },
    },
    direction: {
      type: 'enum',
      title: t('方向', 'Direction'),
      description: t(
        '横向分隔上下内容，纵向分隔同一行内的内容。',
        'Horizontal separates stacked blocks; vertical separates items in a row.',
      ),
      default: 'horizontal',
      options: [option('horizontal', '横向', 'Horizontal'), option('vertical', '纵向', 'Vertical')],
      editor: { group: 'layout', widget: 'radio' },
    },
    dashed: {
      type: 'boolean',
      title: t('虚线', 'Dashed'),
      description: t('使用虚线样式。', 'Draws a dashed line.'),
      default: false,
      editor: { group: 'layout' },
    },
  },
  events: {},
  children: 'none',
  defaults: {},
  snippet: { component: 'Divider' },
};
