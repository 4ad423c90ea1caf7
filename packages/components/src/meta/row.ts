import type { ComponentMeta } from '../types';
import { allTargets, i18n, option, t, tapEvent } from './shared';

export const row: ComponentMeta = {
  name: 'Row',
  title: t('行', 'Row'),
  description: t(
    '将子组件横向排成一行，常与“列”配合做栅格布局。',
    'Lays its children out side by side; used with Columns for grid-like layouts.',
  ),
  category: 'layout',
  icon: 'columns',
  targets: allTargets,
  props: {
    gap: {
      type: 'number',
      title: t('间距', 'Gap'),
      description: t('相邻子组件之间的水平间距。', 'Horizontal space between neighbouring children.'),
      default: 8,
      schema: { type: 'number', minimum: 0 },
      editor: { group: 'layout', unit: 'px', min: 0, max: 64, step: 1 },
    },
    justify: {
      type: 'enum',
      title: t('水平分布', 'Justify'),
      description: t('子组件在行内的水平分布方式。', 'How the children are distributed along the row.'),
      default: 'start',
      options: [
        option('start', '靠左', 'Start'),
        option('center', '居中', 'Center'),
        option('end', '靠右', 'End'),
        option('space-between', '两端对齐', 'Space between'),
        option('space-around', '均匀分布', 'Space around'),
      ],
      editor: { group: 'layout' },
    },
    align: {
      type: 'enum',
      title: t('垂直对齐', 'Align'),
      description: t(
        '高度不同的子组件如何垂直对齐。',
        'How children of different heights are aligned vertically.',
      ),
      default: 'stretch',
      options: [
        option('start', '顶部', 'Top'),
        option('center', '居中', 'Center'),
        option('end', '底部', 'Bottom'),
        option('stretch', '拉伸', 'Stretch'),
      ],
      editor: { group: 'layout' },
    },
    wrap: {
      type: 'boolean',
      title: t('自动换行', 'Wrap'),
      description: t(
        '一行放不下时子组件自动换到下一行。',
        'Moves children to a new line when they do not fit.',
      ),
      default: false,
      editor: { group: 'layout' },
    },
  },
  events: { tap: tapEvent },
  children: 'any',
  defaults: { props: { gap: 8 } },
  snippet: {
    component: 'Row',
    props: { gap: 8 },
    children: [
      {
        component: 'Column',
        props: { span: 12 },
        children: [{ component: 'Text', props: { text: i18n('左栏', 'Left') } }],
      },
      {
        component: 'Column',
        props: { span: 12 },
        children: [{ component: 'Text', props: { text: i18n('右栏', 'Right') } }],
      },
    ],
  },
};
