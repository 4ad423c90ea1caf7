import type { ComponentMeta } from '../types';
import { allTargets, i18n, t } from './shared';

export const tabPaneSnippet = (name: string, zh: string, en: string) => ({
  component: 'TabPane',
  props: { name, title: i18n(zh, en) },
  children: [{ component: 'Text', props: { text: i18n(`${zh}的内容`, `Content of ${en}`) } }],
});

export const tabPane: ComponentMeta = {
  name: 'TabPane',
  title: t('标签面板', 'Tab pane'),
  description: t('“标签页”中的一块内容及其标签。', 'One block of content of Tabs, with its tab.'),
  category: 'navigation',
  icon: 'panel-top',
  targets: allTargets,
  parents: ['Tabs'],
  props: {
    name: {
      type: 'string',
      title: t('标识', 'Name'),
      description: t(
        '在所属标签页中唯一的标识，用于设置和读取当前标签。',
        'Identifier unique within its Tabs, used to select the pane.',
      ),
      required: true,
      bindable: false,
      schema: { type: 'string', minLength: 1 },
      editor: { group: 'basic' },
    },
    title: {
      type: 'text',
      title: t('标签文字', 'Tab label'),
      description: t('标签上显示的文字。', 'Text shown on the tab.'),
      required: true,
      editor: { group: 'content' },
    },
    badge: {
      type: 'string',
      title: t('徽标', 'Badge'),
      description: t(
        '标签右上角的小标记，如未读数量；留空不显示。',
        'Small mark on the tab such as an unread count; none when empty.',
      ),
      default: '',
      editor: { group: 'content' },
    },
    disabled: {
      type: 'boolean',
      title: t('禁用', 'Disabled'),
      description: t('禁用后该标签不可切换。', 'When on, the tab cannot be selected.'),
      default: false,
      editor: { group: 'behavior' },
    },
  },
  events: {},
  children: 'any',
  defaults: {},
  snippet: tabPaneSnippet('tab', '新标签', 'New tab'),
};
