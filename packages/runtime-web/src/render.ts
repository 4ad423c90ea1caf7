/// <reference lib="dom" />
import type { ChildView, WebComponentProps } from '@tessera/components/web';
import { type Locals, overlaps, type PageRuntime, type Path } from '@tessera/runtime-core';
import {
  type CSSProperties,
  createContext,
  createElement as h,
  memo,
  type ReactNode,
  useContext,
  useLayoutEffect,
  useMemo,
  useReducer,
  useState,
} from 'react';
import { hrefOf, withBase } from './router';
import type { CompiledNode } from './types';

export interface PageContextValue {
  page: PageRuntime;
  /** Called on every node render (tests count re-renders with it). */
  probe?: ((nodeId: string) => void) | undefined;
  /** Base path prefix of the app ('' at the root) that link hrefs carry. */
  prefix?: string;
}

export const PageContext = createContext<PageContextValue | null>(null);

function usePage(): PageContextValue {
  const value = useContext(PageContext);
  if (!value) throw new Error('a Tessera node rendered outside of a page');
  return value;
}

/** Re-renders the caller when a committed change touches one of `deps`. */
function useDeps(page: PageRuntime, deps: readonly Path[] | undefined): void {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useLayoutEffect(() => {
    if (!deps || deps.length === 0) return undefined;
    return page.onChange((changes) => {
      if (changes.some((changed) => deps.some((read) => overlaps(read, changed)))) bump();
    });
  }, [page, deps]);
}

const EMPTY: unknown[] = [];

/**
 * Evaluates a binding; a failing expression (reading a field of data not loaded yet) shows as
 * empty instead of breaking the page, and is reported once as a warning.
 */
function evaluate(page: PageRuntime, value: unknown, locals: Locals, where: string): unknown {
  try {
    return page.evaluate(value, locals);
  } catch (error) {
    const key = `${where}: ${(error as Error).message}`;
    if (!warned.has(key)) {
      warned.add(key);
      console.warn(`[tessera] ${key}`);
    }
    return undefined;
  }
}

const warned = new Set<string>();

/** A schema node: repeats it when it has `repeat`, else renders it once. */
export const NodeView = memo(function NodeView({
  node,
  locals,
}: {
  node: CompiledNode;
  locals: Locals;
}): ReactNode {
  const { page } = usePage();
  useDeps(page, node.repeatDeps);
  if (!node.repeat) return h(ElementView, { node, locals });
  const items = evaluate(page, node.repeat.items, locals, `${node.id} repeat`);
  const list = Array.isArray(items) ? items : EMPTY;
  const { item: itemName, index: indexName, key } = node.repeat;
  return list.map((item, index) =>
    h(RepeatRow, { key: rowKey(item, index, key), node, locals, item, index, itemName, indexName }),
  );
});

function rowKey(item: unknown, index: number, key: string | undefined): string {
  const value =
    key && item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' || typeof value === 'number' ? `k${value}` : `i${index}`;
}

interface RowProps {
  node: CompiledNode;
  locals: Locals;
  item: unknown;
  index: number;
  itemName: string;
  indexName: string;
}

// Memoised on the item itself, so a row whose item did not change is not rendered again.
const RepeatRow = memo(function RepeatRow({
  node,
  locals,
  item,
  index,
  itemName,
  indexName,
}: RowProps): ReactNode {
  const rowLocals = useMemo(
    () => rowScope(locals, itemName, indexName, item, index),
    [locals, item, index, itemName, indexName],
  );
  return h(ElementView, { node, locals: rowLocals });
});

const ElementView = memo(function ElementView({
  node,
  locals,
}: {
  node: CompiledNode;
  locals: Locals;
}): ReactNode {
  const context = usePage();
  const { page } = context;
  useDeps(page, node.deps);
  context.probe?.(node.id);
  const [own, setOwn] = useState<{ value: unknown } | null>(null);
  if (node.if !== undefined && !evaluate(page, node.if, locals, `${node.id} if`)) return null;

  const formLocals: Locals = node.form ? { ...locals, form: node.form } : locals;
  const props = evaluateProps(page, node, formLocals);
  const run = (event: string, scope: Locals, detail?: Record<string, unknown>) => {
    const actions = node.events?.[event];
    if (actions && actions.length > 0) void page.run(actions, { ...scope, event: { detail: detail ?? {} } });
  };
  const children = renderNodes(node.children, locals);
  const field = fieldOf(page, node, props, own, setOwn, (detail) => {
    run('input', formLocals, detail);
    run('change', formLocals, detail);
  });

  const id = domId(node, locals);
  const view: WebComponentProps = {
    id,
    props,
    style:
      node.style === undefined
        ? undefined
        : (evaluate(page, node.style, formLocals, `${node.id} style`) as CSSProperties),
    children,
    slots: Object.fromEntries(
      Object.entries(node.slots ?? {}).map(([name, nodes]) => [name, renderNodes(nodes, locals)]),
    ),
    childViews(): ChildView[] {
      return (node.children ?? []).map((child) => ({
        id: child.id,
        component: child.name,
        props: evaluateProps(page, child, formLocals),
        element: h(NodeView, { key: child.id, node: child, locals }),
      }));
    },
    has: (event) => (node.events?.[event]?.length ?? 0) > 0,
    fire: (event, detail) => run(event, formLocals, detail),
    field,
    repeat: (items, render) => {
      const names = node.list ?? { item: 'item', index: 'index' };
      return items.map((item, index) =>
        h(ListRow, {
          key: rowKey(item, index, node.list?.key),
          node,
          locals,
          item,
          index,
          itemName: names.item,
          indexName: names.index,
          render,
        }),
      );
    },
    pageLink: (target, params) => {
      const route = page.app.descriptor.pages[target];
      const strings = Object.fromEntries(
        Object.entries(params)
          .filter(([, v]) => v !== undefined && v !== null)
          .map(([k, v]) => [k, String(v)]),
      );
      const path = route
        ? route.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) =>
            encodeURIComponent(strings[name] ?? ''),
          )
        : '#';
      return {
        href: route ? withBase(context.prefix ?? '', hrefOf(path, strings, route.path)) : '#',
        open: () => void page.run([{ type: 'navigate', page: target, params }], formLocals),
      };
    },
    upload: async ({ accept, folder, maxSizeMB }) => {
      const outcome = await page.run([{ type: 'uploadFile', accept, folder, maxSizeMB }], formLocals);
      return outcome.ok
        ? String((outcome.result as { fileID?: unknown } | null)?.fileID ?? '') || null
        : null;
    },
    form: {
      id: node.form,
      submit: () => {
        if (!node.form) return;
        void page.run([{ type: 'submitForm', form: node.form }], formLocals).then((outcome) => {
          if (outcome.ok && node.name !== 'Form') run('tap', formLocals);
        });
      },
      reset: () => {
        if (!node.form) return;
        page.resetForm(node.form);
        page.commit();
      },
    },
    locale: page.locale,
  };
  if (!node.component) return h('div', { id, 'data-component': node.name }, children);
  return h(node.component, view);
});

interface ListRowProps extends RowProps {
  render: Parameters<WebComponentProps['repeat']>[1];
}

const ListRow = memo(function ListRow({
  node,
  locals,
  item,
  index,
  itemName,
  indexName,
  render,
}: ListRowProps): ReactNode {
  const { page } = usePage();
  const rowLocals = useMemo(
    () => rowScope(locals, itemName, indexName, item, index),
    [locals, item, index, itemName, indexName],
  );
  const element = renderNodes(node.children, rowLocals);
  if (!render) return element;
  const fire = (event: string, detail?: Record<string, unknown>) => {
    const actions = node.events?.[event];
    const scope = node.form ? { ...rowLocals, form: node.form } : rowLocals;
    if (actions && actions.length > 0) void page.run(actions, { ...scope, event: { detail: detail ?? {} } });
  };
  return render({ element, item, index, fire });
});

/** A repeat row's locals; `$row` (the row's index path) keeps element ids unique across copies. */
function rowScope(locals: Locals, itemName: string, indexName: string, item: unknown, index: number): Locals {
  const row = typeof locals.$row === 'string' ? `${locals.$row}-${index}` : String(index);
  return { ...locals, [itemName]: item, [indexName]: index, $row: row };
}

/** The DOM id of a node: its schema id, suffixed with the row path inside repeats (`item--0-2`). */
const domId = (node: CompiledNode, locals: Locals) =>
  typeof locals.$row === 'string' ? `${node.id}--${locals.$row}` : node.id;

function renderNodes(nodes: CompiledNode[] | undefined, locals: Locals): ReactNode {
  if (!nodes || nodes.length === 0) return null;
  return nodes.map((child) => h(NodeView, { key: child.id, node: child, locals }));
}

function evaluateProps(page: PageRuntime, node: CompiledNode, locals: Locals): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(node.props))
    out[name] = evaluate(page, value, locals, `${node.id} ${name}`);
  return out;
}

/** A field's value: the Form's value for its name, else the node's own (editable) copy of its value prop. */
function fieldOf(
  page: PageRuntime,
  node: CompiledNode,
  props: Record<string, unknown>,
  own: { value: unknown } | null,
  setOwn: (value: { value: unknown }) => void,
  changed: (detail: Record<string, unknown>) => void,
): WebComponentProps['field'] {
  if (node.field) {
    const { form, name } = node.field;
    return {
      value: page.formValues(form)[name] ?? null,
      error: page.formErrors(form)[name] ?? '',
      set: (value) => {
        void page.setField(form, name, value).then(() => changed({ value, name }));
      },
    };
  }
  const prop = node.valueProp ?? 'value';
  return {
    value: own ? own.value : props[prop],
    error: '',
    set: (value) => {
      setOwn({ value });
      changed({ value });
    },
  };
}
