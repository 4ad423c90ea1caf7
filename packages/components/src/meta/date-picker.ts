import type { ComponentMeta } from '../types';
import { allTargets, changeEvent, fieldProps, i18n, option, placeholderProp, t } from './shared';

export const datePicker: ComponentMeta = {
  name: 'DatePicker',
  title: t('日期选择', 'Date picker'),
  description: t(
    '从滚动选择器中选择日期或时间，如预约日期。',
    'Picks a date or a time from a picker, e.g. an appointment date.',
  ),
  category: 'form',
  icon: 'calendar',
  targets: allTargets,
  props: {
    ...fieldProps('日期', 'Date'),
    value: {
      type: 'date',
      title: t('值', 'Value'),
      description: t(
        '选中的日期，格式如 2024-05-01（时间为 09:30）；在表单中由表单数据提供。',
        'Chosen date such as 2024-05-01 (a time such as 09:30); inside a Form it comes from the form values.',
      ),
      default: '',
      editor: { group: 'data' },
    },
    mode: {
      type: 'enum',
      title: t('选择类型', 'Mode'),
      description: t(
        '选择年月日、年月、年份还是时间。',
        'Whether a full date, a month, a year or a time is picked.',
      ),
      default: 'date',
      options: [
        option('date', '日期', 'Date'),
        option('month', '年月', 'Month'),
        option('year', '年份', 'Year'),
        option('time', '时间', 'Time'),
      ],
      bindable: false,
      editor: { group: 'basic' },
    },
    min: {
      type: 'date',
      title: t('最早可选', 'Earliest'),
      description: t(
        '可选择的最早日期；留空不限。',
        'Earliest date that can be picked; no limit when empty.',
      ),
      default: '',
      editor: { group: 'validation' },
    },
    max: {
      type: 'date',
      title: t('最晚可选', 'Latest'),
      description: t('可选择的最晚日期；留空不限。', 'Latest date that can be picked; no limit when empty.'),
      default: '',
      editor: { group: 'validation' },
    },
    placeholder: placeholderProp('请选择日期', 'Pick a date'),
  },
  events: {
    change: changeEvent(
      { type: 'string' },
      '选定日期后触发，event.detail.value 为所选日期。',
      'Fires when a date is picked; event.detail.value is the date.',
    ),
  },
  children: 'none',
  form: { valueProp: 'value', changeEvent: 'change', nameProp: 'name', value: { type: 'string' } },
  defaults: {},
  snippet: { component: 'DatePicker', props: { name: 'date', label: i18n('日期', 'Date'), mode: 'date' } },
};
