// Checks JSON Schema cannot express: ids and references across the document, expressions,
// and component rules from the catalogue. One pass over the document; tolerant of malformed
// input (it may run on a document that failed structural validation) and never throws.
import { APP_ROOTS, type ExprReference, type ParseResult } from '@tessera/expr';
import { describeValue, quote } from './describe';
import { expressionParser, lineColumn, RULE_ROOTS } from './expressions';
import type { ComponentMeta } from './generated/types';
import type { SchemaIssue } from './issues';
import { escapeToken } from './pointer';

export type ComponentCatalogue = Record<string, ComponentMeta>;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const keysOf = (v: unknown): Set<string> => new Set(isObject(v) ? Object.keys(v) : []);

/** Names that repeat item/index may not take: they would hide a standard root. */
const RESERVED_ROOTS: ReadonlySet<string> = new Set(APP_ROOTS);

const ACTION_LIST_FIELDS = new Set(['onSuccess', 'onError', 'then', 'else', 'onConfirm', 'onCancel']);

/** What names are readable where an expression sits. */
interface Scope {
  roots: string[];
  /** cache key of `roots` */
  key: string;
  /** page state names; null outside a page */
  pageState: Set<string> | null;
  pageQueries: Set<string>;
  /** page params (declared and from the path); null outside a page */
  params: Set<string> | null;
  /** scopes with more roots, made once per page: nodes with events or repeats reuse them */
  derived: Map<string, Scope>;
  /** parseExpression for these roots, cached */
  parse: (source: string) => ParseResult;
}

function makeScope(base: Omit<Scope, 'key' | 'derived' | 'parse'>): Scope {
  return { ...base, key: base.roots.join(','), derived: new Map(), parse: expressionParser(base.roots) };
}

function withRoots(scope: Scope, extra: string[]): Scope {
  const memoKey = extra.join(',');
  let derived = scope.derived.get(memoKey);
  if (!derived) {
    const roots = [...scope.roots];
    for (const r of extra) if (!roots.includes(r)) roots.push(r);
    derived = makeScope({
      pageState: scope.pageState,
      pageQueries: scope.pageQueries,
      params: scope.params,
      roots,
    });
    scope.derived.set(memoKey, derived);
  }
  return derived;
}

/** Pointer of `key` inside the value at `parent`; built only when needed (errors, nesting). */
function at(parent: string, key: string | number | null): string {
  return key === null ? parent : `${parent}/${typeof key === 'number' ? key : escapeToken(key)}`;
}

interface PageInfo {
  index: number;
  params: Map<string, { required: boolean }>;
}

interface Deferred {
  formId: string;
  pointer: string;
}

export class SemanticChecker {
  readonly issues: SchemaIssue[] = [];
  private readonly app: Json;
  private readonly catalogue: ComponentCatalogue | undefined;
  private readonly pages = new Map<string, PageInfo>();
  private readonly appState: Set<string>;
  private readonly appQueries: Set<string>;
  private readonly functions: Set<string>;
  private readonly collections: Set<string> | null;
  private readonly codeBlocks = new Map<string, Set<string>>();
  private readonly locales: Set<string> | null;
  private readonly defaultLocale: string | undefined;
  private readonly nodeIds = new Map<string, { pointer: string; component: unknown }>();
  private readonly formRefs: Deferred[] = [];
  private stateTypes = new Map<string, string>();
  private appStateTypes = new Map<string, string>();

  constructor(app: Json, catalogue?: ComponentCatalogue) {
    this.app = app;
    this.catalogue = catalogue;
    this.appState = keysOf(app.state);
    this.appQueries = keysOf(app.queries);
    this.functions = keysOf(app.functions);
    this.collections = isObject(app.collections) ? keysOf(app.collections) : null;
    if (isObject(app.codeBlocks)) {
      for (const [name, block] of Object.entries(app.codeBlocks)) {
        const exports = isObject(block) && Array.isArray(block.exports) ? block.exports : [];
        this.codeBlocks.set(name, new Set(exports.filter((e): e is string => typeof e === 'string')));
      }
    }
    const locales = isObject(app.locales) ? app.locales : undefined;
    this.locales = Array.isArray(locales?.supported)
      ? new Set(locales.supported.filter((l): l is string => typeof l === 'string'))
      : null;
    this.defaultLocale = typeof locales?.default === 'string' ? locales.default : undefined;
    this.appStateTypes = stateTypes(app.state);
  }

  private report(pointer: string, message: string): void {
    this.issues.push({ pointer, message });
  }

  run(): SchemaIssue[] {
    const app = this.app;
    this.checkLocales();
    this.checkValue(app.name, '', 'name', null);
    this.collectPages();
    this.checkNavigation();
    this.checkState(app.state, '/state');
    const appScope = makeScope({
      roots: ['app', 'queries', 'auth', 'utils', 'code', 'locale'],
      pageState: null,
      pageQueries: new Set(),
      params: null,
    });
    this.checkQueries(app.queries, '/queries', appScope);
    this.checkCollections();
    if (Array.isArray(app.pages)) {
      for (let i = 0; i < app.pages.length; i++) this.checkPage(app.pages[i], i);
    }
    for (const ref of this.formRefs) {
      const target = this.nodeIds.get(ref.formId);
      if (!target) this.report(ref.pointer, `no node with id ${quote(ref.formId)} in the app`);
      else if (target.component !== 'Form')
        this.report(ref.pointer, `node ${quote(ref.formId)} is a ${String(target.component)}, not a Form`);
    }
    return this.issues;
  }

  private checkLocales(): void {
    if (this.locales && this.defaultLocale !== undefined && !this.locales.has(this.defaultLocale)) {
      this.report(
        '/locales/default',
        `default locale ${quote(this.defaultLocale)} is not one of the supported locales`,
      );
    }
  }

  private collectPages(): void {
    const pages = this.app.pages;
    if (!Array.isArray(pages)) return;
    const paths = new Map<string, number>();
    pages.forEach((page, i) => {
      if (!isObject(page)) return;
      if (typeof page.id === 'string') {
        const first = this.pages.get(page.id);
        if (first)
          this.report(
            `/pages/${i}/id`,
            `duplicate page id ${quote(page.id)} (also used by /pages/${first.index})`,
          );
        else this.pages.set(page.id, { index: i, params: pageParams(page) });
      }
      if (typeof page.path === 'string') {
        const first = paths.get(page.path);
        if (first !== undefined)
          this.report(
            `/pages/${i}/path`,
            `duplicate page path ${quote(page.path)} (also used by /pages/${first})`,
          );
        else paths.set(page.path, i);
      }
    });
  }

  private checkNavigation(): void {
    const nav = this.app.navigation;
    if (!isObject(nav)) return;
    if (typeof nav.home === 'string' && !this.pages.has(nav.home)) {
      this.report('/navigation/home', `home page ${quote(nav.home)} is not a page of the app`);
    }
    const items = isObject(nav.tabBar) && Array.isArray(nav.tabBar.items) ? nav.tabBar.items : [];
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (!isObject(item) || typeof item.page !== 'string') return;
      const pointer = `/navigation/tabBar/items/${i}/page`;
      if (!this.pages.has(item.page))
        this.report(pointer, `tab page ${quote(item.page)} is not a page of the app`);
      else if (seen.has(item.page)) this.report(pointer, `page ${quote(item.page)} already has a tab`);
      else if (
        this.pages.get(item.page)!.params.size > 0 &&
        [...this.pages.get(item.page)!.params.values()].some((p) => p.required)
      )
        this.report(pointer, `tab page ${quote(item.page)} needs parameters; a tab cannot pass them`);
      seen.add(item.page);
      this.checkValue(item.text, `/navigation/tabBar/items/${i}`, 'text', null);
    });
  }

  private checkState(state: unknown, pointer: string): void {
    if (!isObject(state)) return;
    for (const [name, variable] of Object.entries(state)) {
      if (!isObject(variable) || !('initial' in variable) || typeof variable.type !== 'string') continue;
      const problem = typeMismatch(variable.type, variable.initial);
      if (problem) this.report(`${pointer}/${escapeToken(name)}/initial`, `${problem} (the variable's type)`);
    }
  }

  private checkCollections(): void {
    const collections = this.app.collections;
    if (!isObject(collections)) return;
    for (const [name, decl] of Object.entries(collections)) {
      if (!isObject(decl) || !isObject(decl.rules)) continue;
      for (const op of ['read', 'create', 'update', 'delete']) {
        const rule = decl.rules[op];
        if (typeof rule !== 'string') continue;
        const pointer = `/collections/${escapeToken(name)}/rules/${op}`;
        const result = parseRule(rule);
        if (!result.ok)
          for (const e of result.errors)
            this.report(pointer, `${e.message} (line ${e.line}, column ${e.column})`);
      }
    }
  }

  private checkQueries(queries: unknown, pointer: string, scope: Scope): void {
    if (!isObject(queries)) return;
    for (const [name, query] of Object.entries(queries)) {
      if (!isObject(query)) continue;
      const here = at(pointer, name);
      if (query.type === 'collection') this.checkCollectionName(query.collection, `${here}/collection`);
      if (query.type === 'function') this.checkFunctionName(query.function, `${here}/function`);
      for (const key in query) {
        if (key !== 'type' && key !== 'description') this.checkValue(query[key], here, key, scope);
      }
    }
  }

  private checkCollectionName(name: unknown, pointer: string): void {
    if (typeof name === 'string' && this.collections && !this.collections.has(name)) {
      this.report(pointer, `no collection ${quote(name)} in the app's collections`);
    }
  }

  private checkFunctionName(name: unknown, pointer: string): void {
    if (typeof name === 'string' && !this.functions.has(name)) {
      this.report(pointer, `no function ${quote(name)} in the app's functions`);
    }
  }

  private checkPage(page: unknown, index: number): void {
    if (!isObject(page)) return;
    const at = `/pages/${index}`;
    this.stateTypes = stateTypes(page.state);
    this.checkState(page.state, `${at}/state`);
    const params =
      typeof page.id === 'string' && this.pages.get(page.id)?.index === index
        ? this.pages.get(page.id)!.params
        : pageParams(page);
    const scope = makeScope({
      roots: ['state', 'app', 'params', 'queries', 'auth', 'utils', 'code', 'form', 'locale'],
      pageState: keysOf(page.state),
      pageQueries: keysOf(page.queries),
      params: new Set(params.keys()),
    });
    this.checkValue(page.title, at, 'title', scope);
    this.checkQueries(page.queries, `${at}/queries`, scope);
    if (isObject(page.events)) {
      const eventScope = withRoots(scope, ['event']);
      for (const [event, list] of Object.entries(page.events)) {
        this.checkActions(list, `${at}/events/${escapeToken(event)}`, eventScope);
      }
    }
    if (isObject(page.root)) this.checkNode(page.root, `${at}/root`, null, scope);
  }

  private checkNode(node: Json, pointer: string, parent: Json | null, scope: Scope, slot?: string): void {
    const id = node.id;
    if (typeof id === 'string') {
      const first = this.nodeIds.get(id);
      if (first)
        this.report(`${pointer}/id`, `duplicate node id ${quote(id)} (first used at ${first.pointer})`);
      else this.nodeIds.set(id, { pointer, component: node.component });
    }
    const meta = this.checkComponent(node, pointer, parent, slot);

    // The node's own repeat list is read outside the repeat; everything else sees item/index.
    let inner = scope;
    if (isObject(node.repeat)) {
      const repeat = node.repeat;
      this.checkValue(repeat.items, `${pointer}/repeat`, 'items', scope);
      const item = typeof repeat.item === 'string' ? repeat.item : 'item';
      const index = typeof repeat.index === 'string' ? repeat.index : 'index';
      for (const [field, name] of [
        ['item', item],
        ['index', index],
      ] as const) {
        if (RESERVED_ROOTS.has(name))
          this.report(
            `${pointer}/repeat/${field}`,
            `${quote(name)} would hide the standard name ${name}; choose another`,
          );
      }
      if (item === index)
        this.report(
          `${pointer}/repeat/index`,
          `item and index must have different names (both ${quote(item)})`,
        );
      inner = withRoots(scope, [item, index]);
    }
    this.checkValue(node.if, pointer, 'if', inner);
    const props = node.props;
    if (isObject(props)) {
      const propsPointer = `${pointer}/props`;
      for (const name in props) {
        const value = props[name];
        this.checkValue(value, propsPointer, name, inner);
        if (meta) this.checkProp(meta, name, value, propsPointer);
      }
    }
    if (meta) {
      for (const name of requiredProps(meta)) {
        if (!(isObject(props) && name in props))
          this.report(pointer, `missing required prop ${quote(name)} of ${meta.name}`);
      }
    }
    if (isObject(node.style)) {
      for (const [name, value] of Object.entries(node.style))
        this.checkValue(value, `${pointer}/style`, name, inner);
    }
    if (isObject(node.events)) {
      const eventScope = withRoots(inner, ['event']);
      for (const [event, list] of Object.entries(node.events)) {
        const here = at(`${pointer}/events`, event);
        if (meta && !Object.hasOwn(meta.events ?? {}, event)) {
          const known = Object.keys(meta.events ?? {});
          this.report(
            here,
            `${meta.name} has no event ${quote(event)}` +
              (known.length ? `; its events: ${known.join(', ')}` : ''),
          );
        }
        this.checkActions(list, here, eventScope);
      }
    }
    if (Array.isArray(node.children)) {
      const childScope = this.repeaterScope(node, meta, inner);
      node.children.forEach((child, i) => {
        if (isObject(child)) this.checkNode(child, `${pointer}/children/${i}`, node, childScope);
      });
    }
    if (isObject(node.slots)) {
      for (const [name, list] of Object.entries(node.slots)) {
        if (!Array.isArray(list)) continue;
        const base = `${pointer}/slots/${escapeToken(name)}`;
        list.forEach((child, i) => {
          if (isObject(child)) this.checkNode(child, `${base}/${i}`, node, inner, name);
        });
      }
    }
  }

  /**
   * A component whose metadata has props itemName and indexName (List) repeats its children
   * over its data: they see those names. Without a catalogue, List is assumed to be one.
   */
  private repeaterScope(node: Json, meta: ComponentMeta | undefined, scope: Scope): Scope {
    const itemProp = meta?.props?.itemName;
    const indexProp = meta?.props?.indexName;
    const isRepeater = meta ? Boolean(itemProp && indexProp) : !this.catalogue && node.component === 'List';
    if (!isRepeater) return scope;
    const props = isObject(node.props) ? node.props : {};
    return withRoots(scope, [
      firstName(props.itemName, itemProp?.default, 'item'),
      firstName(props.indexName, indexProp?.default, 'index'),
    ]);
  }

  /** Catalogue rules for one node; returns its metadata when the component is known. */
  private checkComponent(
    node: Json,
    pointer: string,
    parent: Json | null,
    slot: string | undefined,
  ): ComponentMeta | undefined {
    const catalogue = this.catalogue;
    if (!catalogue || typeof node.component !== 'string') return undefined;
    const meta = Object.hasOwn(catalogue, node.component) ? catalogue[node.component] : undefined;
    if (!meta) {
      // a name that is not PascalCase is already reported by the structural check
      if (!/^[A-Z][A-Za-z0-9]*$/.test(node.component)) return undefined;
      const lower = node.component.toLowerCase();
      const near = Object.keys(catalogue).find((name) => name.toLowerCase() === lower);
      this.report(
        `${pointer}/component`,
        `unknown component ${quote(node.component)}; it is not in the component catalogue` +
          (near ? ` (did you mean ${near}?)` : ''),
      );
      return undefined;
    }
    if (Array.isArray(node.children) && node.children.length > 0) {
      if (meta.children === 'none')
        this.report(`${pointer}/children`, `${meta.name} does not accept children`);
    }
    if (isObject(node.slots)) {
      for (const name of Object.keys(node.slots)) {
        if (!meta.slots || !Object.hasOwn(meta.slots, name)) {
          const known = Object.keys(meta.slots ?? {});
          this.report(
            `${pointer}/slots/${escapeToken(name)}`,
            `${meta.name} has no slot ${quote(name)}` +
              (known.length ? `; its slots: ${known.join(', ')}` : ''),
          );
        }
      }
    }
    // The placement rules of the holder (children / slot rule) and of the node itself (parents).
    if (parent && typeof parent.component === 'string' && Object.hasOwn(catalogue, parent.component)) {
      const holder = catalogue[parent.component]!;
      const rule = slot === undefined ? holder.children : holder.slots?.[slot]?.children;
      if (isObject(rule) && Array.isArray(rule.only) && !rule.only.includes(meta.name)) {
        const where = slot === undefined ? 'children' : `slot ${quote(slot)} children`;
        this.report(
          `${pointer}/component`,
          `${holder.name} accepts only ${rule.only.join(', ')} as ${where}, not ${meta.name}`,
        );
      }
    }
    if (Array.isArray(meta.parents) && meta.parents.length > 0) {
      const parentName = parent && typeof parent.component === 'string' ? parent.component : undefined;
      if (!parentName || !meta.parents.includes(parentName)) {
        this.report(
          `${pointer}/component`,
          `${meta.name} can only be placed inside ${meta.parents.join(' or ')}` +
            (parentName ? `, not ${parentName}` : ''),
        );
      }
    }
    if (meta.pageRoot && parent)
      this.report(`${pointer}/component`, `${meta.name} can only be the root of a page`);
    return meta;
  }

  private checkProp(meta: ComponentMeta, name: string, value: unknown, propsPointer: string): void {
    const prop = Object.hasOwn(meta.props, name) ? meta.props[name] : undefined;
    if (!prop) {
      this.report(at(propsPointer, name), `${meta.name} has no prop ${quote(name)}`);
      return;
    }
    if (isObject(value) && '$expr' in value) {
      if (prop.bindable === false) {
        this.report(
          at(propsPointer, name),
          `prop ${quote(name)} of ${meta.name} cannot be bound to an expression`,
        );
      }
      return;
    }
    const problem = propMismatch(prop.type, value, prop.options);
    if (problem) {
      this.report(at(propsPointer, name), problem);
      return;
    }
    if (prop.type === 'page' && typeof value === 'string' && value !== '' && !this.pages.has(value)) {
      this.report(at(propsPointer, name), `page ${quote(value)} is not a page of the app`);
    }
    if (prop.type === 'url' && typeof value === 'string' && !isSafeUrl(value)) {
      this.report(
        at(propsPointer, name),
        `${quote(value)} is not an allowed address (use http, https, mailto, tel or a relative path)`,
      );
    }
  }

  /** Finds wrappers anywhere inside a value: parses expressions and checks i18n locales. */
  private checkValue(value: unknown, parent: string, key: string | number | null, scope: Scope | null): void {
    if (value === null || typeof value !== 'object') return;
    const pointer = at(parent, key);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const v = value[i];
        if (v !== null && typeof v === 'object') this.checkValue(v, pointer, i, scope);
      }
      return;
    }
    const obj = value as Json;
    if (typeof obj.$expr === 'string') {
      // where expressions are not allowed (scope null) the structural check reports it
      if (scope) this.checkExpression(obj.$expr, `${pointer}/$expr`, scope);
      return;
    }
    if (isObject(obj.$i18n)) {
      this.checkI18n(obj.$i18n, `${pointer}/$i18n`);
      return;
    }
    for (const name in obj) {
      const v = obj[name];
      if (v !== null && typeof v === 'object') this.checkValue(v, pointer, name, scope);
    }
  }

  // Extra translations are harmless (catalogue snippets carry zh-CN and en); a missing
  // translation for the default locale would show users nothing.
  private checkI18n(texts: Json, pointer: string): void {
    const locale = this.defaultLocale;
    if (locale !== undefined && this.locales?.has(locale) && !Object.hasOwn(texts, locale)) {
      this.report(pointer, `missing a translation for the default locale ${quote(locale)}`);
    }
  }

  private checkExpression(source: string, pointer: string, scope: Scope): void {
    const result = scope.parse(source);
    if (!result.ok) {
      for (const e of result.errors)
        this.report(pointer, `${e.message} (line ${e.line}, column ${e.column})`);
      return;
    }
    for (const ref of result.references) {
      const problem = this.referenceProblem(ref, scope);
      if (problem) {
        const { line, column } = lineColumn(source, ref.start);
        this.report(pointer, `${problem} (line ${line}, column ${column})`);
      }
    }
  }

  private referenceProblem(ref: ExprReference, scope: Scope): string | undefined {
    const name = ref.path[0];
    if (name === undefined) return undefined;
    switch (ref.root) {
      case 'state':
        if (scope.pageState && !scope.pageState.has(name))
          return `state.${name} is not a state variable of this page`;
        return undefined;
      case 'app':
        if (!this.appState.has(name)) return `app.${name} is not an app state variable`;
        return undefined;
      case 'queries':
        if (!scope.pageQueries.has(name) && !this.appQueries.has(name))
          return `queries.${name} is not a query of this page or the app`;
        return undefined;
      case 'params':
        if (scope.params && !scope.params.has(name)) return `params.${name} is not a parameter of this page`;
        return undefined;
      case 'code': {
        const block = this.codeBlocks.get(name);
        if (!block) return `code.${name} is not a code block of the app`;
        const fn = ref.method ?? ref.path[1];
        if (fn !== undefined && !block.has(fn))
          return `code block ${quote(name)} does not export ${quote(fn)}`;
        return undefined;
      }
      default:
        return undefined;
    }
  }

  private checkActions(list: unknown, pointer: string, scope: Scope): void {
    if (!Array.isArray(list)) return;
    for (let i = 0; i < list.length; i++) {
      const action = list[i];
      if (isObject(action)) this.checkAction(action, `${pointer}/${i}`, scope);
    }
  }

  private checkAction(action: Json, pointer: string, scope: Scope): void {
    switch (action.type) {
      case 'navigate':
        this.checkNavigate(action, pointer);
        break;
      case 'callFunction':
        this.checkFunctionName(action.function, `${pointer}/function`);
        this.checkStateTarget(action.saveTo, `${pointer}/saveTo`, scope);
        break;
      case 'uploadFile':
        this.checkStateTarget(action.saveTo, `${pointer}/saveTo`, scope);
        break;
      case 'runQuery':
        if (
          typeof action.query === 'string' &&
          !scope.pageQueries.has(action.query) &&
          !this.appQueries.has(action.query)
        ) {
          this.report(`${pointer}/query`, `no query ${quote(action.query)} on this page or in the app`);
        }
        break;
      case 'setState':
        this.checkStateTarget(action, pointer, scope);
        this.checkSetValue(action, pointer);
        break;
      case 'dbInsert':
      case 'dbUpdate':
      case 'dbDelete':
        this.checkCollectionName(action.collection, `${pointer}/collection`);
        break;
      case 'submitForm':
        this.checkCollectionName(action.collection, `${pointer}/collection`);
        if (action.function !== undefined) this.checkFunctionName(action.function, `${pointer}/function`);
        if (typeof action.form === 'string')
          this.formRefs.push({ formId: action.form, pointer: `${pointer}/form` });
        break;
      case 'validateForm':
        if (typeof action.form === 'string')
          this.formRefs.push({ formId: action.form, pointer: `${pointer}/form` });
        break;
      case 'setLocale':
        if (
          typeof action.locale === 'string' &&
          action.locale &&
          this.locales &&
          !this.locales.has(action.locale)
        ) {
          this.report(
            `${pointer}/locale`,
            `${quote(action.locale)} is not one of the app's locales (${[...this.locales].map(quote).join(', ')})`,
          );
        }
        break;
      case 'runCode':
        if (typeof action.block === 'string') {
          const block = this.codeBlocks.get(action.block);
          if (!block) this.report(`${pointer}/block`, `no code block ${quote(action.block)} in the app`);
          else if (typeof action.export === 'string' && !block.has(action.export)) {
            this.report(
              `${pointer}/export`,
              `code block ${quote(action.block)} does not export ${quote(action.export)}`,
            );
          }
        }
        break;
    }
    for (const key in action) {
      const value = action[key];
      if (value === null || typeof value !== 'object') continue;
      if (ACTION_LIST_FIELDS.has(key)) this.checkActions(value, at(pointer, key), scope);
      else this.checkValue(value, pointer, key, scope);
    }
  }

  private checkNavigate(action: Json, pointer: string): void {
    if (typeof action.page !== 'string') return;
    const target = this.pages.get(action.page);
    if (!target) {
      this.report(`${pointer}/page`, `page ${quote(action.page)} is not a page of the app`);
      return;
    }
    const given = isObject(action.params) ? action.params : {};
    for (const name of Object.keys(given)) {
      if (!target.params.has(name))
        this.report(
          `${pointer}/params/${escapeToken(name)}`,
          `page ${quote(action.page)} has no parameter ${quote(name)}`,
        );
    }
    for (const [name, param] of target.params) {
      if (param.required && !(name in given))
        this.report(pointer, `missing parameter ${quote(name)} required by page ${quote(action.page)}`);
    }
  }

  private checkStateTarget(target: unknown, pointer: string, scope: Scope): void {
    if (!isObject(target) || typeof target.name !== 'string') return;
    const name = target.name;
    if (target.scope === 'app') {
      if (!this.appState.has(name))
        this.report(`${pointer}/name`, `app state ${quote(name)} is not declared in the app's state`);
    } else if (!scope.pageState) {
      this.report(`${pointer}/scope`, 'page state is not available here; use scope "app"');
    } else if (!scope.pageState.has(name)) {
      this.report(`${pointer}/name`, `state ${quote(name)} is not declared in this page's state`);
    }
  }

  private checkSetValue(action: Json, pointer: string): void {
    if (typeof action.name !== 'string' || action.path !== undefined || !('value' in action)) return;
    const type = (action.scope === 'app' ? this.appStateTypes : this.stateTypes).get(action.name);
    const value = action.value;
    if (!type || (isObject(value) && ('$expr' in value || '$i18n' in value))) return;
    const problem = typeMismatch(type, value);
    if (problem) this.report(`${pointer}/value`, `${problem} (the type of ${action.name})`);
  }
}

const parseRule = expressionParser(RULE_ROOTS);

function firstName(value: unknown, fallback: unknown, standard: string): string {
  return typeof value === 'string' ? value : typeof fallback === 'string' ? fallback : standard;
}

const requiredCache = new WeakMap<ComponentMeta, string[]>();

/** Props a node must set: required and without a default. */
function requiredProps(meta: ComponentMeta): string[] {
  let names = requiredCache.get(meta);
  if (!names) {
    names = Object.entries(meta.props ?? {})
      .filter(([, prop]) => prop?.required && prop.default === undefined)
      .map(([name]) => name);
    requiredCache.set(meta, names);
  }
  return names;
}

function stateTypes(state: unknown): Map<string, string> {
  const types = new Map<string, string>();
  if (isObject(state)) {
    for (const [name, v] of Object.entries(state))
      if (isObject(v) && typeof v.type === 'string') types.set(name, v.type);
  }
  return types;
}

function pageParams(page: Json): Map<string, { required: boolean }> {
  const params = new Map<string, { required: boolean }>();
  if (isObject(page.params)) {
    for (const [name, p] of Object.entries(page.params))
      params.set(name, { required: isObject(p) && p.required === true });
  }
  if (typeof page.path === 'string') {
    for (const match of page.path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g))
      params.set(match[1]!, { required: true });
  }
  return params;
}

const JSON_TYPE_OF: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  object: (v) => isObject(v),
  array: (v) => Array.isArray(v),
};

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true/false',
  object: 'an object',
  array: 'a list',
};

function typeMismatch(type: string, value: unknown): string | undefined {
  const test = JSON_TYPE_OF[type];
  if (!test || value === null || test(value)) return undefined;
  return `expected ${TYPE_NAMES[type]}, got ${describeValue(value)}`;
}

const STRING_PROP_TYPES = new Set(['string', 'color', 'image', 'icon', 'page', 'url', 'date']);

/** Whether a literal suits a catalogue prop type; the message when it does not. */
function propMismatch(
  type: string,
  value: unknown,
  options: readonly { value: unknown }[] | undefined,
): string | undefined {
  const isI18n = isObject(value) && '$i18n' in value;
  if (type === 'text' || type === 'richtext') {
    return typeof value === 'string' || isI18n
      ? undefined
      : `expected text or {"$expr": ...}, got ${describeValue(value)}`;
  }
  if (isI18n) return `expected ${propWords(type)} or {"$expr": ...}, got i18n text`;
  if (STRING_PROP_TYPES.has(type))
    return typeof value === 'string'
      ? undefined
      : `expected ${propWords(type)} or {"$expr": ...}, got ${describeValue(value)}`;
  if (type === 'number')
    return typeof value === 'number'
      ? undefined
      : `expected a number or {"$expr": ...}, got ${describeValue(value)}`;
  if (type === 'boolean')
    return typeof value === 'boolean'
      ? undefined
      : `expected true/false or {"$expr": ...}, got ${describeValue(value)}`;
  if (type === 'array')
    return Array.isArray(value)
      ? undefined
      : `expected a list or {"$expr": ...}, got ${describeValue(value)}`;
  if (type === 'object')
    return isObject(value) ? undefined : `expected an object or {"$expr": ...}, got ${describeValue(value)}`;
  if (type === 'enum' && options && !options.some((o) => o.value === value)) {
    return `expected one of ${options.map((o) => quote(o.value)).join(', ')} or {"$expr": ...}, got ${quote(value)}`;
  }
  return undefined;
}

function propWords(type: string): string {
  switch (type) {
    case 'color':
      return 'a colour';
    case 'image':
      return 'an image address';
    case 'icon':
      return 'an icon name';
    case 'page':
      return 'a page id';
    case 'url':
      return 'an address';
    case 'date':
      return 'a date';
    default:
      return 'text';
  }
}

// Parsed-scheme allow-list; a prefix test on "javascript:" is defeated by case, whitespace and entities.
function isSafeUrl(value: string): boolean {
  if (value === '') return true;
  try {
    const url = new URL(value, 'https://relative.invalid/');
    return ['http:', 'https:', 'mailto:', 'tel:'].includes(url.protocol);
  } catch {
    return false;
  }
}
