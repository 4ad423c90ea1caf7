// When the selected node shows (its `if`) and how often (its `repeat`: items, item and index
// names, key). The repeat reaches the store once its items expression is valid; a name that is
// no identifier, hides a standard name or one already in scope stays in the field with its reason.
import { FORBIDDEN_GLOBALS, FORBIDDEN_KEYS } from '@tessera/expr';
import type { Condition, Repeat, Value } from '@tessera/schema';
import { type ReactNode, useEffect, useId, useMemo, useState } from 'react';
import { defineMessages, useT } from '../../../app/i18n';
import type { ExpressionScope } from '../../../app/monaco';
import { Button } from '../../../app/ui';
import {
  type EditorDocument,
  type EditorStore,
  localNames,
  RESERVED_LOCAL_NAMES,
  rewriteReferences,
  subtreeIds,
} from '../../../store';
import { nodeScope } from '../data/scope';
import { ExpressionField, isExpr, ValueField } from './fields';

export const repeatMessages = defineMessages('repeatSection', {
  en: {
    title: 'Condition and repeat',
    showWhen: 'Show when',
    showWhenHint: 'Off, or an expression that is false, hides the component (item and index included).',
    repeat: 'Repeat',
    repeatHint: 'Render the component once per item of a list; it and its children read the item and index.',
    addRepeat: 'Repeat this component',
    removeRepeat: 'Stop repeating',
    items: 'Items',
    itemsHint: 'An expression giving a list, e.g. state.items or queries.news.data.',
    itemsNeeded: 'Type the list to repeat over; the repeat is saved once it is a valid expression.',
    itemName: 'Item name',
    indexName: 'Index name',
    key: 'Key field',
    keyHint: 'Field that identifies each item across updates (e.g. _id); the position when empty.',
    badName: '“{name}” is not a valid name: use letters, digits, _ and $, not starting with a digit.',
    reserved: '“{name}” would hide the standard name {name}: choose another.',
    notAllowed: '“{name}” is a built-in name of expressions: choose another.',
    inScope: '“{name}” is already in scope here (an outer repeat or List): choose another.',
    boundInside:
      '“{name}” is the item or index name of a repeat or List inside this component: choose another.',
    same: 'Item and index need different names.',
    refused: 'Not changed: {reason}',
    rootCannotRepeat: 'A page’s root cannot repeat.',
    stillRead:
      'Stopped repeating, but {ids} still read its item or index ({names}): change those expressions, or Undo; the draft is not saved until then.',
  },
  'zh-CN': {
    title: '显示条件与循环',
    showWhen: '显示条件',
    showWhenHint: '关闭或表达式结果为 false 时隐藏组件（可使用 item 和 index）。',
    repeat: '循环',
    repeatHint: '按列表的每一项渲染一次组件；组件及其子组件可读取当前项和序号。',
    addRepeat: '循环渲染此组件',
    removeRepeat: '取消循环',
    items: '循环数据',
    itemsHint: '结果为列表的表达式，例如 state.items 或 queries.news.data。',
    itemsNeeded: '请输入要循环的列表；表达式有效后才会保存循环。',
    itemName: '当前项名称',
    indexName: '序号名称',
    key: '唯一键字段',
    keyHint: '在更新中标识每一项的字段（如 _id）；留空时使用序号。',
    badName: '“{name}”不是有效的名称：只能使用字母、数字、_ 和 $，且不能以数字开头。',
    reserved: '“{name}”会遮盖标准名称 {name}，请换一个。',
    notAllowed: '“{name}”是表达式的内置名称，请换一个。',
    inScope: '“{name}”在此处已可用（外层循环或列表），请换一个。',
    boundInside: '“{name}”是此组件内部循环或列表的当前项或序号名称，请换一个。',
    same: '当前项和序号的名称不能相同。',
    refused: '未修改：{reason}',
    rootCannotRepeat: '页面的根组件不能循环。',
    stillRead:
      '已取消循环，但 {ids} 仍在读取其当前项或序号（{names}）：请修改这些表达式或撤销；修改前草稿不会保存。',
  },
});

type T = ReturnType<typeof useRepeatT>;
const useRepeatT = () => useT(repeatMessages);
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const BUILT_IN = new Set(['undefined', 'null', 'true', 'false', 'NaN', 'Infinity', 'this']);

/** Why `name` cannot be an item / index name here, or undefined. */
export function localNameProblem(
  name: string,
  outer: ExpressionScope,
  inner: readonly string[],
  t: T,
): string | undefined {
  if (!IDENTIFIER.test(name)) return t('badName', { name });
  if (RESERVED_LOCAL_NAMES.has(name)) return t('reserved', { name });
  if (outer.roots.some((root) => root.name === name)) return t('inScope', { name });
  // renaming uses below would be captured by the inner binding
  if (inner.includes(name)) return t('boundInside', { name });
  // names the expression language refuses as scope roots (window, constructor, undefined...)
  if (
    FORBIDDEN_GLOBALS.has(name) ||
    FORBIDDEN_KEYS.has(name) ||
    name in Object.prototype ||
    BUILT_IN.has(name)
  )
    return t('notAllowed', { name });
  return undefined;
}

/** A name not in scope yet: `item`, else `item2`, `item3`... */
function freeName(base: string, outer: ExpressionScope, also: string[] = []): string {
  const taken = (name: string) => also.includes(name) || outer.roots.some((root) => root.name === name);
  if (!taken(base)) return base;
  let n = 2;
  while (taken(`${base}${n}`)) n++;
  return `${base}${n}`;
}

/** Ids of the node and the nodes below it whose values read one of `names` (a repeat's item / index). */
function readersOf(doc: EditorDocument, id: string, names: string[], roots: string[]): string[] {
  const renames = { locals: new Map(names.map((name) => [name, `${name}_`])) };
  return subtreeIds(doc, id).filter((at) => {
    const node = doc.nodes[at];
    if (!node) return false;
    // the node's own repeat reads from outside it
    const { repeat, ...rest } = node;
    const content = at === id ? rest : node;
    return rewriteReferences(content, renames, roots) !== content;
  });
}

interface Draft {
  items: string;
  item: string;
  index: string;
  key: string;
}

function draftOf(repeat: Repeat): Draft {
  return {
    items: isExpr(repeat.items) ? repeat.items.$expr : JSON.stringify(repeat.items),
    item: repeat.item ?? 'item',
    index: repeat.index ?? 'index',
    key: repeat.key ?? '',
  };
}

export function RepeatSection({
  store,
  doc,
  id,
  scope,
}: {
  store: EditorStore;
  doc: EditorDocument;
  id: string;
  /** the node's own scope (its repeat's names included): what its condition reads */
  scope: ExpressionScope;
}): ReactNode {
  const t = useRepeatT();
  const headingId = useId();
  const node = doc.nodes[id];
  const outer = useMemo(() => nodeScope(doc, id, { ownRepeat: false }), [doc, id]);
  const inner = useMemo(() => {
    const below = doc.nodes[id];
    if (!below) return [];
    const ids = [...below.childIds, ...Object.values(below.slotIds ?? {}).flat()];
    return ids.flatMap((child) => localNames(doc, child));
  }, [doc, id]);
  const stored = node?.repeat;
  const [draft, setDraft] = useState<Draft | null>(stored ? draftOf(stored) : null);
  const [refusal, setRefusal] = useState<string | undefined>();
  // an outside change (undo, another field) shows here; what is being typed stays
  useEffect(() => {
    setDraft((current) => {
      if (!stored) return null;
      const next = draftOf(stored);
      if (!current) return next;
      return {
        items: next.items === current.items || !isExpr(stored.items) ? next.items : current.items,
        item: next.item,
        index: next.index,
        key: next.key,
      };
    });
  }, [stored]);
  if (!node) return null;

  const problems = draft
    ? {
        item: localNameProblem(draft.item, outer, inner, t),
        index:
          localNameProblem(draft.index, outer, inner, t) ??
          (draft.index === draft.item ? t('same') : undefined),
      }
    : { item: undefined, index: undefined };

  /** Writes the draft when all of it is valid. */
  const write = (next: Draft) => {
    setDraft(next);
    if (next.items.trim() === '') return;
    if (localNameProblem(next.item, outer, inner, t) || localNameProblem(next.index, outer, inner, t)) return;
    if (next.item === next.index) return;
    const repeat: Repeat = { items: { $expr: next.items } };
    if (next.item !== 'item') repeat.item = next.item;
    if (next.index !== 'index') repeat.index = next.index;
    if (next.key.trim() !== '') repeat.key = next.key.trim();
    if (JSON.stringify(repeat) === JSON.stringify(stored)) return;
    const result = store.dispatch({ type: 'setRepeat', id, repeat });
    setRefusal(result.ok ? undefined : t('refused', { reason: result.reason }));
  };

  return (
    <section className="repeat-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('title')}</h3>
      <ValueField
        label={t('showWhen')}
        hint={t('showWhenHint')}
        kind="boolean"
        defaultValue={true}
        scope={scope}
        value={node.if as Value | undefined}
        onChange={(condition) => {
          const result = store.dispatch({
            type: 'setIf',
            id,
            condition: condition === true ? undefined : (condition as Condition | undefined),
          });
          setRefusal(result.ok ? undefined : t('refused', { reason: result.reason }));
        }}
      />
      <fieldset className="repeat-fields">
        <legend>{t('repeat')}</legend>
        <p className="field-hint">{t('repeatHint')}</p>
        {node.parentId === null ? (
          <p className="field-hint">{t('rootCannotRepeat')}</p>
        ) : draft === null ? (
          <Button
            onClick={() => {
              const item = freeName('item', outer);
              setDraft({ items: '', item, index: freeName('index', outer, [item]), key: '' });
            }}
          >
            {t('addRepeat')}
          </Button>
        ) : (
          <RepeatFields
            draft={draft}
            stored={stored !== undefined}
            outer={outer}
            problems={problems}
            onChange={write}
            onRemove={() => {
              setDraft(null);
              if (!stored) return;
              const names = [stored.item ?? 'item', stored.index ?? 'index'];
              const roots = [...outer.roots.map((root) => root.name), ...names, ...inner];
              const readers = readersOf(doc, id, names, roots);
              store.dispatch({ type: 'setRepeat', id, repeat: undefined });
              // those expressions now name something out of scope: say where, rather than fail the save
              setRefusal(
                readers.length > 0
                  ? t('stillRead', { names: names.join(', '), ids: readers.join(', ') })
                  : undefined,
              );
            }}
          />
        )}
      </fieldset>
      {refusal ? (
        <div className="field-error" role="alert">
          {refusal}
        </div>
      ) : null}
    </section>
  );
}

function RepeatFields({
  draft,
  stored,
  outer,
  problems,
  onChange,
  onRemove,
}: {
  draft: Draft;
  stored: boolean;
  outer: ExpressionScope;
  problems: { item: string | undefined; index: string | undefined };
  onChange(next: Draft): void;
  onRemove(): void;
}): ReactNode {
  const t = useRepeatT();
  const id = useId();
  const nameField = (field: 'item' | 'index' | 'key', label: string, problem?: string, hint?: string) => (
    <div className="vf">
      <label htmlFor={`${id}-${field}`}>{label}</label>
      <input
        id={`${id}-${field}`}
        type="text"
        spellCheck={false}
        value={draft[field]}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-${field}-error` : hint ? `${id}-${field}-hint` : undefined}
        onChange={(event) => onChange({ ...draft, [field]: event.target.value })}
      />
      {problem ? (
        <div id={`${id}-${field}-error`} className="field-error" role="alert">
          {problem}
        </div>
      ) : hint ? (
        <div id={`${id}-${field}-hint`} className="field-hint">
          {hint}
        </div>
      ) : null}
    </div>
  );
  return (
    <>
      <div className="vf">
        <div className="vf-head">
          <span id={`${id}-items-label`}>{t('items')}</span>
        </div>
        <ExpressionField
          source={draft.items}
          scope={outer}
          label={t('items')}
          describedBy={`${id}-items-hint`}
          autoFocus={!stored}
          onCommit={(source) => onChange({ ...draft, items: source })}
        />
        <div id={`${id}-items-hint`} className="field-hint">
          {stored ? t('itemsHint') : t('itemsNeeded')}
        </div>
      </div>
      {nameField('item', t('itemName'), problems.item)}
      {nameField('index', t('indexName'), problems.index)}
      {nameField('key', t('key'), undefined, t('keyHint'))}
      <Button variant="ghost" onClick={onRemove}>
        {t('removeRepeat')}
      </Button>
    </>
  );
}
