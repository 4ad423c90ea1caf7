import { getComponent } from '@tessera/components';
import type { Path } from '@tessera/runtime-core';
import type { NodeSchema, PageSchema } from '@tessera/schema';
import { CompileError } from '../errors';
import { BASE_ROOTS, escapeToken, isExpr } from '../values';
import { contentHash } from './content-hash';
import { DATA_FILES } from './entry';
import { CompiledExpressions, dataModule, dataValue, escapedKeys, PageFunctions } from './page-data';
import { webModuleOf } from './pages-module';

/** A page's data module as an output file (`assets/<file>`), named by its content. */
export interface DataFile {
  file: string;
  text: string;
}

export interface WebPage {
  /** The data module (JSON data and expression functions), an output file beside the chunks, served as it is. */
  data: DataFile;
  warnings: string[];
}

interface Frame {
  roots: readonly string[];
  form?: string;
}

/** Generates the page the web runtime renders: compiled values, resolved components, reads per node. */
export function generateWebPage(
  page: PageSchema,
  pageIndex: number,
  /** Shared by the pages of one build. */
  expressions = new CompiledExpressions(),
): WebPage {
  const usedDefaults = new Set<string>();
  const warnings: string[] = [];
  const forms: Record<string, unknown> = {};
  const functions = new PageFunctions();
  const base = `/pages/${pageIndex}`;
  if (!page.root) throw new CompileError([{ pointer: `${base}/root`, message: 'the page has no root node' }]);
  const value = (input: unknown, roots: readonly string[], pointer: string, form?: string) =>
    dataValue(input, roots, pointer, functions, form, expressions);

  const nodes = (list: NodeSchema[] | undefined, frame: Frame, pointer: string) =>
    (list ?? []).map((child, i) => node(child, frame, `${pointer}/${i}`));

  function node(n: NodeSchema, outer: Frame, pointer: string): Record<string, unknown> {
    const meta = getComponent(n.component);
    const out: Record<string, unknown> = { id: n.id, name: n.component };
    const deps: Path[] = [];
    let frame = outer;
    if (n.repeat) {
      const items = value(n.repeat.items, frame.roots, `${pointer}/repeat/items`, frame.form);
      const item = n.repeat.item ?? 'item';
      const index = n.repeat.index ?? 'index';
      out.repeat = { items: items.data, item, index, ...(n.repeat.key ? { key: n.repeat.key } : {}) };
      out.repeatDeps = items.deps;
      frame = { ...frame, roots: withRoots(frame.roots, item, index) };
    }
    if (n.component === 'Form') {
      frame = { ...frame, form: n.id };
      forms[n.id] = formDescriptor(n, frame, pointer);
    }
    if (frame.form) out.form = frame.form;
    // The page's loader fetches the modules of the components it renders (pages-module.ts).
    if (!webModuleOf(n.component))
      warnings.push(
        `${pointer}: component "${n.component}" has no web implementation; rendered as a plain box`,
      );
    if (n.if !== undefined && n.if !== true) {
      const condition = value(n.if, frame.roots, `${pointer}/if`, frame.form);
      deps.push(...condition.deps);
      out.if = condition.data;
    }
    // Default props are written once per component and module (the runtime fills them in), not per node.
    const defaults = defaultsOf(n.component);
    if (defaults !== NO_DEFAULTS) usedDefaults.add(n.component);
    const prop = (name: string) => n.props?.[name] ?? defaults[name];
    let childRoots = frame.roots;
    if (n.component === 'List') {
      const itemName = prop('itemName');
      const indexName = prop('indexName');
      const itemKey = prop('itemKey');
      const item = typeof itemName === 'string' && itemName ? itemName : 'item';
      const index = typeof indexName === 'string' && indexName ? indexName : 'index';
      out.list = { item, index, ...(typeof itemKey === 'string' ? { key: itemKey } : {}) };
      childRoots = withRoots(frame.roots, item, index);
    }
    if (n.props) {
      // Each prop on its own: a prop named like a marker (`$expr`, `$i18n`) is still a prop.
      const compiledProps: Record<string, unknown> = {};
      let any = false;
      for (const name in n.props) {
        if (!Object.hasOwn(n.props, name)) continue;
        const compiled = value(
          n.props[name],
          frame.roots,
          `${pointer}/props/${escapeToken(name)}`,
          frame.form,
        );
        if (compiled.deps.length > 0) deps.push(...compiled.deps);
        compiledProps[name] = compiled.data;
        any = true;
      }
      if (any) out.props = escapedKeys(compiledProps);
    }
    if (n.style && Object.keys(n.style).length > 0) {
      const style = value(n.style, frame.roots, `${pointer}/style`, frame.form);
      deps.push(...style.deps);
      out.style = style.data;
    }
    if (n.events && Object.keys(n.events).length > 0) {
      // List item taps see the row's item and index.
      const events: Record<string, unknown> = {};
      for (const [event, actions] of Object.entries(n.events)) {
        const roots = n.component === 'List' && event === 'itemTap' ? childRoots : frame.roots;
        events[event] = value(
          actions,
          withRoots(roots, 'event'),
          `${pointer}/events/${event}`,
          frame.form,
        ).data;
      }
      out.events = escapedKeys(events);
    }
    if (meta?.form) {
      out.valueProp = meta.form.valueProp;
      const name = prop('name');
      if (frame.form && typeof name === 'string' && name && n.component !== 'Form') {
        out.field = { form: frame.form, name };
        deps.push(['forms', frame.form, 'values', name], ['forms', frame.form, 'errors', name]);
      }
    }
    const inner = childRoots === frame.roots ? frame : { ...frame, roots: childRoots };
    if (n.children && n.children.length > 0) out.children = nodes(n.children, inner, `${pointer}/children`);
    if (n.slots && Object.keys(n.slots).length > 0) {
      const slots: Record<string, unknown> = {};
      for (const [name, list] of Object.entries(n.slots))
        slots[name] = nodes(list, frame, `${pointer}/slots/${name}`);
      out.slots = slots;
    }
    const read = dedupe(deps);
    if (read.length > 0) out.deps = read;
    return out;
  }

  function formDescriptor(form: NodeSchema, frame: Frame, pointer: string): Record<string, unknown> {
    const fields: Record<string, unknown>[] = [];
    const visit = (n: NodeSchema, at: string) => {
      const meta = getComponent(n.component);
      if (meta?.form && typeof n.props?.name === 'string' && n.props.name) {
        const field: Record<string, unknown> = { name: n.props.name };
        for (const key of ['required', 'pattern', 'maxLength', 'min', 'max', 'inputType']) {
          const literal = n.props[key];
          if (literal !== undefined && !isExpr(literal) && literal !== '' && literal !== 0)
            field[key] = value(literal, [], `${at}/props/${key}`).data;
        }
        for (const key of ['label', 'errorMessage'])
          if (n.props[key] !== undefined)
            field[key] = value(n.props[key], frame.roots, `${at}/props/${key}`).data;
        fields.push(field);
      }
      for (const [i, child] of (n.children ?? []).entries())
        if (child.component !== 'Form') visit(child, `${at}/children/${i}`);
    };
    for (const [i, child] of (form.children ?? []).entries()) visit(child, `${pointer}/children/${i}`);
    const initial = form.props?.initialValues;
    const events: Record<string, unknown> = {};
    for (const [event, actions] of Object.entries(form.events ?? {}))
      events[event] = value(
        actions,
        withRoots(frame.roots, 'event'),
        `${pointer}/events/${event}`,
        form.id,
      ).data;
    return {
      id: form.id,
      fields,
      ...(initial === undefined
        ? {}
        : { initialValues: value(initial, frame.roots, `${pointer}/props/initialValues`).data }),
      events: escapedKeys(events),
    };
  }

  const roots = BASE_ROOTS;
  const root = node(page.root, { roots }, `${base}/root`);
  const descriptor: Record<string, unknown> = { id: page.id, path: page.path };
  if (page.title !== undefined) descriptor.title = value(page.title, roots, `${base}/title`).data;
  if (page.state) descriptor.state = value(page.state, roots, `${base}/state`).data;
  if (page.queries) descriptor.queries = value(page.queries, roots, `${base}/queries`).data;
  if (page.events) descriptor.events = value(page.events, roots, `${base}/events`).data;
  descriptor.forms = escapedKeys(forms);
  const defaults: Record<string, unknown> = {};
  for (const name of [...usedDefaults].sort()) defaults[name] = value(defaultsOf(name), [], '').data;
  const text = dataModule({ defaults, descriptor, root }, functions);
  const data = { file: `${DATA_FILES}${page.id.replace(/[^\w-]/g, '_')}-${contentHash(text)}.js`, text };
  return { data, warnings };
}

const derivedRoots = new WeakMap<readonly string[], Map<string, readonly string[]>>();

/**
 * `roots` and more names, as one frozen list per base list and names: expression parsing knows a
 * scope it has seen by its (frozen) list, and nodes with events or repeats ask for the same ones.
 */
function withRoots(roots: readonly string[], ...extra: string[]): readonly string[] {
  let byExtra = derivedRoots.get(roots);
  if (!byExtra) {
    byExtra = new Map();
    derivedRoots.set(roots, byExtra);
  }
  const key = extra.join('\u0000');
  let list = byExtra.get(key);
  if (!list) {
    list = Object.freeze([...roots, ...extra]);
    byExtra.set(key, list);
  }
  return list;
}

const defaultProps = new Map<string, Record<string, unknown>>();
const NO_DEFAULTS: Record<string, unknown> = Object.freeze({});

/** A component's default prop values from its metadata (literals: no expressions); NO_DEFAULTS when it has none. */
function defaultsOf(component: string): Record<string, unknown> {
  let defaults = defaultProps.get(component);
  if (!defaults) {
    const found: Record<string, unknown> = {};
    for (const [name, prop] of Object.entries(getComponent(component)?.props ?? {}))
      if (prop?.default !== undefined) found[name] = prop.default;
    defaults = Object.keys(found).length > 0 ? found : NO_DEFAULTS;
    defaultProps.set(component, defaults);
  }
  return defaults;
}

function dedupe(paths: Path[]): Path[] {
  const seen = new Set<string>();
  return paths.filter((path) => {
    const key = path.join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
