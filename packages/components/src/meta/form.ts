import type { ComponentMeta } from '../types';
import { allTargets, disabledProp, event, i18n, option, t } from './shared';

const valuesDetail = {
  type: 'object',
  properties: { values: { type: 'object' } },
  required: ['values'],
};

export const form: ComponentMeta = {
  name: 'Form',
  title: t('表单', 'Form'),
  description: t(
    '收集用户填写的信息：内含的表单字段按字段名汇总为表单数据，提交前逐项校验。',
    'Collects what users fill in: the fields inside it are gathered by name into the form values and checked before submitting.',
  ),
  category: 'form',
  icon: 'clipboard-list',
  targets: allTargets,
  props: {
    layout: {
      type: 'enum',
      title: t('标签位置', 'Label layout'),
      description: t(
        '字段标签显示在输入框上方还是左侧。',
        'Whether field labels sit above or beside the inputs.',
      ),
      default: 'vertical',
      options: [option('vertical', '上方', 'Above'), option('horizontal', '左侧', 'Beside')],
      editor: { group: 'layout', widget: 'radio' },
    },
    labelWidth: {
      type: 'number',
      title: t('标签宽度', 'Label width'),
      description: t('标签在左侧时的宽度。', 'Width of labels shown beside the inputs.'),
      default: 96,
      schema: { type: 'number', minimum: 0 },
      editor: {
        group: 'layout',
        unit: 'px',
        min: 0,
        max: 400,
        visibleWhen: { prop: 'layout', equals: 'horizontal' },
      },
    },
    initialValues: {
      type: 'object',
      title: t('初始值', 'Initial values'),
      description: t(
        '各字段的初始值（按字段名），编辑已有记录时常绑定查询结果。',
        'Starting value of each field by name; bind it to a query result to edit an existing record.',
      ),
      default: {},
      schema: { type: 'object' },
      editor: { group: 'data', widget: 'json' },
    },
    disabled: disabledProp,
  },
  events: {
    submit: event(
      t('提交', 'Submit'),
      t(
        '校验全部通过后提交时触发，event.detail.values 为表单数据。',
        'Fires on submit once every field is valid; event.detail.values holds the form values.',
      ),
      valuesDetail,
    ),
    change: event(t('内容变化', 'Change'), t('任一字段的值改变时触发。', 'Fires when any field changes.'), {
      type: 'object',
      properties: { name: { type: 'string' }, value: {}, values: { type: 'object' } },
      required: ['name', 'values'],
    }),
    reset: event(
      t('重置', 'Reset'),
      t('表单被重置为初始值时触发。', 'Fires when the form is reset to its initial values.'),
    ),
    invalid: event(
      t('校验未通过', 'Invalid'),
      t('提交时有字段未通过校验时触发。', 'Fires when submitting finds fields that are not valid.'),
      {
        type: 'object',
        properties: { errors: { type: 'object', additionalProperties: { type: 'string' } } },
        required: ['errors'],
      },
    ),
  },
  children: 'any',
  defaults: { props: { layout: 'vertical' } },
  snippet: {
    component: 'Form',
    props: { layout: 'vertical' },
    children: [
      { component: 'Input', props: { name: 'name', label: i18n('姓名', 'Name'), required: true } },
      {
        component: 'Input',
        props: { name: 'phone', label: i18n('手机号', 'Mobile number'), inputType: 'tel', required: true },
      },
      {
        component: 'Button',
        props: { text: i18n('提交', 'Submit'), variant: 'primary', formType: 'submit', block: true },
      },
    ],
  },
};
