import type { EventMeta, JsonSchema, LocalizedText, PropMeta, PropOption, Target } from '../types';

/** Localized text with the two locales every title and description must have. */
export const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

/** A translated text prop value, as stored in a node. */
export const i18n = (zh: string, en: string) => ({ $i18n: t(zh, en) });

export const allTargets: [Target, ...Target[]] = ['web', 'mp', 'app'];

export const option = (value: string | number | boolean, zh: string, en: string): PropOption => ({
  value,
  label: t(zh, en),
});

export const event = (title: LocalizedText, description: LocalizedText, detail?: JsonSchema): EventMeta =>
  detail === undefined ? { title, description } : { title, description, detail };

const objectOf = (
  properties: Record<string, JsonSchema>,
  required = Object.keys(properties),
): JsonSchema => ({
  type: 'object',
  properties,
  required,
});

export const tapEvent = event(
  t('点击', 'Tap'),
  t('用户点击（轻触）该组件时触发。', 'Fires when the user taps or clicks the component.'),
);

export const changeEvent = (value: JsonSchema, zh: string, en: string): EventMeta =>
  event(t('值改变', 'Change'), t(zh, en), objectOf({ value }));

export const focusEvent = event(
  t('获得焦点', 'Focus'),
  t('输入框获得焦点时触发。', 'Fires when the field receives focus.'),
  objectOf({ value: {} }),
);

export const blurEvent = event(
  t('失去焦点', 'Blur'),
  t('输入框失去焦点时触发，常用于即时校验。', 'Fires when the field loses focus; often used to validate it.'),
  objectOf({ value: {} }),
);

export const loadEvent = event(
  t('加载完成', 'Load'),
  t('资源加载成功时触发。', 'Fires when the resource has loaded.'),
);

export const errorEvent = event(
  t('加载失败', 'Error'),
  t('资源加载失败时触发。', 'Fires when the resource fails to load.'),
  objectOf({ message: { type: 'string' } }),
);

export const ariaLabelProp: PropMeta = {
  type: 'text',
  title: t('无障碍名称', 'Accessible name'),
  description: t(
    '供读屏软件朗读的名称；可见文字不足以说明用途时（如仅有图标）填写。',
    'Name read by screen readers; set it when the visible text does not say what the component does (e.g. icon only).',
  ),
  editor: { group: 'accessibility' },
};

export const disabledProp: PropMeta = {
  type: 'boolean',
  title: t('禁用', 'Disabled'),
  description: t(
    '禁用后不可操作，外观置灰。',
    'When on, the component cannot be used and is shown greyed out.',
  ),
  default: false,
  editor: { group: 'behavior' },
};

export const alignProp: PropMeta = {
  type: 'enum',
  title: t('对齐方式', 'Alignment'),
  description: t('文字的水平对齐方式。', 'Horizontal alignment of the text.'),
  default: 'left',
  options: [
    option('left', '左对齐', 'Left'),
    option('center', '居中', 'Center'),
    option('right', '右对齐', 'Right'),
  ],
  editor: { group: 'layout' },
};

export const colorProp = (
  zh: string,
  en: string,
  descZh: string,
  descEn: string,
  value?: string,
): PropMeta => ({
  type: 'color',
  title: t(zh, en),
  description: t(descZh, descEn),
  ...(value === undefined ? {} : { default: value }),
  editor: { group: 'layout' },
});

/** Options of choice fields (Select, RadioGroup, CheckboxGroup): label shown, value stored. */
export const choiceOptionsProp: PropMeta = {
  type: 'array',
  title: t('选项', 'Options'),
  description: t(
    '可选项列表：显示文字与提交的值；可绑定查询结果。',
    'The choices: the text shown and the value submitted; may be bound to query results.',
  ),
  required: true,
  schema: {
    type: 'array',
    items: {
      type: 'object',
      required: ['label', 'value'],
      properties: {
        label: {
          anyOf: [
            { type: 'string' },
            { type: 'object', required: ['$i18n'], properties: { $i18n: { type: 'object' } } },
          ],
        },
        value: { type: ['string', 'number', 'boolean'] },
        disabled: { type: 'boolean' },
      },
    },
  },
  editor: { widget: 'list', group: 'data' },
};

export const sampleChoices = [
  { label: i18n('选项一', 'Option 1'), value: '1' },
  { label: i18n('选项二', 'Option 2'), value: '2' },
];

/** Props every form field has: its key in the form values, its label and the usual checks. */
export const fieldProps = (labelZh: string, labelEn: string): Record<string, PropMeta> => ({
  name: {
    type: 'string',
    title: t('字段名', 'Field name'),
    description: t(
      '该字段在表单数据中的键名，提交后可用 form.<字段名> 读取；同一表单内不可重复。',
      'Key of the field in the form values, readable as form.<name>; unique within a form.',
    ),
    required: true,
    bindable: false,
    schema: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
    editor: { group: 'basic' },
  },
  label: {
    type: 'text',
    title: t('标签', 'Label'),
    description: t(
      '显示在字段旁的说明文字，也是读屏软件朗读的字段名称。',
      'Text shown next to the field; also the name screen readers announce.',
    ),
    default: { $i18n: t(labelZh, labelEn) },
    editor: { group: 'basic' },
  },
  required: {
    type: 'boolean',
    title: t('必填', 'Required'),
    description: t(
      '开启后，提交表单时该字段不能为空。',
      'When on, the form cannot be submitted with this field empty.',
    ),
    default: false,
    editor: { group: 'validation' },
  },
  disabled: disabledProp,
});

export const errorMessageProp: PropMeta = {
  type: 'text',
  title: t('校验提示', 'Error message'),
  description: t(
    '校验不通过时显示的提示；留空则使用默认提示。',
    'Message shown when the value fails validation; a default message is used when empty.',
  ),
  editor: { group: 'validation' },
};

export const placeholderProp = (zh: string, en: string): PropMeta => ({
  type: 'text',
  title: t('占位提示', 'Placeholder'),
  description: t('未填写时显示的灰色提示文字。', 'Hint shown in grey while the field is empty.'),
  default: { $i18n: t(zh, en) },
  editor: { group: 'basic' },
});
