import type { ComponentMeta } from '../types';
import { allTargets, i18n, t } from './shared';

const cell = (zh: string, en: string, icon: string) => ({
  component: 'Container',
  style: { padding: '12px', textAlign: 'center' },
  children: [
    { component: 'Icon', props: { name: icon, size: 28, label: i18n(zh, en) } },
    { component: 'Text', props: { text: i18n(zh, en), align: 'center' } },
  ],
});

export const grid: ComponentMeta = {
  name: 'Grid',
  title: t('宫格', 'Grid'),
  description: t(
    '按固定列数把子组件排成网格，常用于服务入口、功能菜单。',
    'Arranges children in a grid with a fixed number of columns, e.g. a menu of services.',
  ),
  category: 'layout',
  icon: 'layout-grid',
  targets: allTargets,
  props: {
    columns: {
      type: 'number',
      title: t('列数', 'Columns'),
      description: t('每行放置的子组件个数。', 'Number of children per row.'),
      default: 4,
      schema: { type: 'integer', minimum: 1, maximum: 12 },
      editor: { group: 'layout', min: 1, max: 12, step: 1 },
    },
    gap: {
      type: 'number',
      title: t('间距', 'Gap'),
      description: t('格子之间的间距。', 'Space between cells.'),
      default: 8,
      schema: { type: 'number', minimum: 0 },
      editor: { group: 'layout', unit: 'px', min: 0, max: 64 },
    },
    bordered: {
      type: 'boolean',
      title: t('显示边框', 'Borders'),
      description: t('在格子之间显示分隔线。', 'Draws lines between cells.'),
      default: false,
      editor: { group: 'layout' },
    },
  },
  events: {},
  children: 'any',
  defaults: { props: { columns: 4 } },
  snippet: {
    component: 'Grid',
    props: { columns: 4 },
    children: [
      cell('办事指南', 'Guides', 'book-open'),
      cell('在线预约', 'Booking', 'calendar'),
      cell('进度查询', 'Progress', 'search'),
      cell('咨询投诉', 'Feedback', 'message-circle'),
    ],
  },
};
