// Where the document names things that can be renamed, and rewriting those names: node ids of
// Forms (paste, duplicate), page and app state variables and queries (rename in the data panel).
// Expressions are parsed with @tessera/expr, so only `state.count` chains change, never
// `state.countX` or text in a string; actions name them in fields: the `form` of validateForm /
// submitForm, the `name` of setState, `saveTo` targets and the `query` of runQuery.
import { parseExpression, STANDARD_ROOTS } from '@tessera/expr';
import type { EditorDocument, EditorNode, NodeContent } from './document';
import { subtreeIds, unedited } from './tree';

type IdMap = ReadonlyMap<string, string>;

/** Old name → new name, by the root expressions read them under. */
export interface Renames {
  /** Form node ids: `form.<id>` and the form of validateForm / submitForm. */
  form?: IdMap;
  /** Page state variables: `state.<name>`, setState and saveTo of page scope. */
  state?: IdMap;
  /** App state variables: `app.<name>`, setState and saveTo of app scope. */
  app?: IdMap;
  /** Queries: `queries.<name>` and the query of runQuery. */
  queries?: IdMap;
  /** Names a repeat or List gives its item and index: the name itself, wherever it is read. */
  locals?: IdMap;
}

const ROOTS = ['form', 'state', 'app', 'queries'] as const;
type Root = (typeof ROOTS)[number];
const FORM_ACTIONS = new Set(['validateForm', 'submitForm']);
const HEADS: Record<Root, RegExp> = {
  form: /^(form\s*\??\.\s*)([A-Za-z_$][\w$]*)/,
  state: /^(state\s*\??\.\s*)([A-Za-z_$][\w$]*)/,
  app: /^(app\s*\??\.\s*)([A-Za-z_$][\w$]*)/,
  queries: /^(queries\s*\??\.\s*)([A-Za-z_$][\w$]*)/,
};
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const CONTENT = ['props', 'style', 'events', 'if', 'repeat'] as const;

const isRoot = (root: string): root is Root => (ROOTS as readonly string[]).includes(root);

/** An expression with every renamed `<root>.<old>` chain renamed; unchanged when it does not parse. */
export function rewriteExpression(
  source: string,
  renames: Renames,
  extraRoots: readonly string[] = [],
): string {
  const roots = ROOTS.filter((root) => (renames[root]?.size ?? 0) > 0 && source.includes(root));
  const locals = renames.locals;
  if (roots.length === 0 && ![...(locals?.keys() ?? [])].some((name) => source.includes(name))) return source;
  let parsed: ReturnType<typeof parseExpression>;
  try {
    parsed = parseExpression(source, { scope: [...STANDARD_ROOTS, ...extraRoots] });
  } catch {
    return source; // a local name the language refuses as a root: the document is broken there anyway
  }
  if (!parsed.ok) return source;
  const edits = parsed.references
    .filter(
      (ref) =>
        locals?.has(ref.root) ||
        (isRoot(ref.root) && ref.path[0] !== undefined && renames[ref.root]?.has(ref.path[0])),
    )
    .sort((a, b) => b.start - a.start);
  let out = source;
  for (const ref of edits) {
    const local = locals?.get(ref.root);
    if (local !== undefined) {
      out = out.slice(0, ref.start) + local + out.slice(ref.start + ref.root.length);
      continue;
    }
    const map = renames[ref.root as Root]!;
    const chain = out.slice(ref.start, ref.end);
    const renamed = chain.replace(
      HEADS[ref.root as Root],
      (_all, head: string, name: string) => head + (map.get(name) ?? name),
    );
    out = out.slice(0, ref.start) + renamed + out.slice(ref.end);
  }
  return out;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

// A field of an action object that names a renamed thing, renamed; otherwise the value as it is.
function renamedField(
  action: Record<string, unknown>,
  key: string,
  value: unknown,
  renames: Renames,
): unknown {
  const type = String(action.type);
  const stateMap = (scope: unknown) => (scope === 'app' ? renames.app : renames.state);
  if (typeof value === 'string') {
    if (key === 'form' && FORM_ACTIONS.has(type)) return renames.form?.get(value) ?? value;
    if (key === 'name' && type === 'setState') return stateMap(action.scope)?.get(value) ?? value;
    if (key === 'query' && type === 'runQuery') return renames.queries?.get(value) ?? value;
  }
  if (key === 'saveTo' && isObject(value) && typeof value.name === 'string') {
    const name = stateMap(value.scope)?.get(value.name);
    if (name !== undefined) return { ...value, name };
  }
  return value;
}

/**
 * A JSON value with renamed references rewritten: expressions anywhere, and the names action
 * objects hold. Returns the same object when nothing changed, so untouched values keep their identity.
 */
export function rewriteValue(value: unknown, renames: Renames, roots: readonly string[] = []): unknown {
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item) => {
      const next = rewriteValue(item, renames, roots);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? out : value;
  }
  if (!isObject(value)) return value;
  if (typeof value.$expr === 'string') {
    const next = rewriteExpression(value.$expr, renames, roots);
    return next === value.$expr ? value : { ...value, $expr: next };
  }
  let out: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    let next = rewriteValue(item, renames, roots);
    if (typeof value.type === 'string') next = renamedField(value, key, next, renames);
    if (next !== item) {
      out ??= { ...value };
      out[key] = next;
    }
  }
  return out ?? value;
}

/** The node's props, style, events, if and repeat with references to renamed things rewritten. */
export function rewriteReferences<T extends Partial<NodeContent>>(
  content: T,
  renames: Renames,
  extraRoots: readonly string[] = [],
): T {
  let out: T | undefined;
  for (const field of ['props', 'style', 'events', 'if', 'repeat'] as const) {
    const value = content[field];
    if (value === undefined) continue;
    const next = rewriteValue(value, renames, extraRoots);
    if (next !== value) {
      out ??= { ...content };
      (out as Record<string, unknown>)[field] = next;
    }
  }
  return out ?? content;
}

/** Item / index names of every repeat and List in the tree (expressions there read them as roots). */
export function localNames(doc: EditorDocument, rootId: string): string[] {
  const names = new Set<string>();
  for (const id of subtreeIds(doc, rootId)) {
    const node = doc.nodes[id]!;
    if (node.repeat) {
      names.add(node.repeat.item ?? 'item');
      names.add(node.repeat.index ?? 'index');
    }
    for (const name of [node.props?.itemName, node.props?.indexName])
      if (typeof name === 'string') names.add(name);
  }
  return [...names].filter((name) => IDENTIFIER.test(name) && !(name in Object.prototype));
}

/**
 * Rewrites renamed references across a (draft) document: the trees and own values (queries,
 * title...) of the pages `inPage` accepts, and, with `app: true`, the app's values (its queries,
 * navigation). State declarations and code blocks are left alone. Reads the unedited document, so
 * only the nodes and values that change get new objects.
 */
export function rewriteDocument(
  doc: EditorDocument,
  renames: Renames,
  inPage: (pageId: string) => boolean,
  app: boolean,
): void {
  const base = unedited(doc);
  base.pages.forEach((page, at) => {
    if (!inPage(page.id)) return;
    const roots = localNames(base, page.root);
    for (const id of subtreeIds(base, page.root)) {
      const node = base.nodes[id]!;
      const out = rewriteReferences(node, renames, roots);
      if (out === node) continue;
      const draft = doc.nodes[id]!;
      for (const field of ['props', 'style', 'events', 'if', 'repeat'] as const)
        if (out[field] !== node[field]) (draft as unknown as Record<string, unknown>)[field] = out[field];
    }
    const draftPage = doc.pages[at]! as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(page)) {
      if (key === 'root' || key === 'state' || key === 'id' || key === 'path') continue;
      const next = rewriteValue(value, renames);
      if (next !== value) draftPage[key] = next;
    }
  });
  if (!app) return;
  const draftApp = doc.app as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(base.app)) {
    if (key === 'state' || key === 'codeBlocks') continue;
    const next = rewriteValue(value, renames);
    if (next !== value) draftApp[key] = next;
  }
}

/**
 * Renames item / index names (`renames.locals`) where the node's repeat puts them in scope: the
 * node's own values (not its repeat's items, read outside it) and its subtree, except below a
 * repeat or List that binds one of the old names again (its own items list still reads ours).
 */
export function rewriteLocals(
  doc: EditorDocument,
  id: string,
  renames: Renames,
  listNames: (node: EditorNode) => string[],
): void {
  const base = unedited(doc);
  let top = id;
  while (base.nodes[top]?.parentId) top = base.nodes[top]!.parentId!;
  const roots = localNames(base, top);
  const olds = [...(renames.locals?.keys() ?? [])];
  const write = (nodeId: string, field: (typeof CONTENT)[number], value: unknown) => {
    (doc.nodes[nodeId] as unknown as Record<string, unknown>)[field] = value;
  };
  const visit = (nodeId: string, own: boolean) => {
    const node = base.nodes[nodeId];
    if (!node) return;
    const repeatNames = node.repeat ? [node.repeat.item ?? 'item', node.repeat.index ?? 'index'] : [];
    if (!own && repeatNames.some((name) => olds.includes(name))) {
      const items = rewriteValue(node.repeat!.items, renames, roots);
      if (items !== node.repeat!.items) write(nodeId, 'repeat', { ...node.repeat!, items });
      return;
    }
    for (const field of CONTENT) {
      if (field === 'repeat' && own) continue;
      const value = node[field];
      if (value === undefined) continue;
      const next = rewriteValue(value, renames, roots);
      if (next !== value) write(nodeId, field, next);
    }
    if (listNames(node).some((name) => olds.includes(name))) return;
    for (const child of node.childIds) visit(child, false);
    for (const list of Object.values(node.slotIds ?? {})) for (const child of list) visit(child, false);
  };
  visit(id, true);
}

/** Code blocks whose source mentions the name (they are not rewritten: the builder checks them). */
export function codeBlocksMentioning(doc: EditorDocument, name: string): string[] {
  const word = new RegExp(`(^|[^\\w$])${name.replace(/\$/g, '\\$')}($|[^\\w$])`);
  return Object.entries(doc.app.codeBlocks ?? {})
    .filter(([, block]) => block !== undefined && word.test(block.source))
    .map(([blockName]) => blockName);
}
