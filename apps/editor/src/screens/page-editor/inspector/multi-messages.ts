import { defineMessages } from '../../../app/i18n';

/** Strings of the inspector for a multi-selection (fields shared by several nodes). */
export const multiMessages = defineMessages('inspectorMulti', {
  en: {
    heading: '{count} components selected',
    components: 'Selected: {list}',
    mixed: 'Mixed',
    mixedHint: 'The selected components have different values; a new value applies to all of them.',
    noShared: 'The selected components have no properties in common. Edit their style on the Style tab.',
  },
  'zh-CN': {
    heading: '已选择 {count} 个组件',
    components: '已选择：{list}',
    mixed: '多个值',
    mixedHint: '所选组件的值不同；输入新值将应用到所有所选组件。',
    noShared: '所选组件没有共同的属性。可在“样式”标签页统一编辑样式。',
  },
});
