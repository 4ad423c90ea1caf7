import type { ComponentMeta } from '../types';
import { allTargets, event, i18n, t } from './shared';

export const richText: ComponentMeta = {
  name: 'RichText',
  title: t('富文本', 'Rich text'),
  description: t(
    '显示带格式的图文内容（如政策公告正文），内容经过安全过滤后渲染。',
    'Shows formatted content such as the body of a notice; the HTML is sanitised before it is shown.',
  ),
  category: 'basic',
  icon: 'file-text',
  targets: allTargets,
  props: {
    content: {
      type: 'richtext',
      title: t('内容', 'Content'),
      description: t(
        '富文本 HTML；脚本、事件属性和不安全链接会被移除。常绑定内容管理中的富文本字段。',
        'HTML content; scripts, event attributes and unsafe links are removed. Often bound to a CMS rich-text field.',
      ),
      default: '',
      editor: { group: 'content', widget: 'richtext' },
    },
  },
  events: {
    linkTap: event(
      t('点击链接', 'Link tap'),
      t('用户点击内容中的链接时触发。', 'Fires when the user taps a link in the content.'),
      { type: 'object', properties: { href: { type: 'string' } }, required: ['href'] },
    ),
  },
  children: 'none',
  defaults: {},
  snippet: {
    component: 'RichText',
    props: {
      content: i18n(
        '<p>在此编辑<strong>正文</strong>内容。</p>',
        '<p>Edit the <strong>body</strong> here.</p>',
      ),
    },
  },
};
