import type { ComponentMeta } from '../types';
import { allTargets, ariaLabelProp, i18n, t, tapEvent } from './shared';

export const link: ComponentMeta = {
  name: 'Link',
  title: t('链接', 'Link'),
  description: t(
    '可点击的文字，跳转到应用内页面或外部网址。',
    'Tappable text that opens a page of the app or an external address.',
  ),
  category: 'basic',
  icon: 'link',
  targets: allTargets,
  props: {
    text: {
      type: 'text',
      title: t('链接文字', 'Text'),
      description: t(
        '显示的文字，应说明链接去向，避免“点击这里”。',
        'Text shown; say where it leads rather than “click here”.',
      ),
      required: true,
      editor: { group: 'content' },
    },
    page: {
      type: 'page',
      title: t('目标页面', 'Page'),
      description: t(
        '跳转到的应用内页面；设置后忽略外部网址。',
        'Page of the app to open; takes precedence over the URL.',
      ),
      editor: { group: 'basic' },
    },
    params: {
      type: 'object',
      title: t('页面参数', 'Page parameters'),
      description: t(
        '传给目标页面的参数，页面内以 params 读取。',
        'Parameters passed to the page, read there as params.',
      ),
      default: {},
      schema: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
      editor: { group: 'basic', widget: 'keyValue' },
    },
    url: {
      type: 'url',
      title: t('外部网址', 'URL'),
      description: t(
        '外部链接（http、https、mailto、tel）；小程序中打开网页需在后台配置业务域名。',
        'External address (http, https, mailto, tel); in a mini-program the web domain must be registered.',
      ),
      default: '',
      editor: { group: 'basic' },
    },
    newWindow: {
      type: 'boolean',
      title: t('新窗口打开', 'Open in new window'),
      description: t('在浏览器新标签页中打开外部网址。', 'Opens the external address in a new browser tab.'),
      default: false,
      targets: ['web'],
      editor: { group: 'behavior' },
    },
    ariaLabel: ariaLabelProp,
  },
  events: { tap: tapEvent },
  children: 'none',
  defaults: {},
  snippet: {
    component: 'Link',
    props: { text: i18n('查看详情', 'View details'), url: 'https://tessera.dev' },
  },
};
