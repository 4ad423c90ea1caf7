import type { ComponentCategory, LocalizedText } from './types';

/** Palette groups in display order. */
export const componentCategories: readonly { id: ComponentCategory; title: LocalizedText }[] = [
  { id: 'layout', title: { 'zh-CN': '布局', en: 'Layout' } },
  { id: 'basic', title: { 'zh-CN': '基础', en: 'Basic' } },
  { id: 'media', title: { 'zh-CN': '媒体', en: 'Media' } },
  { id: 'form', title: { 'zh-CN': '表单', en: 'Form' } },
  { id: 'data', title: { 'zh-CN': '数据展示', en: 'Data' } },
  { id: 'navigation', title: { 'zh-CN': '导航', en: 'Navigation' } },
  { id: 'feedback', title: { 'zh-CN': '反馈', en: 'Feedback' } },
];
