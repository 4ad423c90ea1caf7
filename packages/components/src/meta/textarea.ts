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
  placeholderProp,
  t,
} from './shared';

export const textarea: ComponentMeta = {
  name: 'Textarea',
  title: t('多行输入', 'Textarea'),
  description: t(
    '输入多行文字，如意见建议、情况说明。',
    'A multi-line text field, e.g. comments or a description.',
  ),
  category: 'form',
  icon: 'align-left',
  targets: allTargets,
  props: {
    ...fieldProps('多行输入', 'Text'),
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
    rows: {
      type: 'number',
      title: t('显示行数', 'Rows'),
      description: t('输入框的可见行数。', 'Visible lines of the field.'),
      default: 4,
      schema: { type: 'integer', minimum: 1, maximum: 30 },
      editor: { group: 'layout', min: 1, max: 30 },
    },
    autoHeight: {
      type: 'boolean',
      title: t('自动增高', 'Auto height'),
      description: t('随内容增多自动增加高度。', 'Grows taller as the content grows.'),
      default: false,
      editor: { group: 'layout' },
    },
    maxLength: {
      type: 'number',
      title: t('最大长度', 'Max length'),
      description: t('最多可输入的字符数；0 表示不限。', 'Most characters allowed; 0 for no limit.'),
      default: 500,
      schema: { type: 'integer', minimum: 0 },
      editor: { group: 'validation', min: 0 },
    },
    showCount: {
      type: 'boolean',
      title: t('显示字数', 'Show count'),
      description: t('在右下角显示已输入字数。', 'Shows how many characters have been typed.'),
      default: true,
      editor: { group: 'layout' },
    },
    errorMessage: errorMessageProp,
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
      '内容改变并失去焦点后触发。',
      'Fires when the content has changed and the field loses focus.',
    ),
    focus: focusEvent,
    blur: blurEvent,
  },
  children: 'none',
  form: { valueProp: 'value', changeEvent: 'change', nameProp: 'name', value: { type: 'string' } },
  defaults: {},
  snippet: { component: 'Textarea', props: { name: 'content', label: i18n('内容', 'Content') } },
};
