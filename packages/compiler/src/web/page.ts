import { getComponent } from '@tessera/components';
import * as web from '@tessera/components/web';
import type { Path } from '@tessera/runtime-core';
import type { NodeSchema, PageSchema } from '@tessera/schema';
import { CompileError } from '../errors';
import { BASE_ROOTS, compileValue, isExpr } from '../values';

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

const js = (value: unknown) => JSON.stringify(value ?? null);

/** Generates the page module the web runtime renders: compiled values, resolved components, reads per node. */
export function generateWebPage(page: PageSchema, pageIndex: number): WebPageModule {
  const components = new Set<string>();
  const usedDefaults = new Set<string>();
  const warnings: string[] = [];
  const forms: string[] = [];
  const base = `/pages/${pageIndex}`;
  if (!page.root) throw new CompileError([{ pointer: `${base}/root`, message: 'the page has no root node' }]);

  const nodes = (list: NodeSchema[] | undefined, frame: Frame, pointer: string) =>
    `[${(list ?? []).map((child, i) => node(child, frame, `${pointer}/${i}`)).join(', ')}]`;

  function node(n: NodeSchema, outer: Frame, pointer: string): string {
    const meta = getComponent(n.component);
    const fields: string[] = [`id: ${js(n.id)}`, `name: ${js(n.component)}`];
    const deps: Path[] = [];
    let frame = outer;
    if (n.repeat) {
      const items = compileValue(n.repeat.items, frame.roots, `${pointer}/repeat/items`, frame.form);
      const item = n.repeat.item ?? 'item';
      const index = n.repeat.index ?? 'index';
      fields.push(
        `repeat: { items: ${items.code}, item: ${js(item)}, index: ${js(index)}${n.repeat.key ? `, key: ${js(n.repeat.key)}` : ''} }`,
      );
      fields.push(`repeatDeps: ${js(items.deps)}`);
      frame = { ...frame, roots: [...frame.roots, item, index] };
    }
    if (n.component === 'Form') {
      frame = { ...frame, form: n.id };
      forms.push(formDescriptor(n, frame, pointer));
    }
    if (frame.form) fields.push(`form: ${js(frame.form)}`);
    if (meta && Object.hasOwn(web, n.component)) {
      components.add(n.component);
      fields.push(`component: ${n.component}`);
    } else {
      warnings.push(
        `${pointer}: component "${n.component}" has no web implementation; rendered as a plain box`,
      );
      fields.push('component: null');
    }
    if (n.if !== undefined && n.if !== true) {
      const condition = compileValue(n.if, frame.roots, `${pointer}/if`, frame.form);
      deps.push(...condition.deps);
      fields.push(`if: ${condition.code}`);
    }
    // Default props are written once per component and module (`...defaults.Button`), not per node.
    const props: Record<string, unknown> = { ...defaultsOf(n.component), ...(n.props ?? {}) };
    let childRoots = frame.roots;
    if (n.component === 'List') {
      const item = typeof props.itemName === 'string' && props.itemName ? props.itemName : 'item';
      const index = typeof props.indexName === 'string' && props.indexName ? props.indexName : 'index';
      fields.push(
        `list: { item: ${js(item)}, index: ${js(index)}${typeof props.itemKey === 'string' ? `, key: ${js(props.itemKey)}` : ''} }`,
      );
      childRoots = [...frame.roots, item, index];
    }
    const compiledProps = Object.entries(n.props ?? {}).map(([name, value]) => {
      const compiled = compileValue(value, frame.roots, `${pointer}/props/${name}`, frame.form);
      deps.push(...compiled.deps);
      return `${js(name)}: ${compiled.code}`;
    });
    if (Object.keys(defaultsOf(n.component)).length > 0) {
      usedDefaults.add(n.component);
      compiledProps.unshift(`...defaults[${js(n.component)}]`);
    }
    fields.push(`props: { ${compiledProps.join(', ')} }`);
    if (n.style && Object.keys(n.style).length > 0) {
      const style = compileValue(n.style, frame.roots, `${pointer}/style`, frame.form);
      deps.push(...style.deps);
      fields.push(`style: ${style.code}`);
    }
    if (n.events && Object.keys(n.events).length > 0) {
      // List item taps see the row's item and index.
      const events = Object.entries(n.events).map(([event, actions]) => {
        const roots = n.component === 'List' && event === 'itemTap' ? childRoots : frame.roots;
        return `${js(event)}: ${compileValue(actions, [...roots, 'event'], `${pointer}/events/${event}`, frame.form).code}`;
      });
      fields.push(`events: { ${events.join(', ')} }`);
    }
    if (meta?.form) {
      fields.push(`valueProp: ${js(meta.form.valueProp)}`);
      if (frame.form && typeof props.name === 'string' && props.name && n.component !== 'Form') {
        fields.push(`field: { form: ${js(frame.form)}, name: ${js(props.name)} }`);
        deps.push(['forms', frame.form, 'values', props.name], ['forms', frame.form, 'errors', props.name]);
      }
    }
    const inner = { ...frame, roots: childRoots };
    if (n.children && n.children.length > 0)
      fields.push(`children: ${nodes(n.children, inner, `${pointer}/children`)}`);
    if (n.slots && Object.keys(n.slots).length > 0) {
      const slots = Object.entries(n.slots).map(
        ([name, list]) => `${js(name)}: ${nodes(list, frame, `${pointer}/slots/${name}`)}`,
      );
      fields.push(`slots: { ${slots.join(', ')} }`);
    }
    fields.push(`deps: ${js(dedupe(deps))}`);
    return `{ ${fields.join(', ')} }`;
  }

  function formDescriptor(form: NodeSchema, frame: Frame, pointer: string): string {
    const fields: string[] = [];
    const visit = (n: NodeSchema, at: string) => {
      const meta = getComponent(n.component);
      if (meta?.form && typeof n.props?.name === 'string' && n.props.name) {
        const field: Record<string, unknown> = { name: n.props.name };
        for (const key of ['required', 'pattern', 'maxLength', 'min', 'max', 'inputType']) {
          const value = n.props[key];
          if (value !== undefined && !isExpr(value) && value !== '' && value !== 0) field[key] = value;
        }
        const extra = ['label', 'errorMessage']
          .filter((key) => n.props?.[key] !== undefined)
          .map((key) => `${key}: ${compileValue(n.props?.[key], frame.roots, `${at}/props/${key}`).code}`);
        fields.push(`{ ${[js(field).slice(1, -1), ...extra].join(', ')} }`);
      }
      for (const [i, child] of (n.children ?? []).entries())
        if (child.component !== 'Form') visit(child, `${at}/children/${i}`);
    };
    for (const [i, child] of (form.children ?? []).entries()) visit(child, `${pointer}/children/${i}`);
    const initial = form.props?.initialValues;
    const events = Object.entries(form.events ?? {}).map(
      ([event, actions]) =>
        `${js(event)}: ${compileValue(actions, [...frame.roots, 'event'], `${pointer}/events/${event}`, form.id).code}`,
    );
    const initialCode =
      initial === undefined
        ? 'undefined'
        : compileValue(initial, frame.roots, `${pointer}/props/initialValues`).code;
    return `${js(form.id)}: { id: ${js(form.id)}, fields: [${fields.join(', ')}], initialValues: ${initialCode}, events: { ${events.join(', ')} } }`;
  }

  const roots = [...BASE_ROOTS];
  const root = node(page.root, { roots }, `${base}/root`);
  const descriptorFields = [`id: ${js(page.id)}`, `path: ${js(page.path)}`];
  if (page.title !== undefined)
    descriptorFields.push(`title: ${compileValue(page.title, roots, `${base}/title`).code}`);
  if (page.state) descriptorFields.push(`state: ${compileValue(page.state, roots, `${base}/state`).code}`);
  if (page.queries)
    descriptorFields.push(`queries: ${compileValue(page.queries, roots, `${base}/queries`).code}`);
  if (page.events)
    descriptorFields.push(`events: ${compileValue(page.events, [...roots], `${base}/events`).code}`);
  descriptorFields.push(`forms: { ${forms.join(', ')} }`);
  const used = [...components].sort();
  const code = [
    `import * as rt from '@tessera/expr/runtime';`,
    ...importsByModule(used),
    ...(usedDefaults.size > 0
      ? [
          `const defaults = { ${[...usedDefaults]
            .sort()
            .map((name) => `${js(name)}: ${compileValue(defaultsOf(name), [], '').code}`)
            .join(', ')} };`,
        ]
      : []),
    `export const descriptor = { ${descriptorFields.join(', ')} };`,
    `export const root = ${root};`,
    '',
  ].join('\n');
  return { code, components, warnings };
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
