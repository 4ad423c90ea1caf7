// The style panel: the CSS properties builders set most, by section (setStyle, coalesced).
import type { Value } from '@tessera/schema';
import { memo, type ReactNode } from 'react';
import { useT } from '../../../app/i18n';
import type { EditorNode, EditorStore } from '../../../store';
import { type FieldKind, type FieldOption, ValueField } from './fields';
import type { InspectorKey } from './messages';
import { messages } from './messages';
import type { PanelContext } from './props-panel';

interface StyleField {
  name: string;
  kind: FieldKind;
  options?: string[];
  placeholder?: string;
}

const choices = (...values: string[]) => values;

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

export const StylePanel = memo(function StylePanel({
  store,
  node,
  context,
}: {
  store: EditorStore;
  node: EditorNode;
  context: PanelContext;
}): ReactNode {
  const t = useT(messages);
  const style = (node.style ?? {}) as Record<string, Value | undefined>;
  return (
    <div className="style-panel">
      {STYLE_SECTIONS.map((section) => (
        <section
          key={section.title}
          className="inspector-group"
          aria-labelledby={`style-${node.id}-${section.title}`}
        >
          <h3 id={`style-${node.id}-${section.title}`}>{t(section.title)}</h3>
          <div className="style-grid">
            {section.fields.map((field) => (
              <ValueField
                key={field.name}
                label={field.name}
                kind={field.kind}
                value={style[field.name]}
                scope={context.scope}
                {...(field.placeholder ? { placeholder: field.placeholder } : {})}
                {...(field.options
                  ? { options: field.options.map((value): FieldOption => ({ value, label: value })) }
                  : {})}
                onChange={(value) =>
                  store.dispatch({ type: 'setStyle', id: node.id, name: field.name, value })
                }
              />
            ))}
          </div>
        </section>
      ))}
    </div>
  );
});
