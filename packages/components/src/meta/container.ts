import type { ComponentMeta } from '../types';
import { allTargets, ariaLabelProp, option, t, tapEvent } from './shared';

export const container: ComponentMeta = {
  name: 'Container',
  title: t('容器', 'Container'),
  description: t(
    '通用的区块容器，用于组合其他组件并统一设置间距、背景和边框。',
    'General-purpose box that groups other components and carries spacing, background and border.',
  ),
  category: 'layout',
  icon: 'square',
  targets: allTargets,
  props: {
    direction: {
      type: 'enum',
      title: t('排列方向', 'Direction'),
      description: t(
        '子组件纵向堆叠还是横向排列。',
        'Whether children are stacked vertically or laid out in a row.',
      ),
      default: 'vertical',
      options: [option('vertical', '纵向', 'Vertical'), option('horizontal', '横向', 'Horizontal')],
      editor: { group: 'layout', widget: 'radio' },
    },
    scrollable: {
      type: 'boolean',
      title: t('可滚动', 'Scrollable'),
      description: t(
        '内容超出容器尺寸时允许在容器内滚动。',
        'Lets the content scroll inside the container when it overflows.',
      ),
      default: false,
      editor: { group: 'behavior' },
    },
    role: {
      type: 'enum',
      title: t('区域角色', 'Landmark role'),
      description: t(
        '为读屏软件标明该区域的用途（如主内容、导航），便于快速跳转。',
        'Tells screen readers what the region is (main content, navigation...) so users can jump to it.',
      ),
      default: 'none',
      bindable: false,
      options: [
        option('none', '无', 'None'),
        option('main', '主内容', 'Main'),
        option('region', '区域', 'Region'),
        option('navigation', '导航', 'Navigation'),
        option('banner', '页头', 'Banner'),
        option('contentinfo', '页脚', 'Footer'),
        option('complementary', '补充内容', 'Complementary'),
        option('search', '搜索', 'Search'),
      ],
      targets: ['web', 'app'],
      editor: { group: 'accessibility' },
    },
    ariaLabel: ariaLabelProp,
  },
  events: { tap: tapEvent },
  children: 'any',
  defaults: { props: {}, style: { padding: '12px' } },
  snippet: { component: 'Container', style: { padding: '12px' }, children: [] },
};
