import type { ComponentMeta } from '../types';
import { allTargets, changeEvent, fieldProps, i18n, t } from './shared';

export const switchMeta: ComponentMeta = {
  name: 'Switch',
  title: t('开关', 'Switch'),
  description: t('在开和关两种状态间切换，如“是否公开”。', 'Toggles between on and off, e.g. “make public”.'),
  category: 'form',
  icon: 'toggle-right',
  targets: allTargets,
  props: {
    ...fieldProps('开关', 'Switch'),
    checked: {
      type: 'boolean',
      title: t('开启', 'On'),
      description: t(
        '是否处于开启状态；在表单中由表单数据提供。',
        'Whether the switch is on; inside a Form it comes from the form values.',
      ),
      default: false,
      editor: { group: 'data' },
    },
  },
  events: {
    change: changeEvent(
      { type: 'boolean' },
      '开关状态改变时触发。',
      'Fires when the switch is turned on or off.',
    ),
  },
  children: 'none',
  form: { valueProp: 'checked', changeEvent: 'change', nameProp: 'name', value: { type: 'boolean' } },
  defaults: {},
  snippet: { component: 'Switch', props: { name: 'agree', label: i18n('同意', 'Agree') } },
};
