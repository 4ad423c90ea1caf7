// Where a node's content names other nodes by id, and rewriting those names when ids change
// (paste, duplicate). The places: the `form` of validateForm / submitForm actions, at any depth
// of an action list, and `form.<id>` chains read by expressions anywhere in the node's values.
import { parseExpression, STANDARD_ROOTS } from '@tessera/expr';
import type { NodeContent } from './document';

type IdMap = ReadonlyMap<string, string>;
const FORM_ACTIONS = new Set(['validateForm', 'submitForm']);
const CHAIN_HEAD = /^(form\s*\??\.\s*)([A-Za-z_$][\w$]*)/;

/** An expression with every `form.<old id>` chain renamed to the new id; unchanged when it does not parse. */
export function rewriteExpression(source: string, ids: IdMap, extraRoots: readonly string[] = []): string {
  if (!source.includes('form')) return source;
  const parsed = parseExpression(source, { scope: [...STANDARD_ROOTS, ...extraRoots] });
  if (!parsed.ok) return source;
  const edits = parsed.references
    .filter((ref) => ref.root === 'form' && ref.path[0] !== undefined && ids.has(ref.path[0]))
    .sort((a, b) => b.start - a.start);
  let out = source;
  for (const ref of edits) {
    const chain = out.slice(ref.start, ref.end);
    const renamed = chain.replace(CHAIN_HEAD, (_all, head: string, id: string) => head + (ids.get(id) ?? id));
    out = out.slice(0, ref.start) + renamed + out.slice(ref.end);
  }
  return out;
}

// Rewrites a JSON value: expressions anywhere, and the form id of form actions. Returns the
// same object when nothing changed, so untouched values keep their identity.
function rewriteValue(value: unknown, ids: IdMap, roots: readonly string[]): unknown {
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item) => {
      const next = rewriteValue(item, ids, roots);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? out : value;
  }
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  if (typeof obj.$expr === 'string') {
    const next = rewriteExpression(obj.$expr, ids, roots);
    return next === obj.$expr ? value : { ...obj, $expr: next };
  }
  let out: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(obj)) {
    let next = rewriteValue(item, ids, roots);
    if (key === 'form' && typeof item === 'string' && FORM_ACTIONS.has(String(obj.type)) && ids.has(item))
      next = ids.get(item);
    if (next !== item) {
      out ??= { ...obj };
      out[key] = next;
    }
  }
  return out ?? value;
}

/** The node's props, style, events, if and repeat with references to renamed nodes rewritten. */
export function rewriteReferences<T extends Partial<NodeContent>>(
  content: T,
  ids: IdMap,
  extraRoots: readonly string[] = [],
): T {
  let out: T | undefined;
  for (const field of ['props', 'style', 'events', 'if', 'repeat'] as const) {
    const value = content[field];
    if (value === undefined) continue;
    const next = rewriteValue(value, ids, extraRoots);
    if (next !== value) {
      out ??= { ...content };
      (out as Record<string, unknown>)[field] = next;
    }
  }
  return out ?? content;
}
