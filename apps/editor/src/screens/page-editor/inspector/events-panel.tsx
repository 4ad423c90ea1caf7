// The events panel: for each event of the component, an ordered action list with a form per
// action type and nested lists (onSuccess / onError, then / else...). Every change is one setEvents.
import type { ComponentMeta } from '@tessera/components';
import type { ActionList, ActionSchema, Value } from '@tessera/schema';
import { memo, type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { type Locale, useLocale, useT } from '../../../app/i18n';
import type { ExpressionScope } from '../../../app/monaco';
import { Button } from '../../../app/ui';
import type { EditorDocument, EditorNode, EditorStore } from '../../../store';
import {
  ACTION_FORMS,
  ACTION_TYPES,
  type ActionField,
  type ActionType,
  type ListField,
  newAction,
} from './action-forms';
import { type FieldOption, ValueField, ValueMapEditor } from './fields';
import { type InspectorKey, messages } from './messages';
import type { PanelContext } from './props-panel';

const LIST_TITLE: Record<ListField, InspectorKey> = {
  onSuccess: 'listOnSuccess',
  onError: 'listOnError',
  // biome-ignore lint/suspicious/noThenProperty: the schema names the branch's list `then`
  then: 'listThen',
  else: 'listElse',
  onConfirm: 'listOnConfirm',
  onCancel: 'listOnCancel',
};

type Json = Record<string, unknown>;

interface ListContext {
  doc: EditorDocument;
  pageId: string | undefined;
  scope: ExpressionScope;
  pages: PanelContext['pages'];
  locale: Locale;
  announce(text: string): void;
}

export const EventsPanel = memo(function EventsPanel({
  store,
  node,
  meta,
  doc,
  pageId,
  scope,
  context,
}: {
  store: EditorStore;
  node: EditorNode;
  meta: ComponentMeta;
  doc: EditorDocument;
  pageId: string | undefined;
  scope: ExpressionScope;
  context: PanelContext;
}): ReactNode {
  const t = useT(messages);
  const { locale } = useLocale();
  const [announcement, setAnnouncement] = useState('');
  const events = Object.entries(meta.events ?? {});
  const ctx: ListContext = { doc, pageId, scope, pages: context.pages, locale, announce: setAnnouncement };
  if (events.length === 0) return <p className="inspector-empty">{t('noEvents')}</p>;
  return (
    <div className="events-panel">
      {events.map(([event, eventMeta]) => {
        const list = node.events?.[event] ?? [];
        return (
          <section key={event} className="inspector-group" aria-labelledby={`event-${node.id}-${event}`}>
            <h3 id={`event-${node.id}-${event}`}>
              {eventMeta?.title[locale] ?? event} <code>{event}</code>
            </h3>
            {eventMeta ? <p className="field-hint">{eventMeta.description[locale]}</p> : null}
            <ActionListEditor
              title={eventMeta?.title[locale] ?? event}
              list={list}
              ctx={ctx}
              onChange={(actions) => store.dispatch({ type: 'setEvents', id: node.id, event, actions })}
            />
          </section>
        );
      })}
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
    </div>
  );
});

function ActionListEditor({
  title,
  list,
  ctx,
  onChange,
}: {
  title: string;
  list: ActionList;
  ctx: ListContext;
  onChange(list: ActionList): void;
}): ReactNode {
  const t = useT(messages);
  const [type, setType] = useState<ActionType>('showToast');
  const ref = useRef<HTMLOListElement>(null);
  const [focus, setFocus] = useState<{ index: number; control: string } | null>(null);
  const typeId = useId();
  useEffect(() => {
    if (!focus) return;
    const target = ref.current?.querySelector<HTMLElement>(
      `:scope > li[data-index="${focus.index}"] [data-control="${focus.control}"]`,
    );
    // at the top or bottom the button pressed is disabled: keep the focus on the other one
    const other = focus.control === 'up' ? 'down' : focus.control === 'down' ? 'up' : 'type';
    (target?.hasAttribute('disabled')
      ? ref.current?.querySelector<HTMLElement>(
          `:scope > li[data-index="${focus.index}"] [data-control="${other}"]`,
        )
      : target
    )?.focus();
    setFocus(null);
  }, [focus]);
  const labelOf = (action: ActionSchema) => ACTION_FORMS[action.type]?.label[ctx.locale] ?? action.type;
  const move = (from: number, to: number, control: string) => {
    if (to < 0 || to >= list.length) return;
    const next = [...list];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved!);
    onChange(next);
    ctx.announce(t('moved', { type: labelOf(moved!), n: to + 1 }));
    setFocus({ index: to, control });
  };
  return (
    <div className="action-list">
      {list.length === 0 ? <p className="field-hint">{t('emptyList')}</p> : null}
      <ol ref={ref} aria-label={title}>
        {list.map((action, i) => (
          <ActionCard
            // biome-ignore lint/suspicious/noArrayIndexKey: actions have no id; the position is the identity
            key={i}
            index={i}
            count={list.length}
            action={action}
            ctx={ctx}
            onChange={(next) => onChange(list.map((a, j) => (j === i ? next : a)))}
            onMove={(to, control) => move(i, to, control)}
            onRemove={() => {
              onChange(list.filter((_, j) => j !== i));
              ctx.announce(t('removed', { type: labelOf(action) }));
            }}
          />
        ))}
      </ol>
      <div className="action-add">
        <label htmlFor={typeId} className="visually-hidden">
          {t('newActionType', { list: title })}
        </label>
        <select id={typeId} value={type} onChange={(event) => setType(event.target.value as ActionType)}>
          {ACTION_TYPES.map((option) => (
            <option key={option} value={option}>
              {ACTION_FORMS[option].label[ctx.locale]}
            </option>
          ))}
        </select>
        <Button
          aria-label={`${t('addAction')}: ${title}`}
          onClick={() => {
            onChange([...list, newAction(type, ctx.doc, ctx.pageId)]);
            ctx.announce(t('added', { type: ACTION_FORMS[type].label[ctx.locale], n: list.length + 1 }));
            setFocus({ index: list.length, control: 'type' });
          }}
        >
          + {t('addAction')}
        </Button>
      </div>
    </div>
  );
}

function ActionCard({
  index,
  count,
  action,
  ctx,
  onChange,
  onMove,
  onRemove,
}: {
  index: number;
  count: number;
  action: ActionSchema;
  ctx: ListContext;
  onChange(action: ActionSchema): void;
  onMove(to: number, control: string): void;
  onRemove(): void;
}): ReactNode {
  const t = useT(messages);
  const form = ACTION_FORMS[action.type];
  const n = index + 1;
  const fields = action as unknown as Json;
  const set = useCallback(
    (name: string, value: unknown) => {
      const next: Json = { ...(action as unknown as Json) };
      if (value === undefined) delete next[name];
      else next[name] = value;
      onChange(next as unknown as ActionSchema);
    },
    [action, onChange],
  );
  const typeLabel = form?.label[ctx.locale] ?? action.type;
  return (
    <li
      className="action-card"
      data-index={index}
      onKeyDown={(event) => {
        // Alt+↑ / Alt+↓ move the action from anywhere inside its card
        if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
        event.preventDefault();
        onMove(event.key === 'ArrowUp' ? index - 1 : index + 1, 'type');
      }}
    >
      <fieldset>
        <legend>{t('actionN', { n, type: typeLabel })}</legend>
        <div className="action-head">
          <select
            data-control="type"
            aria-label={`${t('actionType')} (${n})`}
            value={action.type}
            onChange={(event) => {
              const next = newAction(
                event.target.value as ActionType,
                ctx.doc,
                ctx.pageId,
              ) as unknown as Json;
              for (const list of ['onSuccess', 'onError'] as const)
                if (fields[list]) next[list] = fields[list];
              onChange(next as unknown as ActionSchema);
            }}
          >
            {ACTION_TYPES.map((option) => (
              <option key={option} value={option}>
                {ACTION_FORMS[option].label[ctx.locale]}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="icon-btn"
            data-control="up"
            aria-label={t('moveUp', { n })}
            disabled={index === 0}
            onClick={() => onMove(index - 1, 'up')}
          >
            ↑
          </button>
          <button
            type="button"
            className="icon-btn"
            data-control="down"
            aria-label={t('moveDown', { n })}
            disabled={index === count - 1}
            onClick={() => onMove(index + 1, 'down')}
          >
            ↓
          </button>
          <button type="button" className="icon-btn" aria-label={t('removeAction', { n })} onClick={onRemove}>
            ×
          </button>
        </div>
        {form?.fields.map((field) => (
          <ActionFieldEditor
            key={field.name}
            field={field}
            n={n}
            action={fields}
            ctx={ctx}
            onChange={(value) => set(field.name, value)}
          />
        ))}
        {form?.lists.map((name) => {
          const nested = (fields[name] as ActionList | undefined) ?? [];
          const title = `${t(LIST_TITLE[name])} (${n})`;
          return (
            <details key={name} className="action-nested" open={nested.length > 0}>
              <summary>
                {t(LIST_TITLE[name])} · {t('eventCount', { count: nested.length })}
              </summary>
              <ActionListEditor
                title={title}
                list={nested}
                ctx={ctx}
                onChange={(list) => set(name, list.length ? list : undefined)}
              />
            </details>
          );
        })}
      </fieldset>
    </li>
  );
}

function options(names: string[]): FieldOption[] {
  return names.map((name) => ({ value: name, label: name }));
}

function ActionFieldEditor({
  field,
  n,
  action,
  ctx,
  onChange,
}: {
  field: ActionField;
  n: number;
  action: Json;
  ctx: ListContext;
  onChange(value: unknown): void;
}): ReactNode {
  const t = useT(messages);
  const label = `${field.label[ctx.locale]} (${n})`;
  const value = action[field.name] as Value | undefined;
  const { doc, scope } = ctx;
  const page = doc.pages.find((p) => p.id === ctx.pageId);
  const common = { label, value, scope, onChange };
  const choose = (names: string[]) =>
    names.length > 0 ? (
      <ValueField {...common} kind="select" bindable={false} options={options(names)} />
    ) : (
      <ValueField {...common} kind="string" bindable={false} />
    );
  switch (field.kind) {
    case 'text':
      return <ValueField {...common} kind="text" />;
    case 'value':
      return <ValueField {...common} kind="loose" />;
    case 'string':
      return <ValueField {...common} kind="string" bindable={false} />;
    case 'number':
      return <ValueField {...common} kind="number" bindable={false} />;
    case 'boolean':
      return <ValueField {...common} kind="boolean" bindable={false} />;
    case 'condition':
      return <ValueField {...common} kind="boolean" />;
    case 'json':
      return <ValueField {...common} kind="json" bindable={false} />;
    case 'locale':
      // a literal is picked from the app's locales; an expression may compute one
      return <ValueField {...common} kind="select" options={options(doc.app.locales.supported)} />;
    case 'select':
      return <ValueField {...common} kind="select" bindable={false} options={options(field.options ?? [])} />;
    case 'page':
      return <ValueField {...common} kind="page" bindable={false} pages={ctx.pages} />;
    case 'query':
      return choose([...Object.keys(page?.queries ?? {}), ...Object.keys(doc.app.queries ?? {})]);
    case 'form':
      return choose(Object.values(doc.nodes).flatMap((node) => (node.component === 'Form' ? [node.id] : [])));
    case 'function':
      return choose(Object.keys(doc.app.functions ?? {}));
    case 'collection':
      return choose(Object.keys(doc.app.collections ?? {}));
    case 'codeBlock':
      return choose(Object.keys(doc.app.codeBlocks ?? {}));
    case 'codeExport':
      return choose(doc.app.codeBlocks?.[String(action.block)]?.exports ?? []);
    case 'stateName':
      return choose(Object.keys((action.scope === 'app' ? doc.app.state : page?.state) ?? {}));
    case 'valueMap':
      return (
        <ValueMapEditor
          label={label}
          value={value as Record<string, Value> | undefined}
          scope={scope}
          onChange={(next) => onChange(next ?? (field.required ? {} : undefined))}
        />
      );
    case 'stateTarget': {
      const target = (value ?? undefined) as { scope?: 'page' | 'app'; name?: string } | undefined;
      const names = Object.keys((target?.scope === 'app' ? doc.app.state : page?.state) ?? {});
      return (
        <fieldset className="vmap">
          <legend>{label}</legend>
          <ValueField
            label={`${t('stateScope')} (${label})`}
            kind="select"
            bindable={false}
            scope={scope}
            value={target?.scope}
            options={[
              { value: 'page', label: t('scopePage') },
              { value: 'app', label: t('scopeApp') },
            ]}
            onChange={(next) =>
              onChange(target?.name ? { ...target, scope: next as 'page' | 'app' } : undefined)
            }
          />
          <ValueField
            label={`${field.label[ctx.locale]} · ${t('key')} (${n})`}
            kind="select"
            bindable={false}
            scope={scope}
            value={target?.name}
            options={options(names)}
            onChange={(next) =>
              onChange(
                next ? { ...(target?.scope ? { scope: target.scope } : {}), name: String(next) } : undefined,
              )
            }
          />
        </fieldset>
      );
    }
  }
}
