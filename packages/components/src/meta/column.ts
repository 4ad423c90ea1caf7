import type { ComponentMeta } from '../types';
import { allTargets, t, tapEvent } from './shared';

export const column: ComponentMeta = {
  name: 'Column',
  title: t('列', 'Column'),
  description: t(
    '“行”中的一列，按 24 等分栅格设置宽度。',
    'One column of a Row; its width is a share of a 24-part grid.',
  ),
  category: 'layout',
  icon: 'column',
  targets: allTargets,
  parents: ['Row'],
  props: {
    span: {
      type: 'number',
      title: t('占据列数', 'Span'),
      description: t(
        '在 24 等分栅格中占据的份数；0 表示按内容自适应宽度。',
        'Parts of the 24-part grid the column takes; 0 sizes it to its content.',
      ),
      default: 12,
      schema: { type: 'integer', minimum: 0, maximum: 24 },
      editor: { group: 'layout', widget: 'slider', min: 0, max: 24, step: 1 },
    },
    offset: {
      type: 'number',
      title: t('左侧偏移', 'Offset'),
      description: t('左侧空出的栅格份数。', 'Grid parts left empty before the column.'),
      default: 0,
      schema: { type: 'integer', minimum: 0, maximum: 23 },
      editor: { group: 'layout', min: 0, max: 23, step: 1, advanced: true },
    },
  },
  events: { tap: tapEvent },
  children: 'any',
  defaults: { props: { span: 12 } },
  snippet: { component: 'Column', props: { span: 12 }, children: [] },
};
