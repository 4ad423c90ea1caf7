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

export const checkboxGroup: ComponentMeta = {
  name: 'CheckboxGroup',
  title: t('多选框组', 'Checkbox group'),
  description: t(
    '从几个选项中勾选任意多项，值为所选值的数组。',
    'Ticks any number of options; the value is the array of ticked values.',
  ),
  category: 'form',
  icon: 'square-check',
  targets: allTargets,
  props: {
    ...fieldProps('多选', 'Choices'),
    options: choiceOptionsProp,
    value: {
      type: 'array',
      title: t('值', 'Value'),
      description: t(
        '已勾选项的值组成的数组；在表单中由表单数据提供。',
        'Array of ticked values; inside a Form it comes from the form values.',
      ),
      default: [],
      schema: { type: 'array', items: { type: ['string', 'number', 'boolean'] } },
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
    max: {
      type: 'number',
      title: t('最多可选', 'Maximum choices'),
      description: t('最多可勾选的项数；0 表示不限。', 'Most options that can be ticked; 0 for no limit.'),
      default: 0,
      schema: { type: 'integer', minimum: 0 },
      editor: { group: 'validation', min: 0 },
    },
  },
  events: {
    change: changeEvent(
      { type: 'array' },
      '勾选改变时触发，event.detail.value 为全部已选值。',
      'Fires when a box is ticked or cleared; event.detail.value holds all ticked values.',
    ),
  },
  children: 'none',
  form: { valueProp: 'value', changeEvent: 'change', nameProp: 'name', value: { type: 'array' } },
  defaults: {},
  snippet: {
    component: 'CheckboxGroup',
    props: { name: 'choices', label: i18n('多选', 'Choices'), options: sampleChoices },
  },
};
