// The property panel, generated from the component's metadata: one typed field per prop,
// grouped as the metadata says, each switchable to an expression (setProp, coalesced).
import type { ComponentMeta, PropMeta } from '@tessera/components';
import type { Value } from '@tessera/schema';
import { memo, type ReactNode } from 'react';
import { type Locale, useLocale, useT } from '../../../app/i18n';
import type { ExpressionScope } from '../../../app/monaco';
import type { EditorNode, EditorStore } from '../../../store';
import { type FieldKind, ValueField } from './fields';
import { type InspectorKey, messages } from './messages';

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
  const { locale } = useLocale();
  const entries = Object.entries(meta.props ?? {}).filter((entry): entry is [string, PropMeta] => !!entry[1]);
  if (entries.length === 0) return <p className="inspector-empty">{t('noProps')}</p>;
  const props = node.props ?? {};
  const visible = entries.filter(([, prop]) => {
    const when = prop.editor?.visibleWhen;
    if (!when) return true;
    const other = props[when.prop] ?? meta.props?.[when.prop]?.default;
    return other === when.equals;
  });
  const field = ([name, prop]: [string, PropMeta]) => (
    <ValueField
      key={name}
      label={prop.title[locale]}
      hint={prop.description[locale]}
      kind={fieldKindOf(prop)}
      value={props[name]}
      defaultValue={prop.default}
      bindable={prop.bindable !== false}
      scope={context.scope}
      locales={context.locales}
      pages={context.pages}
      appId={context.appId}
      {...(prop.options
        ? { options: prop.options.map((option) => ({ value: option.value, label: option.label[locale] })) }
        : {})}
      {...(prop.editor?.min !== undefined ? { min: prop.editor.min } : {})}
      {...(prop.editor?.max !== undefined ? { max: prop.editor.max } : {})}
      {...(prop.editor?.step !== undefined ? { step: prop.editor.step } : {})}
      {...(prop.editor?.unit ? { unit: prop.editor.unit } : {})}
      {...(prop.editor?.rows ? { rows: prop.editor.rows } : {})}
      {...(prop.editor?.placeholder ? { placeholder: prop.editor.placeholder[locale] } : {})}
      onChange={(value: Value | undefined) => store.dispatch({ type: 'setProp', id: node.id, name, value })}
    />
  );
  return (
    <div className="props-panel">
      {GROUPS.map((group) => {
        const inGroup = visible.filter(([, prop]) => (prop.editor?.group ?? 'basic') === group);
        const main = inGroup.filter(([, prop]) => !prop.editor?.advanced);
        const more = inGroup.filter(([, prop]) => prop.editor?.advanced);
        if (inGroup.length === 0) return null;
        return (
          <section key={group} className="inspector-group" aria-labelledby={`group-${node.id}-${group}`}>
            <h3 id={`group-${node.id}-${group}`}>{t(GROUP_TITLE[group])}</h3>
            {main.map(field)}
            {more.length > 0 ? (
              <details>
                <summary>{t('more')}</summary>
                {more.map(field)}
              </details>
            ) : null}
          </section>
        );
      })}
      <section className="inspector-group" aria-labelledby={`group-${node.id}-logic`}>
        <h3 id={`group-${node.id}-logic`}>{t('groupData')}</h3>
        <ValueField
          label={t('visibility')}
          hint={t('visibilityHint')}
          kind="boolean"
          value={node.if as Value | undefined}
          defaultValue={true}
          scope={context.scope}
          onChange={(value) =>
            store.dispatch({
              type: 'setIf',
              id: node.id,
              condition: value as boolean | { $expr: string } | undefined,
            })
          }
        />
      </section>
    </div>
  );
});

export type { PanelContext };
