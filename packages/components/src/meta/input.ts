import type { ComponentMeta } from '../types';
import {
  allTargets,
  blurEvent,
  changeEvent,
  errorMessageProp,
  event,
  fieldProps,
  focusEvent,
  i18n,
  option,
  placeholderProp,
  t,
} from './shared';

export const input: ComponentMeta = {
  name: 'Input',
  title: t('单行输入', 'Input'),
  description: t(
    '输入一行文字，如姓名、手机号、证件号码。',
    'A one-line text field, e.g. name, phone or ID number.',
  ),
  category: 'form',
  icon: 'text-cursor-input',
  targets: allTargets,
  props: {
    ...fieldProps('输入框', 'Input'),
    value: {
      type: 'string',
      title: t('值', 'Value'),
      description: t(
        '输入框中的内容；在表单中由表单数据提供。',
        'Content of the field; inside a Form it comes from the form values.',
      ),
      default: '',
      editor: { group: 'data' },
    },
    placeholder: placeholderProp('请输入', 'Enter text'),
    inputType: {
      type: 'enum',
      title: t('输入类型', 'Input type'),
      description: t(
        '决定手机弹出的键盘和基本格式校验。',
        'Chooses the on-screen keyboard and the basic format check.',
      ),
      default: 'text',
      options: [
        option('text', '文本', 'Text'),
        option('number', '数字', 'Number'),
        option('digit', '带小数点的数字', 'Decimal'),
        option('tel', '手机号', 'Phone'),
        option('idcard', '身份证号', 'ID card'),
        option('email', '电子邮箱', 'Email'),
        option('password', '密码', 'Password'),
      ],
      bindable: false,
      editor: { group: 'basic' },
    },
    maxLength: {
      type: 'number',
      title: t('最大长度', 'Max length'),
      description: t('最多可输入的字符数；0 表示不限。', 'Most characters allowed; 0 for no limit.'),
      default: 0,
      schema: { type: 'integer', minimum: 0 },
      editor: { group: 'validation', min: 0 },
    },
    pattern: {
      type: 'string',
      title: t('格式（正则）', 'Pattern'),
      description: t(
        '输入内容必须匹配的正则表达式，如 ^\\d{6}$ 表示 6 位数字；留空不校验。',
        'Regular expression the value must match, e.g. ^\\d{6}$ for six digits; no check when empty.',
      ),
      default: '',
      bindable: false,
      editor: { group: 'validation', advanced: true },
    },
    errorMessage: errorMessageProp,
    clearable: {
      type: 'boolean',
      title: t('可清空', 'Clearable'),
      description: t('有内容时显示清除按钮。', 'Shows a clear button when the field has content.'),
      default: true,
      editor: { group: 'behavior' },
    },
    readonly: {
      type: 'boolean',
      title: t('只读', 'Read only'),
      description: t(
        '只显示内容，不可修改，但仍随表单提交。',
        'Shows the value without allowing edits; it is still submitted.',
      ),
      default: false,
      editor: { group: 'behavior' },
    },
  },
  events: {
    input: event(
      t('输入', 'Input'),
      t(
        '每次键入时触发，event.detail.value 为当前内容。',
        'Fires on every keystroke; event.detail.value is the current text.',
      ),
      { type: 'object', properties: { value: { type: 'string' } }, required: ['value'] },
    ),
    change: changeEvent(
      { type: 'string' },
      '内容改变并确认（失焦或回车）后触发。',
      'Fires when the content has changed and is committed (blur or Enter).',
    ),
    focus: focusEvent,
    blur: blurEvent,
    confirm: event(
      t('按下完成键', 'Confirm'),
      t('用户按下键盘上的完成或回车键时触发。', 'Fires when the user presses Done or Enter on the keyboard.'),
      { type: 'object', properties: { value: { type: 'string' } }, required: ['value'] },
    ),
  },
  children: 'none',
  form: { valueProp: 'value', changeEvent: 'change', nameProp: 'name', value: { type: 'string' } },
  defaults: {},
  snippet: { component: 'Input', props: { name: 'field', label: i18n('输入框', 'Input') } },
};
