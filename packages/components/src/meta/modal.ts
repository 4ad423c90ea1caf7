import type { ComponentMeta } from '../types';
import { allTargets, event, i18n, t } from './shared';

export const modal: ComponentMeta = {
  name: 'Modal',
  title: t('弹窗', 'Modal'),
  description: t(
    '浮在页面之上的对话框，用于确认操作或展示补充内容；由“显示”属性控制开关。',
    'A dialog above the page for confirmations or extra content; opened and closed by its Visible prop.',
  ),
  category: 'feedback',
  icon: 'app-window',
  targets: allTargets,
  props: {
    visible: {
      type: 'boolean',
      title: t('显示', 'Visible'),
      description: t(
        '是否显示弹窗；通常绑定一个页面变量，如 state.showDialog。',
        'Whether the dialog is shown; usually bound to a page variable such as state.showDialog.',
      ),
      default: false,
      editor: { group: 'basic' },
    },
    title: {
      type: 'text',
      title: t('标题', 'Title'),
      description: t(
        '弹窗标题，也是读屏软件朗读的对话框名称。',
        'Title of the dialog; also its name for screen readers.',
      ),
      required: true,
      editor: { group: 'content' },
    },
    showFooter: {
      type: 'boolean',
      title: t('显示底部按钮', 'Show buttons'),
      description: t('显示“确定”“取消”按钮。', 'Shows the confirm and cancel buttons.'),
      default: true,
      editor: { group: 'layout' },
    },
    confirmText: {
      type: 'text',
      title: t('确定按钮文字', 'Confirm label'),
      description: t('确定按钮上的文字。', 'Text of the confirm button.'),
      default: { $i18n: t('确定', 'OK') },
      editor: { group: 'content', visibleWhen: { prop: 'showFooter', equals: true } },
    },
    cancelText: {
      type: 'text',
      title: t('取消按钮文字', 'Cancel label'),
      description: t('取消按钮上的文字。', 'Text of the cancel button.'),
      default: { $i18n: t('取消', 'Cancel') },
      editor: { group: 'content', visibleWhen: { prop: 'showFooter', equals: true } },
    },
    maskClosable: {
      type: 'boolean',
      title: t('点击遮罩关闭', 'Close on backdrop tap'),
      description: t(
        '点击弹窗外的半透明遮罩时关闭弹窗。',
        'Closes the dialog when the dimmed backdrop is tapped.',
      ),
      default: true,
      editor: { group: 'behavior' },
    },
  },
  events: {
    confirm: event(
      t('点击确定', 'Confirm'),
      t('用户点击确定按钮时触发。', 'Fires when the user taps the confirm button.'),
    ),
    cancel: event(
      t('点击取消', 'Cancel'),
      t('用户点击取消按钮时触发。', 'Fires when the user taps the cancel button.'),
    ),
    close: event(
      t('关闭', 'Close'),
      t(
        '弹窗因任何原因关闭时触发，可在此把显示变量设为 false。',
        'Fires whenever the dialog closes; set its visible variable to false here.',
      ),
    ),
  },
  children: 'any',
  slots: {
    footer: {
      title: t('底部', 'Footer'),
      description: t('自定义底部区域，使用后替换默认按钮。', 'Custom footer replacing the default buttons.'),
      children: 'any',
    },
  },
  defaults: { props: { visible: false } },
  snippet: {
    component: 'Modal',
    props: { visible: false, title: i18n('提示', 'Notice') },
    children: [{ component: 'Text', props: { text: i18n('弹窗内容', 'Dialog content') } }],
  },
};
