// Apps built from the catalogue for tests: every component as the palette inserts it (its
// snippet, inside the parent it demands), with fresh ids. Used by the catalogue's own validation
// test and by the compiler's unusual-app tests, so both follow the catalogue as it grows.
import { components } from './catalogue';
import type { SnippetNode } from './types';

/** A snippet with an id on every node: `<prefix>_1`, `<prefix>_2`, … */
export function withIds(node: SnippetNode, prefix: string, counter = { n: 0 }): Record<string, unknown> {
  const out: Record<string, unknown> = { ...node, id: `${prefix}_${++counter.n}` };
  if (node.children) out.children = node.children.map((c) => withIds(c, prefix, counter));
  if (node.slots) {
    out.slots = Object.fromEntries(
      Object.entries(node.slots).map(([slot, list]) => [
        slot,
        (list ?? []).map((c) => withIds(c, prefix, counter)),
      ]),
    );
  }
  return out;
}

/** What dropping each component (except page roots) from the palette inserts, ids prefixed `<prefix><name>`. */
export function everySnippet(prefix = ''): Record<string, unknown>[] {
  return components
    .filter((meta) => !meta.pageRoot)
    .map((meta) => {
      const parent = meta.parents?.[0];
      // A component that demands a parent is dropped into one (e.g. a Column into a Row).
      const node: SnippetNode =
        parent && parent !== 'Page' ? { component: parent, children: [meta.snippet] } : meta.snippet;
      return withIds(node, `${prefix}${meta.name.toLowerCase()}`);
    });
}
