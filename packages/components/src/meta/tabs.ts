import type { ComponentMeta } from '../types';
import { allTargets, changeEvent, option, t } from './shared';
import { tabPaneSnippet } from './tab-pane';

export const tabs: ComponentMeta = {
  name: 'Tabs',
  title: t('标签页', 'Tabs'),
  description: t(
    '用标签切换显示多块内容，每块内容是一个“标签面板”。',
    'Switches between several blocks of content with tabs; each block is a Tab pane.',
  ),
  category: 'navigation',
  icon: 'panels-top-left',
  targets: allTargets,
  props: {
    active: {
      type: 'string',
      title: t('当前标签', 'Active tab'),
      description: t(
        '当前显示的标签面板的标识；留空显示第一个。',
        'Name of the pane shown; the first pane when empty.',
      ),
      default: '',
      editor: { group: 'basic' },
    },
    variant: {
      type: 'enum',
      title: t('样式', 'Variant'),
      description: t('标签栏的外观。', 'Look of the tab bar.'),
      default: 'line',
      options: [option('line', '下划线', 'Underline'), option('card', '卡片', 'Card')],
      editor: { group: 'layout' },
    },
    scrollable: {
      type: 'boolean',
      title: t('标签可滚动', 'Scrollable tabs'),
      description: t('标签较多时可横向滑动。', 'Lets the tabs scroll sideways when there are many.'),
      default: false,
      editor: { group: 'layout' },
    },
  },
  events: {
    change: changeEvent(
      { type: 'string' },
      '切换标签时触发，event.detail.value 为新标签的标识。',
      'Fires when the user switches tabs; event.detail.value is the name of the new pane.',
    ),
  },
  children: { only: ['TabPane'] },
  defaults: {},
  snippet: {
    component: 'Tabs',
    props: { active: 'tab1' },
    children: [tabPaneSnippet('tab1', '标签一', 'Tab 1'), tabPaneSnippet('tab2', '标签二', 'Tab 2')],
  },
};
