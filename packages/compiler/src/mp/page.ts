import { getComponent } from '@tessera/components';
import type { Path } from '@tessera/runtime-core';
import { FILE_URLS, styleText } from '@tessera/runtime-mp';
import type { NodeSchema, PageSchema } from '@tessera/schema';
import { mpComponents } from '../../../components/src/mp/index';
import type { MpNodeContext } from '../../../components/src/mp/types';
import { CompileError } from '../errors';
import { BASE_ROOTS, type CompiledValue, compileValue, isExpr, isI18n } from '../values';
import { escapeAttr, escapeText, identifier, needsBinding } from './escape';

export interface MpPageOptions {
  /** Convert px lengths in node styles to rpx (1px = 2rpx on the 750-wide design). */
  rpx: boolean;
  locale: string;
}

export interface GeneratedPage {
  wxml: string;
  /** JS source of the view spec (bindings and repeats) and the handler table. */
  viewCode: string;
  handlersCode: string;
  formsCode: string;
  components: Set<string>;
  warnings: string[];
}

interface Level {
  /** Binding and repeat specs (JS source) collected at this repeat level. */
  bindings: string[];
  repeats: string[];
  deps: Path[];
}

interface Frame {
  roots: string[];
  /** Repeat keys from the outside in, with the WXML names of their row and index. */
  repeats: { key: string; row: string; index: string }[];
  form?: string;
  level: Level;
}

/** Everything the compiler emits for one page: WXML, and the view and handler specs the runtime reads. */
export function generatePage(page: PageSchema, pageIndex: number, options: MpPageOptions): GeneratedPage {
  let counter = 0;
  const next = (prefix: string) => `${prefix}${counter++}`;
  const top: Level = { bindings: [], repeats: [], deps: [] };
  const handlers: string[] = [];
  const forms: string[] = [];
  const components = new Set<string>();
  const warnings: string[] = [];
  const methodNames = new Set<string>();

  const dataRef = (frame: Frame, key: string) => {
    const row = frame.repeats.at(-1);
    return row ? `${row.row}.${key}` : key;
  };

  const addBinding = (frame: Frame, spec: Record<string, string>, deps: Path[]) => {
    // Inside a Form, `form.<field>` reads that form's values (the runtime adds it to the locals).
    if (frame.form && spec.value !== undefined) spec.form = JSON.stringify(frame.form);
    const key = next('b');
    const fields = Object.entries(spec).map(([name, code]) => `${name}: ${code}`);
    frame.level.bindings.push(
      `{ key: ${JSON.stringify(key)}, ${fields.join(', ')}, deps: ${JSON.stringify(deps)} }`,
    );
    frame.level.deps.push(...deps);
    return dataRef(frame, key);
  };

  const bindValue = (frame: Frame, value: CompiledValue, kind: 'text' | 'raw' | 'bool' | 'style' | 'rich') =>
    addBinding(frame, { kind: JSON.stringify(kind), value: value.code }, value.deps);

  const ixAttr = (frame: Frame) =>
    frame.repeats.length === 0 ? '' : ` data-ix="{{[${frame.repeats.map((r) => r.index).join(', ')}]}}"`;

  const addHandler = (node: NodeSchema, event: string, frame: Frame, spec: Record<string, string>) => {
    let name = `on_${identifier(node.id)}_${identifier(event)}`;
    while (methodNames.has(name)) name = `${name}_`;
    methodNames.add(name);
    const fields = Object.entries(spec).map(([field, code]) => `${field}: ${code}`);
    const repeats = JSON.stringify(frame.repeats.map((r) => r.key));
    handlers.push(
      `${JSON.stringify(name)}: { repeats: ${repeats}, form: ${JSON.stringify(frame.form ?? null)}, ${fields.join(', ')} }`,
    );
    return name;
  };

  const renderNodes = (nodes: NodeSchema[] | undefined, frame: Frame, pointer: string) =>
    (nodes ?? []).map((child, i) => renderNode(child, frame, `${pointer}/${i}`)).join('');

  function renderNode(node: NodeSchema, outer: Frame, pointer: string): string {
    let frame = outer;
    let prefix = '';
    let suffix = '';
    let finish = () => {};
    if (node.repeat) {
      const itemName = node.repeat.item ?? 'item';
      const indexName = node.repeat.index ?? 'index';
      const opened = openRepeat(
        frame,
        node.repeat.items,
        itemName,
        indexName,
        node.repeat.key,
        `${pointer}/repeat/items`,
      );
      frame = opened.frame;
      prefix += opened.open;
      suffix = opened.close + suffix;
      finish = opened.finish;
    }
    if (node.if !== undefined && node.if !== true) {
      const condition = compileValue(node.if, frame.roots, `${pointer}/if`, frame.form);
      const test = condition.dynamic
        ? `{{${bindValue(frame, condition, 'bool')}}}`
        : node.if
          ? '{{true}}'
          : '{{false}}';
      prefix += `<block wx:if="${test}">`;
      suffix = `</block>${suffix}`;
    }
    const element = renderElement(node, frame, pointer);
    finish();
    return prefix + element + suffix;
  }

  function openRepeat(
    frame: Frame,
    items: unknown,
    itemName: string,
    indexName: string,
    itemKey: string | undefined,
    pointer: string,
  ) {
    const key = next('r');
    const level: Level = { bindings: [], repeats: [], deps: [] };
    const inner: Frame = {
      roots: [...frame.roots, itemName, indexName],
      repeats: [...frame.repeats, { key, row: `$${key}`, index: `$i${key.slice(1)}` }],
      level,
      ...(frame.form ? { form: frame.form } : {}),
    };
    const compiled = compileValue(items, frame.roots, pointer, frame.form);
    const listRef = dataRef(frame, key);
    const open = `<block wx:for="{{${listRef}}}" wx:for-item="$${key}" wx:for-index="$i${key.slice(1)}" wx:key="k">`;
    const finish = () => {
      const deps = [...compiled.deps, ...level.deps];
      frame.level.repeats.push(
        `{ key: ${JSON.stringify(key)}, items: ${compiled.code}, item: ${JSON.stringify(itemName)}, index: ${JSON.stringify(indexName)}, itemKey: ${JSON.stringify(itemKey ?? null)}, bindings: [${level.bindings.join(', ')}], repeats: [${level.repeats.join(', ')}], deps: ${JSON.stringify(deps)} }`,
      );
      frame.level.deps.push(...deps);
    };
    return { frame: inner, open, close: '</block>', finish, key };
  }

  function renderElement(node: NodeSchema, frame: Frame, pointer: string): string {
    const meta = getComponent(node.component);
    const impl = mpComponents[node.component];
    if (!meta || !impl) {
      warnings.push(
        `${pointer}: component "${node.component}" has no mini-program implementation; rendered as a plain view`,
      );
      return `<view id="${escapeAttr(node.id)}">${renderNodes(node.children, frame, `${pointer}/children`)}</view>`;
    }
    components.add(node.component);
    let form = frame.form;
    if (node.component === 'Form') {
      form = node.id;
      const fields: string[] = [];
      collectFields(node, fields, frame.roots, pointer);
      const events = Object.entries(node.events ?? {}).map(
        ([event, actions]) =>
          `${JSON.stringify(event)}: ${compileValue(actions, frame.roots, `${pointer}/events/${event}`, node.id).code}`,
      );
      const initial = node.props?.initialValues;
      forms.push(
        `${JSON.stringify(node.id)}: { id: ${JSON.stringify(node.id)}, fields: [${fields.join(', ')}], initialValues: ${initial === undefined ? 'undefined' : compileValue(initial, frame.roots, `${pointer}/props/initialValues`).code}, events: { ${events.join(', ')} } }`,
      );
    }
    const inner: Frame = form ? { ...frame, form } : frame;
    const handled = new Set<string>(node.component === 'Form' ? Object.keys(node.events ?? {}) : []);
    const props = node.props ?? {};
    const propValue = (prop: string): unknown => (prop in props ? props[prop] : meta.props[prop]?.default);

    const bindProp = (
      prop: string,
      kind: 'text' | 'raw' | 'bool' | 'rich',
      force = false,
    ): string | undefined => {
      const value = propValue(prop);
      if (value === undefined) return undefined;
      if (!force && !isExpr(value) && !isI18n(value) && kind !== 'rich' && kind !== 'raw') return undefined;
      const compiled = compileValue(value, inner.roots, `${pointer}/props/${prop}`, form);
      return bindValue(inner, compiled, kind);
    };

    const literalText = (value: unknown): string | undefined => {
      if (value === undefined || value === null) return '';
      if (typeof value === 'string') return needsBinding(value) ? undefined : value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      return undefined;
    };

    let fieldParts: ReturnType<MpNodeContext['field']> | undefined;
    const ctx: MpNodeContext = {
      attr(prop) {
        const value = propValue(prop);
        if (derived[prop]) return `{{${derived[prop]()}}}`;
        if (value === undefined) return '';
        const text = literalText(value);
        if (text !== undefined && !isExpr(value) && !isI18n(value)) return escapeAttr(text);
        if (typeof value === 'string') return `{{${bindProp(prop, 'text', true)}}}`;
        const isList =
          Array.isArray(value) ||
          (value !== null && typeof value === 'object' && !isExpr(value) && !isI18n(value));
        return `{{${bindProp(prop, isList || meta.props[prop]?.type === 'array' ? 'raw' : meta.props[prop]?.type === 'boolean' ? 'bool' : meta.props[prop]?.type === 'text' ? 'text' : 'raw')}}}`;
      },
      text(prop) {
        const value = propValue(prop);
        if (value === undefined) return '';
        const text = literalText(value);
        if (text !== undefined && !isExpr(value) && !isI18n(value)) return escapeText(text);
        return `{{${bindProp(prop, 'text', true)}}}`;
      },
      literal(prop) {
        const value = propValue(prop);
        return isExpr(value) ? undefined : isI18n(value) ? undefined : value;
      },
      root(className, style) {
        const styleText = [style, styleOf(node, inner, pointer)].filter(Boolean).join(';');
        return ` id="${escapeAttr(node.id)}" class="${className}"${styleText ? ` style="${styleText}"` : ''}`;
      },
      on(event, wxEvent) {
        const actions = node.events?.[event] ?? implicitActions(node.component, event, propValue);
        const submit =
          node.component === 'Button' &&
          event === 'tap' &&
          form &&
          (propValue('formType') === 'submit' || propValue('formType') === 'reset')
            ? String(propValue('formType'))
            : undefined;
        // An image that fails to load (an Image, an Upload's thumbnail) is shown as broken: the
        // runtime reads the <image>'s data-src.
        const image = event === 'error' && (node.component === 'Image' || node.component === 'Upload');
        if (!actions && !submit && !image) return '';
        handled.add(event);
        const spec: Record<string, string> = {
          actions: actions
            ? compileValue(actions, [...inner.roots], `${pointer}/events/${event}`, form).code
            : '[]',
        };
        if (submit) spec[submit] = JSON.stringify(form);
        if (image) spec.image = 'true';
        return ` bind${wxEvent}="${addHandler(node, event, inner, spec)}"${ixAttr(inner)}`;
      },
      children: () => renderNodes(node.children, inner, `${pointer}/children`),
      slot: (name) => renderNodes(node.slots?.[name], inner, `${pointer}/slots/${name}`),
      field() {
        if (fieldParts) return fieldParts;
        const name = props.name;
        const inForm = form !== undefined && typeof name === 'string';
        const valueProp = meta.form?.valueProp ?? 'value';
        const kind = fieldKind(node.component);
        const value = inForm
          ? addBinding(inner, { kind: '"raw"', field: JSON.stringify([form, name]) }, [
              ['forms', form ?? '', 'values', String(name)],
            ])
          : (bindProp(valueProp, 'raw') ?? addBinding(inner, { kind: '"raw"', value: 'null' }, []));
        const error = inForm
          ? `{{${addBinding(inner, { kind: '"text"', error: JSON.stringify([form, name]) }, [['forms', form ?? '', 'errors', String(name)]])}}}`
          : '';
        fieldParts = {
          value: `{{${value}}}`,
          key: value,
          error,
          change: (wxEvent) => {
            const own = ['input', 'change'].filter((event) => node.events?.[event]);
            for (const event of own) handled.add(event);
            const actions = own.flatMap((event) => node.events?.[event] ?? []);
            if (!inForm && actions.length === 0 && kind !== 'upload') return '';
            const spec: Record<string, string> = {
              actions: compileValue(actions, inner.roots, `${pointer}/events`, form).code,
              field: JSON.stringify({ form: inForm ? form : null, name: inForm ? name : null, kind }),
            };
            if (kind === 'select')
              spec.options = compileValue(
                propValue('options') ?? [],
                inner.roots,
                `${pointer}/props/options`,
                form,
              ).code;
            if (kind === 'upload') {
              spec.upload = JSON.stringify({
                folder: propValue('folder') ?? 'uploads',
                maxSizeMB: propValue('maxSize') ?? 10,
                accept: propValue('accept') ?? 'image',
              });
            }
            return ` bind${wxEvent}="${addHandler(node, wxEvent, inner, spec)}"${ixAttr(inner)}`;
          },
        };
        return fieldParts;
      },
      ui(name) {
        const initial = node.component === 'Tabs' ? firstPane(node) : (propValue(name) ?? 0);
        const active = propValue('active');
        const start = node.component === 'Tabs' && typeof active === 'string' && active ? active : initial;
        return addBinding(inner, { kind: '"raw"', ui: JSON.stringify([node.id, name, start ?? null]) }, [
          ['ui', node.id, name],
        ]);
      },
      setUi(name, wxEvent, _value) {
        const method = addHandler(node, `${name}_${wxEvent}`, inner, {
          actions: node.events?.change
            ? compileValue(node.events.change, inner.roots, `${pointer}/events/change`, form).code
            : '[]',
          setUi: JSON.stringify([node.id, name]),
        });
        handled.add('change');
        return ` bind${wxEvent}="${method}"`;
      },
      image(prop) {
        const value = compileValue(propValue(prop) ?? null, inner.roots, `${pointer}/props/${prop}`, form);
        return addBinding(inner, { kind: '"raw"', derive: '"image"', value: value.code }, [
          ...value.deps,
          FILE_URLS,
        ]);
      },
      files() {
        const name = props.name;
        if (form !== undefined && typeof name === 'string')
          return addBinding(
            inner,
            { kind: '"raw"', derive: '"files"', field: JSON.stringify([form, name]) },
            [['forms', form, 'values', name], FILE_URLS],
          );
        const value = compileValue(propValue('value') ?? [], inner.roots, `${pointer}/props/value`, form);
        return addBinding(inner, { kind: '"raw"', derive: '"files"', value: value.code }, [
          ...value.deps,
          FILE_URLS,
        ]);
      },
      repeatChildren() {
        const opened = openRepeat(
          inner,
          propValue('data') ?? [],
          String(propValue('itemName') ?? 'item'),
          String(propValue('indexName') ?? 'index'),
          typeof propValue('itemKey') === 'string' ? String(propValue('itemKey')) : undefined,
          `${pointer}/props/data`,
        );
        let body = renderNodes(node.children, opened.frame, `${pointer}/children`);
        const tap = node.events?.itemTap;
        if (tap) {
          handled.add('itemTap');
          const spec = {
            actions: compileValue(tap, opened.frame.roots, `${pointer}/events/itemTap`, form).code,
            item: JSON.stringify(opened.key),
          };
          body = `<view class="t-list__item" bindtap="${addHandler(node, 'itemTap', opened.frame, spec)}"${ixAttr(opened.frame)}>${body}</view>`;
        }
        opened.finish();
        return opened.open + body + opened.close;
      },
    };

    const derived: Record<string, () => string> = {
      isEmpty: () => {
        const data = compileValue(propValue('data') ?? [], inner.roots, `${pointer}/props/data`, form);
        return addBinding(inner, { kind: '"raw"', derive: '"isEmpty"', value: data.code }, data.deps);
      },
      tabs: () => {
        const panes = (node.children ?? []).map((pane, i) => ({
          name: pane.props?.name ?? String(i),
          title: pane.props?.title ?? '',
        }));
        const compiled = compileValue(panes, inner.roots, `${pointer}/children`, form);
        return addBinding(inner, { kind: '"raw"', value: compiled.code }, compiled.deps);
      },
      isActive: () => {
        const parent = parents.get(node.id);
        const name =
          typeof props.name === 'string' ? props.name : String(parent?.children?.indexOf(node) ?? 0);
        const start = parent
          ? typeof parent.props?.active === 'string' && parent.props.active
            ? parent.props.active
            : firstPane(parent)
          : name;
        return addBinding(
          inner,
          {
            kind: '"raw"',
            derive: '"isActive"',
            ui: JSON.stringify([parent?.id ?? node.id, 'active', start]),
            value: JSON.stringify(name),
          },
          [['ui', parent?.id ?? node.id, 'active']],
        );
      },
      heads: () => {
        const columns = compileValue(
          propValue('columns') ?? [],
          inner.roots,
          `${pointer}/props/columns`,
          form,
        );
        return addBinding(
          inner,
          { kind: '"raw"', derive: '"tableHeads"', value: columns.code },
          columns.deps,
        );
      },
      rows: () => {
        const table = compileValue(
          {
            data: propValue('data') ?? [],
            columns: propValue('columns') ?? [],
            rowKey: propValue('rowKey') ?? '_id',
          },
          inner.roots,
          `${pointer}/props`,
          form,
        );
        return addBinding(inner, { kind: '"raw"', derive: '"tableRows"', value: table.code }, table.deps);
      },
    };
    if (node.component === 'RichText') {
      derived.content = () => {
        const content = compileValue(
          propValue('content') ?? '',
          inner.roots,
          `${pointer}/props/content`,
          form,
        );
        return addBinding(inner, { kind: '"rich"', value: content.code }, content.deps);
      };
    }
    if (
      node.component === 'Select' ||
      node.component === 'RadioGroup' ||
      node.component === 'CheckboxGroup'
    ) {
      derived.options = () => {
        const options = compileValue(
          propValue('options') ?? [],
          inner.roots,
          `${pointer}/props/options`,
          form,
        );
        return addBinding(inner, { kind: '"raw"', derive: '"options"', value: options.code }, options.deps);
      };
    }
    if (node.component === 'QRCode') {
      derived.image = () => {
        const props = Object.fromEntries(
          ['value', 'errorLevel', 'color', 'backgroundColor'].map((prop) => [prop, propValue(prop) ?? null]),
        );
        const qr = compileValue(props, inner.roots, `${pointer}/props`, form);
        return addBinding(inner, { kind: '"raw"', derive: '"qrcode"', value: qr.code }, qr.deps);
      };
    }
    for (const child of [...(node.children ?? []), ...Object.values(node.slots ?? {}).flat()])
      if (child) parents.set(child.id, node);
    const wxml = impl.wxml(ctx);
    for (const event of Object.keys(node.events ?? {})) {
      if (!handled.has(event))
        warnings.push(
          `${pointer}/events/${event}: ${node.component} does not fire "${event}" in mini-programs`,
        );
    }
    return wxml;
  }

  function collectFields(formNode: NodeSchema, out: string[], roots: string[], pointer: string) {
    const visit = (node: NodeSchema, at: string) => {
      const meta = getComponent(node.component);
      if (meta?.form && typeof node.props?.name === 'string') {
        const field: Record<string, unknown> = { name: node.props.name };
        for (const key of ['required', 'pattern', 'maxLength', 'min', 'max', 'inputType']) {
          const value = node.props[key];
          if (value !== undefined && !isExpr(value) && value !== '' && value !== 0) field[key] = value;
        }
        const extra = ['label', 'errorMessage']
          .filter((key) => node.props?.[key] !== undefined)
          .map((key) => `${key}: ${compileValue(node.props?.[key], roots, `${at}/props/${key}`).code}`);
        out.push(`{ ${[JSON.stringify(field).slice(1, -1), ...extra].filter(Boolean).join(', ')} }`);
      }
      for (const [i, child] of (node.children ?? []).entries())
        if (child.component !== 'Form') visit(child, `${at}/children/${i}`);
    };
    for (const [i, child] of (formNode.children ?? []).entries()) visit(child, `${pointer}/children/${i}`);
  }

  function styleOf(node: NodeSchema, frame: Frame, pointer: string): string {
    const style = node.style;
    if (!style || Object.keys(style).length === 0) return '';
    const dynamic = Object.values(style).some((value) => isExpr(value) || isI18n(value));
    if (dynamic) {
      const compiled = compileValue(style, frame.roots, `${pointer}/style`, frame.form);
      return `{{${addBinding(frame, { kind: '"style"', value: compiled.code, rpx: String(options.rpx) }, compiled.deps)}}}`;
    }
    return escapeAttr(styleText(style as Record<string, unknown>, options.rpx));
  }

  const parents = new Map<string, NodeSchema>();
  const root: Frame = { roots: [...BASE_ROOTS], repeats: [], level: top };
  const pointer = `/pages/${pageIndex}/root`;
  if (!page.root) throw new CompileError([{ pointer, message: 'the page has no root node' }]);
  const wxml = renderNode(page.root, root, pointer);
  const viewCode = `{ bindings: [${top.bindings.join(',\n    ')}], repeats: [${top.repeats.join(',\n    ')}] }`;
  return {
    wxml: `${wxml}\n`,
    viewCode,
    handlersCode: `{\n  ${handlers.join(',\n  ')}\n}`,
    formsCode: `{ ${forms.join(', ')} }`,
    components,
    warnings,
  };
}

/**
 * What a component does by itself when the builder gave it no actions: a Link opens its page
 * or URL, a NavBar's back arrow goes back.
 */
function implicitActions(
  component: string,
  event: string,
  prop: (name: string) => unknown,
): unknown[] | undefined {
  if (component === 'Link' && event === 'tap') {
    const page = prop('page');
    if (typeof page === 'string' && page) return [{ type: 'navigate', page, params: prop('params') ?? {} }];
    const url = prop('url');
    if (url) return [{ type: 'openUrl', url, target: prop('newWindow') === true ? 'blank' : 'self' }];
  }
  if (component === 'NavBar' && event === 'back') return [{ type: 'navigateBack' }];
  return undefined;
}

function firstPane(tabs: NodeSchema): string {
  const first = tabs.children?.[0];
  return typeof first?.props?.name === 'string' ? first.props.name : '0';
}

function fieldKind(component: string): string {
  switch (component) {
    case 'Switch':
      return 'switch';
    case 'Select':
      return 'select';
    case 'CheckboxGroup':
      return 'checkbox';
    case 'NumberInput':
      return 'number';
    case 'Upload':
      return 'upload';
    default:
      return 'text';
  }
}
