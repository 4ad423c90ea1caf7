import type { ComponentMeta } from '../types';
import { allTargets, ariaLabelProp, disabledProp, i18n, option, t, tapEvent } from './shared';

export const button: ComponentMeta = {
  name: 'Button',
  title: t('按钮', 'Button'),
  description: t(
    '点击后执行操作，如提交表单、调用云函数或跳转页面。',
    'Runs actions when tapped, such as submitting a form, calling a function or opening a page.',
  ),
  category: 'basic',
  icon: 'mouse-pointer-click',
  targets: allTargets,
  props: {
    text: {
      type: 'text',
      title: t('按钮文字', 'Label'),
      description: t('按钮上显示的文字。', 'Text shown on the button.'),
      default: '',
      editor: { group: 'content' },
    },
    variant: {
      type: 'enum',
      title: t('类型', 'Variant'),
      description: t(
        '按钮的视觉样式；一个区域内建议只有一个主要按钮。',
        'Look of the button; keep one primary button per area.',
      ),
      default: 'default',
      options: [
        option('primary', '主要按钮', 'Primary'),
        option('default', '次要按钮', 'Default'),
        option('danger', '危险操作', 'Danger'),
        option('text', '文字按钮', 'Text'),
      ],
      editor: { group: 'basic' },
    },
    size: {
      type: 'enum',
      title: t('尺寸', 'Size'),
      description: t('按钮大小。', 'Size of the button.'),
      default: 'medium',
      options: [
        option('small', '小', 'Small'),
        option('medium', '中', 'Medium'),
        option('large', '大', 'Large'),
      ],
      editor: { group: 'layout' },
    },
    block: {
      type: 'boolean',
      title: t('通栏', 'Full width'),
      description: t('按钮宽度占满一行。', 'Makes the button as wide as its container.'),
      default: false,
      editor: { group: 'layout' },
    },
    icon: {
      type: 'icon',
      title: t('图标', 'Icon'),
      description: t('显示在文字前的图标；留空不显示。', 'Icon shown before the label; none when empty.'),
      default: '',
      schema: { type: 'string' },
      editor: { group: 'content' },
    },
    formType: {
      type: 'enum',
      title: t('表单操作', 'Form action'),
      description: t(
        '放在表单内时：“提交”会校验并提交所在表单，“重置”会清空表单。',
        'Inside a Form: “Submit” validates and submits it, “Reset” clears it.',
      ),
      default: 'button',
      bindable: false,
      options: [
        option('button', '无', 'None'),
        option('submit', '提交表单', 'Submit'),
        option('reset', '重置表单', 'Reset'),
      ],
      editor: { group: 'behavior' },
    },
    loading: {
      type: 'boolean',
      title: t('加载中', 'Loading'),
      description: t(
        '显示加载动画并暂时不可点击，常绑定查询或提交的加载状态。',
        'Shows a spinner and ignores taps; often bound to a query or submit loading state.',
      ),
      default: false,
      editor: { group: 'behavior' },
    },
    disabled: disabledProp,
    ariaLabel: ariaLabelProp,
  },
  events: { tap: tapEvent },
  children: 'none',
  defaults: { props: { variant: 'primary' } },
  snippet: { component: 'Button', props: { text: i18n('按钮', 'Button'), variant: 'primary' } },
};
