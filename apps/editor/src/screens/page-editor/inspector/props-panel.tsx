// The property panel, generated from the component's metadata: one typed field per prop,
// grouped as the metadata says, each switchable to an expression (setProp, coalesced).
import type { ComponentMeta, PropMeta } from '@tessera/components';
import type { Value } from '@tessera/schema';
import { memo, type ReactNode, useLayoutEffect, useRef } from 'react';
import { type Locale, useLocale, useT } from '../../../app/i18n';
import type { ExpressionScope } from '../../../app/monaco';
import type { EditorNode, EditorStore } from '../../../store';
import { type FieldKind, ValueField, type ValueFieldProps } from './fields';
import { type InspectorKey, messages } from './messages';
import { multiMessages } from './multi-messages';

const GROUPS = [
  'basic',
  'content',
  'data',
  'layout',
  'behavior',
  'validation',
  'accessibility',
  'advanced',
] as const;
type Group = (typeof GROUPS)[number];
const GROUP_TITLE: Record<Group, InspectorKey> = {
  basic: 'groupBasic',
  content: 'groupContent',
  data: 'groupData',
  layout: 'groupLayout',
  behavior: 'groupBehavior',
  validation: 'groupValidation',
  accessibility: 'groupAccessibility',
  advanced: 'groupAdvanced',
};

/** Which field edits a prop: the editor hint's widget first, then the prop type. */
export function fieldKindOf(prop: PropMeta): FieldKind {
  switch (prop.editor?.widget) {
    case 'textarea':
    case 'richtext':
      return 'textarea';
    case 'switch':
      return 'boolean';
    case 'select':
    case 'radio':
      return prop.options ? 'select' : 'string';
    case 'number':
    case 'slider':
      return 'number';
    case 'color':
    case 'image':
    case 'icon':
    case 'page':
      return prop.editor.widget;
    case 'json':
    case 'list':
    case 'keyValue':
      return 'json';
    case 'code':
      return prop.editor.language === 'expression' ? 'expression' : 'json';
    default:
      break;
  }
  switch (prop.type) {
    case 'text':
      return 'text';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'enum':
      return 'select';
    case 'color':
    case 'image':
    case 'icon':
    case 'page':
      return prop.type;
    case 'richtext':
      return 'textarea';
    case 'array':
    case 'object':
    case 'json':
      return 'json';
    case 'expression':
      return 'expression';
    default:
      return 'string';
  }
}

export function textOf(value: unknown, locale: Locale): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && '$i18n' in value) {
    const texts = (value as { $i18n: Record<string, string> }).$i18n;
    return texts[locale] ?? Object.values(texts)[0] ?? '';
  }
  return '';
}

interface PanelContext {
  scope: ExpressionScope;
  locales: readonly string[];
  pages: readonly { id: string; title: string }[];
  appId: string;
}

/** The props of a node's component, or the ones several selected nodes share. */
export type PropEntry = [string, PropMeta];

/** Field settings that come from a prop's metadata (kind, options, limits, texts). */
function propFieldSettings(prop: PropMeta, locale: Locale) {
  return {
    label: prop.title[locale],
    hint: prop.description[locale],
    kind: fieldKindOf(prop),
    bindable: prop.bindable !== false,
    ...(prop.options
      ? { options: prop.options.map((option) => ({ value: option.value, label: option.label[locale] })) }
      : {}),
    ...(prop.editor?.min !== undefined ? { min: prop.editor.min } : {}),
    ...(prop.editor?.max !== undefined ? { max: prop.editor.max } : {}),
    ...(prop.editor?.step !== undefined ? { step: prop.editor.step } : {}),
    ...(prop.editor?.unit ? { unit: prop.editor.unit } : {}),
    ...(prop.editor?.rows ? { rows: prop.editor.rows } : {}),
    ...(prop.editor?.placeholder ? { placeholder: prop.editor.placeholder[locale] } : {}),
  };
}

/**
 * The prop fields by group. `values` holds each prop's value; a name in `mixed` has different
 * values on the selected nodes and shows the "mixed" placeholder instead.
 */
export function PropFields({
  idPrefix,
  entries,
  values,
  mixed,
  context,
  onChange,
}: {
  idPrefix: string;
  entries: readonly PropEntry[];
  values: Readonly<Record<string, Value | undefined>>;
  mixed?: ReadonlySet<string>;
  context: PanelContext;
  onChange(name: string, value: Value | undefined): void;
}): ReactNode {
  const t = useT(messages);
  const { locale } = useLocale();
  const field = ([name, prop]: PropEntry) => {
    const settings = propFieldSettings(prop, locale);
    return mixed?.has(name) ? (
      <MixedField
        key={name}
        {...settings}
        scope={context.scope}
        locales={context.locales}
        pages={context.pages}
        appId={context.appId}
        onChange={(value: Value | undefined) => onChange(name, value)}
      />
    ) : (
      <ValueField
        key={name}
        {...settings}
        value={values[name]}
        defaultValue={prop.default}
        scope={context.scope}
        locales={context.locales}
        pages={context.pages}
        appId={context.appId}
        onChange={(value: Value | undefined) => onChange(name, value)}
      />
    );
  };
  return GROUPS.map((group) => {
    const inGroup = entries.filter(([, prop]) => (prop.editor?.group ?? 'basic') === group);
    const main = inGroup.filter(([, prop]) => !prop.editor?.advanced);
    const more = inGroup.filter(([, prop]) => prop.editor?.advanced);
    if (inGroup.length === 0) return null;
    return (
      <section key={group} className="inspector-group" aria-labelledby={`group-${idPrefix}-${group}`}>
        <h3 id={`group-${idPrefix}-${group}`}>{t(GROUP_TITLE[group])}</h3>
        {main.map(field)}
        {more.length > 0 ? (
          <details>
            <summary>{t('more')}</summary>
            {more.map(field)}
          </details>
        ) : null}
      </section>
    );
  });
}

/** Whether a prop with `editor.visibleWhen` shows for these props. */
export function propVisible(meta: ComponentMeta, prop: PropMeta, props: Readonly<Record<string, unknown>>) {
  const when = prop.editor?.visibleWhen;
  if (!when) return true;
  const other = props[when.prop] ?? meta.props?.[when.prop]?.default;
  return other === when.equals;
}

export const PropsPanel = memo(function PropsPanel({
  store,
  node,
  meta,
  context,
}: {
  store: EditorStore;
  node: EditorNode;
  meta: ComponentMeta;
  context: PanelContext;
}): ReactNode {
  const t = useT(messages);
  const entries = Object.entries(meta.props ?? {}).filter((entry): entry is PropEntry => !!entry[1]);
  if (entries.length === 0) return <p className="inspector-empty">{t('noProps')}</p>;
  const props = node.props ?? {};
  const visible = entries.filter(([, prop]) => propVisible(meta, prop, props));
  return (
    <div className="props-panel">
      <PropFields
        idPrefix={node.id}
        entries={visible}
        values={props}
        context={context}
        onChange={(name, value) => store.dispatch({ type: 'setProp', id: node.id, name, value })}
      />
    </div>
  );
});

/**
 * A field whose value differs between the selected nodes: empty, with a "mixed" placeholder
 * (an indeterminate checkbox for a switch) and a note; a value typed or picked applies to all.
 */
export function MixedField(props: Omit<ValueFieldProps, 'value' | 'defaultValue'>): ReactNode {
  const t = useT(multiMessages);
  const box = useRef<HTMLDivElement>(null);
  const mixed = t('mixed');
  useLayoutEffect(() => {
    // The literal editors are the shared ValueField's own: a switch shows "neither" until the
    // builder picks a value, and a colour's text box (whose placeholder is a sample colour) says
    // "mixed" like the other fields.
    const check = box.current?.querySelector<HTMLInputElement>('input[type="checkbox"]');
    if (check) check.indeterminate = true;
    for (const input of box.current?.querySelectorAll<HTMLInputElement>('.vf-color input[type="text"]') ?? [])
      input.placeholder = mixed;
  });
  return (
    <div ref={box} className="vf-mixed" data-mixed="">
      <ValueField
        {...props}
        value={undefined}
        placeholder={mixed}
        hint={props.hint ? `${t('mixedHint')} ${props.hint}` : t('mixedHint')}
      />
    </div>
  );
}

export type { PanelContext };
