import type { ComponentMeta } from '../types';
import { alignProp, allTargets, i18n, option, t } from './shared';

export const heading: ComponentMeta = {
  name: 'Heading',
  title: t('标题', 'Heading'),
  description: t(
    '页面或区块的标题，级别决定字号和读屏软件识别的文档结构。',
    'Title of a page or section; its level sets the size and the outline screen readers navigate by.',
  ),
  category: 'basic',
  icon: 'heading',
  targets: allTargets,
  props: {
    text: {
      type: 'text',
      title: t('标题文字', 'Text'),
      description: t('标题的文字内容。', 'Text of the heading.'),
      required: true,
      editor: { group: 'content' },
    },
    level: {
      type: 'enum',
      title: t('标题级别', 'Level'),
      description: t(
        '1 为最高级；请按层次使用，不要为了字号跳级。',
        '1 is the top level; follow the outline and do not skip levels just for size.',
      ),
      default: 2,
      options: [
        option(1, '一级标题', 'Level 1'),
        option(2, '二级标题', 'Level 2'),
        option(3, '三级标题', 'Level 3'),
        option(4, '四级标题', 'Level 4'),
        option(5, '五级标题', 'Level 5'),
        option(6, '六级标题', 'Level 6'),
      ],
      bindable: false,
      editor: { group: 'basic', widget: 'select' },
    },
    align: alignProp,
  },
  events: {},
  children: 'none',
  defaults: { props: { level: 2 } },
  snippet: { component: 'Heading', props: { text: i18n('标题', 'Heading'), level: 2 } },
};
