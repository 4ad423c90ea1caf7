import type { ComponentMeta } from '../types';
import {
  allTargets,
  changeEvent,
  choiceOptionsProp,
  fieldProps,
  i18n,
  option,
  sampleChoices,
  t,
} from './shared';

export const radioGroup: ComponentMeta = {
  name: 'RadioGroup',
  title: t('单选框组', 'Radio group'),
  description: t(
    '从几个选项中选择一项，选项全部平铺显示。',
    'Picks exactly one of a few options, all shown at once.',
  ),
  category: 'form',
  icon: 'circle-dot',
  targets: allTargets,
  props: {
    ...fieldProps('单选', 'Choice'),
    options: choiceOptionsProp,
    value: {
      type: 'json',
      title: t('值', 'Value'),
      description: t(
        '选中项的值；在表单中由表单数据提供。',
        'Value of the chosen option; inside a Form it comes from the form values.',
      ),
      default: '',
      schema: { type: ['string', 'number', 'boolean'] },
      editor: { group: 'data' },
    },
    direction: {
      type: 'enum',
      title: t('排列方向', 'Direction'),
      description: t('选项横向还是纵向排列。', 'Whether the options are laid out in a row or a column.'),
      default: 'horizontal',
      options: [option('horizontal', '横向', 'Horizontal'), option('vertical', '纵向', 'Vertical')],
      editor: { group: 'layout', widget: 'radio' },
    },
  },
  events: {
    change: changeEvent(
      { type: ['string', 'number', 'boolean'] },
      '选择改变时触发，event.detail.value 为新选项的值。',
      'Fires when another option is chosen; event.detail.value is its value.',
    ),
  },
  children: 'none',
  form: {
    valueProp: 'value',
    changeEvent: 'change',
    nameProp: 'name',
    value: { type: ['string', 'number', 'boolean'] },
  },
  defaults: {},
  snippet: {
    component: 'RadioGroup',
    props: { name: 'choice', label: i18n('单选', 'Choice'), options: sampleChoices },
  },
};
