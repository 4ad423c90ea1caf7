import type { ComponentMeta } from '../types';
import { allTargets, colorProp, t, tapEvent } from './shared';

export const icon: ComponentMeta = {
  name: 'Icon',
  title: t('图标', 'Icon'),
  description: t('显示图标库中的一个图标。', 'Shows one icon from the icon set.'),
  category: 'basic',
  icon: 'star',
  targets: allTargets,
  props: {
    name: {
      type: 'icon',
      title: t('图标', 'Icon'),
      description: t('图标库中的图标名称。', 'Name of the icon in the icon set.'),
      required: true,
      editor: { group: 'basic', widget: 'icon' },
    },
    size: {
      type: 'number',
      title: t('尺寸', 'Size'),
      description: t('图标的宽高。', 'Width and height of the icon.'),
      default: 20,
      schema: { type: 'number', minimum: 8, maximum: 256 },
      editor: { group: 'layout', unit: 'px', min: 8, max: 256 },
    },
    color: colorProp(
      '颜色',
      'Colour',
      '图标颜色；默认跟随文字颜色。',
      'Icon colour; follows the text colour by default.',
    ),
    label: {
      type: 'text',
      title: t('无障碍名称', 'Accessible name'),
      description: t(
        '图标表达的含义，供读屏软件朗读；纯装饰图标留空即可被跳过。',
        'What the icon means, read by screen readers; leave empty for a decorative icon so it is skipped.',
      ),
      default: '',
      editor: { group: 'accessibility' },
    },
  },
  events: { tap: tapEvent },
  children: 'none',
  defaults: { props: { size: 20 } },
  snippet: { component: 'Icon', props: { name: 'star', size: 20 } },
};
