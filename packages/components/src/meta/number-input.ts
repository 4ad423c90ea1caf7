import type { ComponentMeta } from '../types';
import { allTargets, blurEvent, changeEvent, fieldProps, focusEvent, i18n, t } from './shared';

export const numberInput: ComponentMeta = {
  name: 'NumberInput',
  title: t('数字输入', 'Number input'),
  description: t(
    '输入数字，可用加减按钮调整，如数量、年龄。',
    'Enters a number, with plus and minus buttons, e.g. a quantity or an age.',
  ),
  category: 'form',
  icon: 'hash',
  targets: allTargets,
  props: {
    ...fieldProps('数量', 'Quantity'),
    value: {
      type: 'number',
      title: t('值', 'Value'),
      description: t(
        '当前数值；在表单中由表单数据提供。',
        'Current number; inside a Form it comes from the form values.',
      ),
      default: 0,
      editor: { group: 'data' },
    },
    min: {
      type: 'number',
      title: t('最小值', 'Minimum'),
      description: t('允许的最小值。', 'Smallest value allowed.'),
      default: 0,
      editor: { group: 'validation' },
    },
    max: {
      type: 'number',
      title: t('最大值', 'Maximum'),
      description: t('允许的最大值。', 'Largest value allowed.'),
      default: 999999,
      editor: { group: 'validation' },
    },
    step: {
      type: 'number',
      title: t('步长', 'Step'),
      description: t(
        '每次点击加减按钮改变的数值。',
        'Amount added or removed by the plus and minus buttons.',
      ),
      default: 1,
      schema: { type: 'number', exclusiveMinimum: 0 },
      editor: { group: 'behavior' },
    },
    precision: {
      type: 'number',
      title: t('小数位数', 'Decimal places'),
      description: t(
        '保留的小数位数；0 表示只能输入整数。',
        'Digits kept after the decimal point; 0 for whole numbers only.',
      ),
      default: 0,
      schema: { type: 'integer', minimum: 0, maximum: 10 },
      editor: { group: 'validation', min: 0, max: 10 },
    },
  },
  events: {
    change: changeEvent({ type: 'number' }, '数值改变时触发。', 'Fires when the number changes.'),
    focus: focusEvent,
    blur: blurEvent,
  },
  children: 'none',
  form: { valueProp: 'value', changeEvent: 'change', nameProp: 'name', value: { type: 'number' } },
  defaults: {},
  snippet: {
    component: 'NumberInput',
    props: { name: 'quantity', label: i18n('数量', 'Quantity'), min: 0, value: 1 },
  },
};
