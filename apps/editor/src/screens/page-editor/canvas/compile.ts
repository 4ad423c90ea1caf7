// The in-editor adapter from the store's schema nodes to runtime-web's CompiledNode: the same
// shape the web compiler emits, with each `$expr` evaluated by @tessera/expr's reference
// evaluator (no generated code, so it runs under the editor's CSP) and bindings live.
import { getComponent } from '@tessera/components';
import * as web from '@tessera/components/web';
import { evaluateExpression, parseExpression, STANDARD_ROOTS } from '@tessera/expr';
import { type Path, type RuntimeValue, storePaths } from '@tessera/runtime-core';
import type { CompiledNode } from '@tessera/runtime-web';
import type { EditorNode } from '../../../store';

type Scope = Record<string, unknown>;
type Compiled = (scope: Scope) => unknown;

const compiledExpressions = new Map<string, Compiled>();

function compileExpression(source: string): Compiled {
  let fn = compiledExpressions.get(source);
  if (!fn) {
    // A wrong expression throws here at evaluation; the renderer shows it as empty.
    fn = (scope) => evaluateExpression(source, scope);
    compiledExpressions.set(source, fn);
  }
  return fn;
}

function isExpr(value: unknown): value is { $expr: string } {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    typeof (value as { $expr?: unknown }).$expr === 'string'
  );
}

// What each expression source reads (null when it does not parse): a duplicated or pasted subtree
// repeats the same few sources, so each is parsed once, not once per node.
const referencesBySource = new Map<string, Parameters<typeof storePaths>[0] | null>();

function referencesOf(source: string): Parameters<typeof storePaths>[0] | null {
  let references = referencesBySource.get(source);
  if (references === undefined) {
    const parsed = parseExpression(source, { scope: ANY_ROOTS });
    references = parsed.ok ? parsed.references : null;
    if (referencesBySource.size > 5000) referencesBySource.clear();
    referencesBySource.set(source, references);
  }
  return references;
}

/** A schema value with its expressions turned into functions of the scope; deps collects store reads. */
export function compileValue(value: unknown, deps: Path[], formId: string | undefined): RuntimeValue {
  if (isExpr(value)) {
    const references = referencesOf(value.$expr);
    if (references) deps.push(...storePaths(references, formId));
    return compileExpression(value.$expr) as RuntimeValue;
  }
  if (Array.isArray(value)) return value.map((entry) => compileValue(entry, deps, formId));
  if (value !== null && typeof value === 'object') {
    if ('$i18n' in value) return value as RuntimeValue;
    const out: Record<string, RuntimeValue> = {};
    for (const [key, entry] of Object.entries(value)) out[key] = compileValue(entry, deps, formId);
    return out;
  }
  return value as RuntimeValue;
}

// Dependencies only need the roots the store tracks; an expression using a repeat's item
// still renders, it just lists no store reads (the canvas never changes runtime state itself).
const ANY_ROOTS = [...STANDARD_ROOTS];

/** The scope keys a page runtime provides; any other key of a scope is a renderer local (item, index, $row). */
export const RUNTIME_KEYS = new Set([
  ...STANDARD_ROOTS,
  'app',
  'auth',
  'code',
  'state',
  'params',
  'queries',
  'form',
]);

/**
 * One node compiled for the canvas. `children` / `slots` are the stand-ins that render each child
 * through its own store subscription. Events are left out: the canvas never runs the app's actions.
 */
export function compileNode(
  node: EditorNode,
  formId: string | undefined,
  children: CompiledNode[] | undefined,
  slots: Record<string, CompiledNode[]> | undefined,
): CompiledNode {
  const meta = getComponent(node.component);
  const deps: Path[] = [];
  const props: Record<string, RuntimeValue> = {};
  for (const [name, prop] of Object.entries(meta?.props ?? {}))
    if (prop?.default !== undefined) props[name] = prop.default as RuntimeValue;
  // Stored images (cloud://, literal or from an expression) resolve through the canvas's image sources.
  for (const [name, value] of Object.entries(node.props ?? {}))
    props[name] = compileValue(value, deps, formId);
  const component = Object.hasOwn(web, node.component)
    ? ((web as Record<string, unknown>)[node.component] as CompiledNode['component'])
    : null;
  const out: CompiledNode = { id: node.id, name: node.component, component, props, deps };
  if (formId) out.form = formId;
  if (node.if !== undefined && node.if !== true) out.if = compileValue(node.if, deps, formId);
  if (node.style && Object.keys(node.style).length > 0) out.style = compileValue(node.style, deps, formId);
  if (node.repeat) {
    const repeatDeps: Path[] = [];
    out.repeat = {
      items: compileValue(node.repeat.items, repeatDeps, formId),
      item: node.repeat.item ?? 'item',
      index: node.repeat.index ?? 'index',
    };
    if (node.repeat.key) out.repeat.key = node.repeat.key;
    out.repeatDeps = repeatDeps;
  }
  if (node.component === 'List') {
    const item = typeof props.itemName === 'string' && props.itemName ? props.itemName : 'item';
    const index = typeof props.indexName === 'string' && props.indexName ? props.indexName : 'index';
    out.list = { item, index };
    if (typeof props.itemKey === 'string') out.list.key = props.itemKey;
  }
  if (meta?.form) out.valueProp = meta.form.valueProp;
  if (children && children.length > 0) out.children = children;
  if (slots && Object.keys(slots).length > 0) out.slots = slots;
  return out;
}
