import type { ComponentMeta } from '../types';
import { allTargets, option, t } from './shared';

export const spacer: ComponentMeta = {
  name: 'Spacer',
  title: t('间隔', 'Spacer'),
  description: t(
    '在组件之间留出固定大小的空白。',
    'Leaves a fixed amount of empty space between components.',
  ),
  category: 'layout',
  icon: 'move-vertical',
  targets: allTargets,
  props: {
    size: {
      type: 'number',
      title: t('大小', 'Size'),
      description: t(
        '空白的高度（纵向）或宽度（横向）。',
        'Height (vertical) or width (horizontal) of the space.',
      ),
      default: 16,
      schema: { type: 'number', minimum: 0 },
      editor: { group: 'layout', unit: 'px', min: 0, max: 200 },
    },
    direction: {
      type: 'enum',
      title: t('方向', 'Direction'),
      description: t(
        '在上下之间还是左右之间留白。',
        'Whether the space is between stacked or side-by-side components.',
      ),
      default: 'vertical',
      options: [option('vertical', '纵向', 'Vertical'), option('horizontal', '横向', 'Horizontal')],
      bindable: false,
      editor: { group: 'layout', widget: 'radio' },
    },
  },
  events: {},
  children: 'none',
  defaults: { props: { size: 16 } },
  snippet: { component: 'Spacer', props: { size: 16 } },
};
