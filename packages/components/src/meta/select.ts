import type { ComponentMeta } from '../types';
import {
  allTargets,
  changeEvent,
  choiceOptionsProp,
  fieldProps,
  i18n,
  placeholderProp,
  sampleChoices,
  t,
} from './shared';

export const select: ComponentMeta = {
  name: 'Select',
  title: t('下拉选择', 'Select'),
  description: t(
    '从下拉列表中选择一项或多项，适合选项较多时使用。',
    'Picks one or more items from a drop-down list; good for long lists.',
  ),
  category: 'form',
  icon: 'chevron-down-square',
  targets: allTargets,
  props: {
    ...fieldProps('请选择', 'Select'),
    options: choiceOptionsProp,
    value: {
      type: 'json',
      title: t('值', 'Value'),
      description: t(
        '选中项的值；多选时为值的数组。在表单中由表单数据提供。',
        'Value of the chosen item, or an array of values when multiple; inside a Form it comes from the form values.',
      ),
      default: '',
      schema: { type: ['string', 'number', 'boolean', 'array'] },
      editor: { group: 'data' },
    },
    placeholder: placeholderProp('请选择', 'Select…'),
    multiple: {
      type: 'boolean',
      title: t('多选', 'Multiple'),
      description: t('允许选择多项，值为数组。', 'Allows several items; the value is then an array.'),
      default: false,
      bindable: false,
      editor: { group: 'behavior' },
    },
    searchable: {
      type: 'boolean',
      title: t('可搜索', 'Searchable'),
      description: t('在下拉列表中输入文字筛选选项。', 'Lets users type to filter the options.'),
      default: false,
      targets: ['web', 'app'],
      editor: { group: 'behavior' },
    },
  },
  events: {
    change: changeEvent(
      { type: ['string', 'number', 'boolean', 'array'] },
      '选择改变时触发，event.detail.value 为新的值。',
      'Fires when the selection changes; event.detail.value is the new value.',
    ),
  },
  children: 'none',
  form: {
    valueProp: 'value',
    changeEvent: 'change',
    nameProp: 'name',
    value: { type: ['string', 'number', 'boolean', 'array'] },
  },
  defaults: {},
  snippet: {
    component: 'Select',
    props: { name: 'choice', label: i18n('请选择', 'Choose'), options: sampleChoices },
  },
};
