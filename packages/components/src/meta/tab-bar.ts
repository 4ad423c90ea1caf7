import type { ComponentMeta } from '../types';
import { allTargets, colorProp, event, i18n, t } from './shared';

const textValue = {
  anyOf: [
    { type: 'string' },
    { type: 'object', required: ['$i18n'], properties: { $i18n: { type: 'object' } } },
  ],
};

export const tabBar: ComponentMeta = {
  name: 'TabBar',
  title: t('标签栏', 'Tab bar'),
  description: t(
    '页面底部的图标导航栏，在几个页面间切换。全应用统一的底部导航请在“应用导航”中设置。',
    'Icon bar at the bottom of a page that switches between pages. For one bar across the whole app use the app navigation settings.',
  ),
  category: 'navigation',
  icon: 'panel-bottom',
  targets: allTargets,
  parents: ['Page'],
  props: {
    items: {
      type: 'array',
      title: t('标签项', 'Items'),
      description: t(
        '2 到 5 个标签：文字、图标和对应页面。',
        'Two to five tabs: text, icon and the page each opens.',
      ),
      required: true,
      bindable: false,
      schema: {
        type: 'array',
        minItems: 2,
        maxItems: 5,
        items: {
          type: 'object',
          required: ['text', 'icon', 'page'],
          properties: {
            text: textValue,
            icon: { type: 'string' },
            activeIcon: { type: 'string' },
            page: { type: 'string', minLength: 1 },
            badge: { type: 'string' },
          },
        },
      },
      editor: { group: 'basic', widget: 'list' },
    },
    active: {
      type: 'number',
      title: t('当前项', 'Active item'),
      description: t('当前高亮的标签序号（从 0 开始）。', 'Position of the highlighted tab (from 0).'),
      default: 0,
      schema: { type: 'integer', minimum: 0 },
      editor: { group: 'basic' },
    },
    color: colorProp(
      '文字颜色',
      'Text colour',
      '未选中标签的颜色。',
      'Colour of tabs that are not selected.',
      '#666666',
    ),
    activeColor: colorProp(
      '选中颜色',
      'Active colour',
      '选中标签的颜色。',
      'Colour of the selected tab.',
      '#1677ff',
    ),
    backgroundColor: colorProp(
      '背景色',
      'Background colour',
      '标签栏背景颜色。',
      'Background colour of the bar.',
      '#ffffff',
    ),
  },
  events: {
    change: event(
      t('切换', 'Change'),
      t(
        '点击标签时触发；未绑定操作时默认打开对应页面。',
        'Fires when a tab is tapped; opens its page when no action is bound.',
      ),
      {
        type: 'object',
        properties: { index: { type: 'integer' }, page: { type: 'string' } },
        required: ['index', 'page'],
      },
    ),
  },
  children: 'none',
  defaults: {},
  snippet: {
    component: 'TabBar',
    props: {
      items: [
        { text: i18n('首页', 'Home'), icon: 'house', page: 'home' },
        { text: i18n('我的', 'Me'), icon: 'user', page: 'me' },
      ],
      active: 0,
    },
  },
};
