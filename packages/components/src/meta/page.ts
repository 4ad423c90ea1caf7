import type { ComponentMeta } from '../types';
import { allTargets, colorProp, event, t } from './shared';

export const page: ComponentMeta = {
  name: 'Page',
  title: t('页面', 'Page'),
  description: t(
    '页面的根节点，承载页面上的全部内容；每个页面有且只有一个。',
    'Root node of a page holding all of its content; every page has exactly one.',
  ),
  category: 'layout',
  icon: 'file',
  targets: allTargets,
  pageRoot: true,
  props: {
    backgroundColor: colorProp(
      '背景色',
      'Background colour',
      '整个页面的背景颜色。',
      'Background colour of the whole page.',
      '#f5f5f5',
    ),
    enablePullDownRefresh: {
      type: 'boolean',
      title: t('下拉刷新', 'Pull to refresh'),
      description: t(
        '开启后用户可下拉页面触发“下拉刷新”事件，常用于重新查询数据。',
        'When on, pulling the page down fires the “pull down refresh” event, usually to run queries again.',
      ),
      default: false,
      bindable: false,
      editor: { group: 'behavior' },
    },
    safeArea: {
      type: 'boolean',
      title: t('适配安全区', 'Respect safe area'),
      description: t(
        '在全面屏手机上为顶部刘海和底部横条留出空间。',
        'Keeps content clear of the notch and home indicator on full-screen phones.',
      ),
      default: true,
      bindable: false,
      editor: { group: 'layout' },
    },
  },
  events: {
    pullDownRefresh: event(
      t('下拉刷新', 'Pull down refresh'),
      t(
        '用户下拉页面时触发（需开启下拉刷新）。',
        'Fires when the user pulls the page down (pull to refresh must be on).',
      ),
    ),
    reachBottom: event(
      t('滚动到底部', 'Reach bottom'),
      t(
        '页面滚动到底部时触发，常用于加载更多。',
        'Fires when the page is scrolled to the bottom; often used to load more.',
      ),
    ),
  },
  children: 'any',
  defaults: { props: {}, style: {} },
  snippet: { component: 'Page', props: {}, children: [] },
};
