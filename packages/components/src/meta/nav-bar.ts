import type { ComponentMeta } from '../types';
import { allTargets, colorProp, event, i18n, t } from './shared';

export const navBar: ComponentMeta = {
  name: 'NavBar',
  title: t('导航栏', 'Navigation bar'),
  description: t(
    '页面顶部的标题栏，带返回按钮；放在页面最上方。',
    'Title bar at the top of a page with a back button; placed first on the page.',
  ),
  category: 'navigation',
  icon: 'panel-top',
  targets: allTargets,
  parents: ['Page'],
  props: {
    title: {
      type: 'text',
      title: t('标题', 'Title'),
      description: t(
        '导航栏中间的标题；留空使用页面标题。',
        'Title in the middle of the bar; the page title when empty.',
      ),
      default: '',
      editor: { group: 'content' },
    },
    showBack: {
      type: 'boolean',
      title: t('显示返回按钮', 'Back button'),
      description: t('在左侧显示返回上一页的按钮。', 'Shows a button that returns to the previous page.'),
      default: true,
      editor: { group: 'behavior' },
    },
    backgroundColor: colorProp(
      '背景色',
      'Background colour',
      '导航栏背景颜色。',
      'Background colour of the bar.',
      '#ffffff',
    ),
    color: colorProp(
      '文字颜色',
      'Text colour',
      '标题和按钮的颜色。',
      'Colour of the title and buttons.',
      '#000000',
    ),
    fixed: {
      type: 'boolean',
      title: t('固定在顶部', 'Fixed'),
      description: t('页面滚动时导航栏保持在顶部。', 'Keeps the bar at the top while the page scrolls.'),
      default: true,
      editor: { group: 'layout' },
    },
  },
  events: {
    back: event(
      t('点击返回', 'Back'),
      t(
        '点击返回按钮时触发；未绑定操作时默认返回上一页。',
        'Fires when the back button is tapped; goes back a page when no action is bound.',
      ),
    ),
  },
  children: 'none',
  slots: {
    right: {
      title: t('右侧操作', 'Right actions'),
      description: t(
        '导航栏右侧区域，可放图标或按钮。',
        'Area on the right of the bar for icons or buttons.',
      ),
      children: { only: ['Icon', 'Button', 'Link'] },
    },
  },
  defaults: {},
  snippet: { component: 'NavBar', props: { title: i18n('页面标题', 'Page title'), showBack: true } },
};
