// The names an expression can read where it sits in the document (the same rules as
// packages/schema's semantic check), as completion entries, and as TypeScript declarations
// for code blocks in monaco's TS worker.
import { catalogue as defaultCatalogue } from '@tessera/components';
import { UTIL_NAMES } from '@tessera/expr';
import type { ComponentCatalogue, StateVariables } from '@tessera/schema';
import type { ExpressionScope, ScopeEntry, ScopeType } from '../../../app/monaco/expression-scope';
import type { EditorDocument, EditorNode, EditorPage } from '../../../store';

type QueryMap = NonNullable<EditorPage['queries']>;

/** Entries of a schema map whose values are typed as possibly undefined. */
export function definedEntries<T>(map: Record<string, T | undefined> | undefined): [string, T][] {
  return Object.entries(map ?? {}).filter((entry): entry is [string, T] => entry[1] !== undefined);
}

const QUERY_MEMBERS: ScopeEntry[] = [
  { name: 'data', type: 'any', detail: 'result' },
  { name: 'loading', type: 'boolean' },
  { name: 'error', type: 'object' },
];

function stateEntries(state: StateVariables | undefined, where: string): ScopeEntry[] {
  return definedEntries(state).map(([name, variable]) => ({
    name,
    type: variable.type as ScopeType,
    detail: `${variable.type} · ${where}`,
  }));
}

function queryEntries(queries: QueryMap | undefined, where: string): ScopeEntry[] {
  return definedEntries(queries).map(([name, query]) => ({
    name,
    type: 'object',
    detail: `${query.type} query · ${where}`,
    members: QUERY_MEMBERS,
    closed: `a field of a query (data, loading, error)`,
  }));
}

/** Params a page accepts: declared ones and `:name` segments of its path. */
export function pageParamNames(page: EditorPage): string[] {
  const names = new Set(Object.keys(page.params ?? {}));
  for (const match of page.path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(match[1]!);
  return [...names];
}

function codeRoot(doc: EditorDocument): ScopeEntry {
  return {
    name: 'code',
    type: 'object',
    detail: 'code blocks',
    closed: 'a code block of the app',
    members: definedEntries(doc.app.codeBlocks).map(([name, block]) => ({
      name,
      type: 'object',
      detail: 'code block',
      closed: `exported by code block "${name}"`,
      members: block.exports.map((fn) => ({ name: fn, type: 'function', detail: `code.${name}` })),
    })),
  };
}

const utilsRoot: ScopeEntry = {
  name: 'utils',
  type: 'object',
  detail: 'helpers',
  closed: 'a helper of utils',
  members: UTIL_NAMES.map((name) => ({ name, type: 'function', detail: 'utils' })),
};

/** Scope of app-level places (app queries): no page state, params or form. */
export function appScope(doc: EditorDocument): ExpressionScope {
  return {
    roots: [
      {
        name: 'app',
        type: 'object',
        detail: 'app state',
        closed: 'an app state variable',
        members: stateEntries(doc.app.state, 'app state'),
      },
      {
        name: 'queries',
        type: 'object',
        detail: 'queries',
        closed: 'a query of the app',
        members: queryEntries(doc.app.queries, 'app'),
      },
      { name: 'auth', type: 'object', detail: 'signed-in user' },
      utilsRoot,
      codeRoot(doc),
      { name: 'locale', type: 'string', detail: 'shown language' },
    ],
  };
}

/** Scope of a page's own places (page title, page queries): everything but item/index/event. */
export function pageScope(doc: EditorDocument, page: EditorPage): ExpressionScope {
  return {
    roots: [
      {
        name: 'state',
        type: 'object',
        detail: 'page state',
        closed: 'a state variable of this page',
        members: stateEntries(page.state, 'page state'),
      },
      ...appScope(doc).roots.filter((root) => root.name !== 'queries'),
      {
        name: 'params',
        type: 'object',
        detail: 'page parameters',
        closed: 'a parameter of this page',
        members: pageParamNames(page).map((name) => ({ name, type: 'string', detail: 'page parameter' })),
      },
      {
        name: 'queries',
        type: 'object',
        detail: 'queries',
        closed: 'a query of this page or the app',
        members: [...queryEntries(page.queries, 'page'), ...queryEntries(doc.app.queries, 'app')],
      },
      { name: 'form', type: 'object', detail: 'form values' },
    ],
  };
}

function pageOfNode(doc: EditorDocument, id: string): EditorPage | undefined {
  let at = id;
  for (let node = doc.nodes[at]; node?.parentId; node = doc.nodes[at]) at = node.parentId;
  return doc.pages.find((page) => page.root === at);
}

/**
 * Scope of a node's props, style and condition (`event: true` for its action lists): the page's
 * names, plus item/index of every repeat around it (its own repeat included, unless
 * `ownRepeat: false`: the list a node repeats over is read outside its repeat) and of List parents.
 */
export function nodeScope(
  doc: EditorDocument,
  id: string,
  options: { event?: boolean; ownRepeat?: boolean; catalogue?: ComponentCatalogue } = {},
): ExpressionScope {
  const catalogue = options.catalogue ?? defaultCatalogue;
  const page = pageOfNode(doc, id);
  const scope = page ? pageScope(doc, page) : appScope(doc);
  const extra: ScopeEntry[] = [];
  const add = (name: string, type: ScopeType, detail: string) => {
    if (!extra.some((entry) => entry.name === name)) extra.push({ name, type, detail });
  };
  for (let at: string | null = id, child = true; at !== null; child = false) {
    const node: EditorNode | undefined = doc.nodes[at];
    if (!node) break;
    if (node.repeat && !(child && options.ownRepeat === false)) {
      add(node.repeat.item ?? 'item', 'any', 'repeated item');
      add(node.repeat.index ?? 'index', 'number', 'position in the repeat');
    }
    const meta = catalogue[node.component];
    if (!child && meta?.props?.itemName && meta.props.indexName) {
      const props = node.props ?? {};
      const item =
        typeof props.itemName === 'string' ? props.itemName : String(meta.props.itemName.default ?? 'item');
      const index =
        typeof props.indexName === 'string'
          ? props.indexName
          : String(meta.props.indexName.default ?? 'index');
      add(item, 'any', `${node.component} item`);
      add(index, 'number', `${node.component} position`);
    }
    at = node.parentId;
  }
  const roots = [
    ...scope.roots,
    ...extra.filter((entry) => !scope.roots.some((root) => root.name === entry.name)),
  ];
  if (options.event)
    roots.push({
      name: 'event',
      type: 'object',
      detail: 'event',
      members: [{ name: 'detail', type: 'any' }],
    });
  return { roots };
}

const TS_TYPE: Record<string, string> = {
  string: 'string',
  number: 'number',
  boolean: 'boolean',
  object: 'Record<string, unknown>',
  array: 'unknown[]',
  any: 'any',
};

function stateInterface(name: string, state: StateVariables | undefined): string {
  const fields = definedEntries(state).map(([key, variable]) => {
    const doc = variable.description ? `    /** ${variable.description.replace(/\*\//g, '* /')} */\n` : '';
    return `${doc}    ${key}: ${TS_TYPE[variable.type] ?? 'unknown'};`;
  });
  return `  interface ${name} {\n${fields.join('\n')}\n  }`;
}

const safeName = (id: string) => id.replace(/[^A-Za-z0-9_]/g, '_');

/**
 * TypeScript declarations of the app's scope for code blocks: `Tessera.AppState`,
 * `Tessera.PageState_<page>`, `Tessera.Query<T>`, the query names, and `Tessera.Scope`, the
 * object expressions read (a code block export can take it, or parts of it, as arguments).
 */
export function scopeDeclarations(doc: EditorDocument): string {
  const parts = [
    '// Generated from the app by the editor: the names code blocks and expressions can read.',
    'declare namespace Tessera {',
    '  interface Query<T = unknown> { data: T; loading: boolean; error: { message: string; code: string } | null }',
    stateInterface('AppState', doc.app.state),
    `  type AppQueryName = ${
      Object.keys(doc.app.queries ?? {})
        .map((q) => JSON.stringify(q))
        .join(' | ') || 'never'
    };`,
  ];
  for (const page of doc.pages) {
    parts.push(stateInterface(`PageState_${safeName(page.id)}`, page.state));
    const params = pageParamNames(page)
      .map((p) => `${p}?: string;`)
      .join(' ');
    parts.push(`  interface Params_${safeName(page.id)} { ${params} }`);
  }
  parts.push(
    '  interface Scope {',
    '    app: AppState;',
    '    state: Record<string, unknown>;',
    '    params: Record<string, string | undefined>;',
    '    queries: Record<string, Query>;',
    '    auth: { user: { uid: string; [field: string]: unknown } | null };',
    '  }',
    '}',
  );
  return `${parts.join('\n')}\n`;
}
