// The style panel: the CSS properties builders set most, by section (setStyle, coalesced).
import type { Value } from '@tessera/schema';
import { memo, type ReactNode } from 'react';
import { type Locale, useLocale, useT } from '../../../app/i18n';
import type { EditorNode, EditorStore } from '../../../store';
import { type FieldKind, type FieldOption, ValueField } from './fields';
import type { InspectorKey } from './messages';
import { messages } from './messages';
import { MixedField, type PanelContext } from './props-panel';

interface StyleField {
  name: string;
  kind: FieldKind;
  options?: string[];
  placeholder?: string;
}

const choices = (...values: string[]) => values;

/** Labels of the style fields; the CSS name is shown beside them. */
const STYLE_LABELS: Record<string, Record<Locale, string>> = {
  display: { en: 'Display', 'zh-CN': '显示方式' },
  flexDirection: { en: 'Direction', 'zh-CN': '排列方向' },
  justifyContent: { en: 'Main-axis alignment', 'zh-CN': '主轴对齐' },
  alignItems: { en: 'Cross-axis alignment', 'zh-CN': '交叉轴对齐' },
  flexWrap: { en: 'Wrap', 'zh-CN': '换行' },
  gap: { en: 'Gap', 'zh-CN': '间隔' },
  flex: { en: 'Flex', 'zh-CN': '弹性' },
  margin: { en: 'Margin', 'zh-CN': '外边距' },
  marginTop: { en: 'Margin top', 'zh-CN': '上外边距' },
  marginRight: { en: 'Margin right', 'zh-CN': '右外边距' },
  marginBottom: { en: 'Margin bottom', 'zh-CN': '下外边距' },
  marginLeft: { en: 'Margin left', 'zh-CN': '左外边距' },
  padding: { en: 'Padding', 'zh-CN': '内边距' },
  paddingTop: { en: 'Padding top', 'zh-CN': '上内边距' },
  paddingRight: { en: 'Padding right', 'zh-CN': '右内边距' },
  paddingBottom: { en: 'Padding bottom', 'zh-CN': '下内边距' },
  paddingLeft: { en: 'Padding left', 'zh-CN': '左内边距' },
  width: { en: 'Width', 'zh-CN': '宽度' },
  height: { en: 'Height', 'zh-CN': '高度' },
  minWidth: { en: 'Min width', 'zh-CN': '最小宽度' },
  maxWidth: { en: 'Max width', 'zh-CN': '最大宽度' },
  minHeight: { en: 'Min height', 'zh-CN': '最小高度' },
  maxHeight: { en: 'Max height', 'zh-CN': '最大高度' },
  fontSize: { en: 'Font size', 'zh-CN': '字号' },
  fontWeight: { en: 'Font weight', 'zh-CN': '字重' },
  lineHeight: { en: 'Line height', 'zh-CN': '行高' },
  color: { en: 'Text colour', 'zh-CN': '文字颜色' },
  textAlign: { en: 'Text alignment', 'zh-CN': '文字对齐' },
  backgroundColor: { en: 'Background colour', 'zh-CN': '背景颜色' },
  backgroundImage: { en: 'Background image', 'zh-CN': '背景图片' },
  borderWidth: { en: 'Border width', 'zh-CN': '边框宽度' },
  borderStyle: { en: 'Border style', 'zh-CN': '边框样式' },
  borderColor: { en: 'Border colour', 'zh-CN': '边框颜色' },
  borderRadius: { en: 'Corner radius', 'zh-CN': '圆角半径' },
};

/** Sections of the style panel; plain numbers are stored as numbers (px), other text as typed. */
export const STYLE_SECTIONS: { title: InspectorKey; fields: StyleField[] }[] = [
  {
    title: 'styleLayout',
    fields: [
      { name: 'display', kind: 'select', options: choices('block', 'flex', 'inline-block', 'grid', 'none') },
      {
        name: 'flexDirection',
        kind: 'select',
        options: choices('row', 'column', 'row-reverse', 'column-reverse'),
      },
      {
        name: 'justifyContent',
        kind: 'select',
        options: choices('flex-start', 'center', 'flex-end', 'space-between', 'space-around', 'space-evenly'),
      },
      {
        name: 'alignItems',
        kind: 'select',
        options: choices('stretch', 'flex-start', 'center', 'flex-end', 'baseline'),
      },
      { name: 'flexWrap', kind: 'select', options: choices('nowrap', 'wrap') },
      { name: 'gap', kind: 'loose', placeholder: '8' },
      { name: 'flex', kind: 'loose', placeholder: '1' },
    ],
  },
  {
    title: 'styleSpacing',
    fields: [
      { name: 'margin', kind: 'loose', placeholder: '0 0 16px' },
      { name: 'marginTop', kind: 'loose' },
      { name: 'marginRight', kind: 'loose' },
      { name: 'marginBottom', kind: 'loose' },
      { name: 'marginLeft', kind: 'loose' },
      { name: 'padding', kind: 'loose', placeholder: '16px' },
      { name: 'paddingTop', kind: 'loose' },
      { name: 'paddingRight', kind: 'loose' },
      { name: 'paddingBottom', kind: 'loose' },
      { name: 'paddingLeft', kind: 'loose' },
    ],
  },
  {
    title: 'styleSize',
    fields: [
      { name: 'width', kind: 'loose', placeholder: '100%' },
      { name: 'height', kind: 'loose', placeholder: 'auto' },
      { name: 'minWidth', kind: 'loose' },
      { name: 'maxWidth', kind: 'loose' },
      { name: 'minHeight', kind: 'loose' },
      { name: 'maxHeight', kind: 'loose' },
    ],
  },
  {
    title: 'styleTypography',
    fields: [
      { name: 'fontSize', kind: 'loose', placeholder: '14' },
      { name: 'fontWeight', kind: 'select', options: choices('normal', 'bold', '300', '500', '600', '700') },
      { name: 'lineHeight', kind: 'loose', placeholder: '1.5' },
      { name: 'color', kind: 'color' },
      { name: 'textAlign', kind: 'select', options: choices('left', 'center', 'right', 'justify') },
    ],
  },
  {
    title: 'styleBackground',
    fields: [
      { name: 'backgroundColor', kind: 'color' },
      { name: 'backgroundImage', kind: 'string', placeholder: 'url(https://…)' },
    ],
  },
  {
    title: 'styleBorder',
    fields: [
      { name: 'borderWidth', kind: 'loose', placeholder: '1' },
      { name: 'borderStyle', kind: 'select', options: choices('none', 'solid', 'dashed', 'dotted') },
      { name: 'borderColor', kind: 'color' },
    ],
  },
  { title: 'styleRadius', fields: [{ name: 'borderRadius', kind: 'loose', placeholder: '8' }] },
];

/** The style fields by section; a name in `mixed` differs between the selected nodes. */
export function StyleFields({
  idPrefix,
  values,
  mixed,
  context,
  onChange,
}: {
  idPrefix: string;
  values: Readonly<Record<string, Value | undefined>>;
  mixed?: ReadonlySet<string>;
  context: PanelContext;
  onChange(name: string, value: Value | undefined): void;
}): ReactNode {
  const t = useT(messages);
  const { locale } = useLocale();
  return (
    <div className="style-panel">
      {STYLE_SECTIONS.map((section) => (
        <section
          key={section.title}
          className="inspector-group"
          aria-labelledby={`style-${idPrefix}-${section.title}`}
        >
          <h3 id={`style-${idPrefix}-${section.title}`}>{t(section.title)}</h3>
          <div className="style-grid">
            {section.fields.map((field) => {
              const settings = {
                label: STYLE_LABELS[field.name]?.[locale] ?? field.name,
                hint: field.name,
                kind: field.kind,
                scope: context.scope,
                ...(field.placeholder ? { placeholder: field.placeholder } : {}),
                ...(field.options
                  ? { options: field.options.map((value): FieldOption => ({ value, label: value })) }
                  : {}),
                onChange: (value: Value | undefined) => onChange(field.name, value),
              };
              return mixed?.has(field.name) ? (
                <MixedField key={field.name} {...settings} />
              ) : (
                <ValueField key={field.name} {...settings} value={values[field.name]} />
              );
            })}
          </div>
        </section>
      ))}
    </div>
  );
}

export const StylePanel = memo(function StylePanel({
  store,
  node,
  context,
}: {
  store: EditorStore;
  node: EditorNode;
  context: PanelContext;
}): ReactNode {
  return (
    <StyleFields
      idPrefix={node.id}
      values={(node.style ?? {}) as Record<string, Value | undefined>}
      context={context}
      onChange={(name, value) => store.dispatch({ type: 'setStyle', id: node.id, name, value })}
    />
  );
});
