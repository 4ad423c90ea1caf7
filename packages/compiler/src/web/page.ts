import { getComponent } from '@tessera/components';
import * as web from '@tessera/components/web';
import type { Path } from '@tessera/runtime-core';
import type { NodeSchema, PageSchema } from '@tessera/schema';
import { CompileError } from '../errors';
import { BASE_ROOTS, isExpr } from '../values';
import { dataValue, FUNCTION_KEY, jsonLiteral, LITERAL_KEY, PageFunctions } from './page-data';

export interface WebPageModule {
  /** ES module source: imports the components it uses and exports `descriptor` and `root`. */
  code: string;
  components: Set<string>;
  warnings: string[];
}

interface Frame {
  roots: string[];
  form?: string;
}

/** Generates the page module the web runtime renders: compiled values, resolved components, reads per node. */
export function generateWebPage(page: PageSchema, pageIndex: number): WebPageModule {
  const components = new Set<string>();
  const usedDefaults = new Set<string>();
  const warnings: string[] = [];
  const forms: Record<string, unknown> = {};
  const functions = new PageFunctions();
  const base = `/pages/${pageIndex}`;
  if (!page.root) throw new CompileError([{ pointer: `${base}/root`, message: 'the page has no root node' }]);
  const value = (input: unknown, roots: readonly string[], pointer: string, form?: string) =>
    dataValue(input, roots, pointer, functions, form);

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
      frame = { ...frame, roots: [...frame.roots, item, index] };
    }
    if (n.component === 'Form') {
      frame = { ...frame, form: n.id };
      forms[n.id] = formDescriptor(n, frame, pointer);
    }
    if (frame.form) out.form = frame.form;
    if (meta && Object.hasOwn(web, n.component)) components.add(n.component);
    else
      warnings.push(
        `${pointer}: component "${n.component}" has no web implementation; rendered as a plain box`,
      );
    if (n.if !== undefined && n.if !== true) {
      const condition = value(n.if, frame.roots, `${pointer}/if`, frame.form);
      deps.push(...condition.deps);
      out.if = condition.data;
    }
    // Default props are written once per component and module (the runtime fills them in), not per node.
    const props: Record<string, unknown> = { ...defaultsOf(n.component), ...(n.props ?? {}) };
    if (Object.keys(defaultsOf(n.component)).length > 0) usedDefaults.add(n.component);
    let childRoots = frame.roots;
    if (n.component === 'List') {
      const item = typeof props.itemName === 'string' && props.itemName ? props.itemName : 'item';
      const index = typeof props.indexName === 'string' && props.indexName ? props.indexName : 'index';
      out.list = { item, index, ...(typeof props.itemKey === 'string' ? { key: props.itemKey } : {}) };
      childRoots = [...frame.roots, item, index];
    }
    const compiledProps: Record<string, unknown> = {};
    for (const [name, input] of Object.entries(n.props ?? {})) {
      const compiled = value(input, frame.roots, `${pointer}/props/${name}`, frame.form);
      deps.push(...compiled.deps);
      compiledProps[name] = compiled.data;
    }
    if (Object.keys(compiledProps).length > 0) out.props = escapedKeys(compiledProps);
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
        events[event] = value(actions, [...roots, 'event'], `${pointer}/events/${event}`, frame.form).data;
      }
      out.events = escapedKeys(events);
    }
    if (meta?.form) {
      out.valueProp = meta.form.valueProp;
      if (frame.form && typeof props.name === 'string' && props.name && n.component !== 'Form') {
        out.field = { form: frame.form, name: props.name };
        deps.push(['forms', frame.form, 'values', props.name], ['forms', frame.form, 'errors', props.name]);
      }
    }
    const inner = { ...frame, roots: childRoots };
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
      events[event] = value(actions, [...frame.roots, 'event'], `${pointer}/events/${event}`, form.id).data;
    return {
      id: form.id,
      fields,
      ...(initial === undefined
        ? {}
        : { initialValues: value(initial, frame.roots, `${pointer}/props/initialValues`).data }),
      events: escapedKeys(events),
    };
  }

  const roots = [...BASE_ROOTS];
  const root = node(page.root, { roots }, `${base}/root`);
  const descriptor: Record<string, unknown> = { id: page.id, path: page.path };
  if (page.title !== undefined) descriptor.title = value(page.title, roots, `${base}/title`).data;
  if (page.state) descriptor.state = value(page.state, roots, `${base}/state`).data;
  if (page.queries) descriptor.queries = value(page.queries, roots, `${base}/queries`).data;
  if (page.events) descriptor.events = value(page.events, roots, `${base}/events`).data;
  descriptor.forms = escapedKeys(forms);
  const defaults: Record<string, unknown> = {};
  for (const name of [...usedDefaults].sort()) defaults[name] = value(defaultsOf(name), [], '').data;
  const used = [...components].sort();
  const code = [
    `import * as rt from '@tessera/expr/runtime';`,
    `import { hydratePage } from '@tessera/runtime-web/page-data';`,
    ...importsByModule(used),
    `const f = [${functions.sources.map((source) => `\n  ${source}`).join(',')}${functions.sources.length > 0 ? '\n' : ''}];`,
    `export const { descriptor, root } = hydratePage(JSON.parse(${jsonLiteral({ defaults, descriptor, root })}), f, { ${used.join(', ')} });`,
    '',
  ].join('\n');
  return { code, components, warnings };
}

/** A record whose keys are names the builder chose (events, forms, props): escaped if one reads as a marker. */
function escapedKeys(record: Record<string, unknown>): Record<string, unknown> {
  return Object.hasOwn(record, FUNCTION_KEY) || Object.hasOwn(record, LITERAL_KEY)
    ? { [LITERAL_KEY]: record }
    : record;
}

const defaultProps = new Map<string, Record<string, unknown>>();

/** A component's default prop values from its metadata (literals: no expressions). */
function defaultsOf(component: string): Record<string, unknown> {
  let defaults = defaultProps.get(component);
  if (!defaults) {
    defaults = {};
    for (const [name, prop] of Object.entries(getComponent(component)?.props ?? {}))
      if (prop?.default !== undefined) defaults[name] = prop.default;
    defaultProps.set(component, defaults);
  }
  return defaults;
}

/** One import per component module, so a page pulls in only the modules it uses. */
function importsByModule(used: string[]): string[] {
  const byModule = new Map<string, string[]>();
  for (const name of used) {
    const module = web.webModules[name] ?? 'index';
    byModule.set(module, [...(byModule.get(module) ?? []), name]);
  }
  return [...byModule].map(
    ([module, names]) => `import { ${names.join(', ')} } from '@tessera/components/web/${module}';`,
  );
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
