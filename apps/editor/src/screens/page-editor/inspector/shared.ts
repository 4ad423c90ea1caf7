// What several selected nodes have in common, for the multi-selection inspector: the props they
// all have, and each field's value when they agree on it.
import { catalogue as defaultCatalogue, type PropMeta } from '@tessera/components';
import type { ComponentCatalogue, Value } from '@tessera/schema';
import type { EditorNode } from '../../../store';
import { type PropEntry, propVisible } from './props-panel';

const sameValue = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** Each name's value when all maps agree on it; names they disagree on are `mixed`. */
export function common(
  maps: readonly Readonly<Record<string, unknown>>[],
  names: Iterable<string>,
): { values: Record<string, Value | undefined>; mixed: Set<string> } {
  const values: Record<string, Value | undefined> = {};
  const mixed = new Set<string>();
  for (const name of names) {
    const first = maps[0]?.[name];
    if (maps.every((map) => sameValue(map[name], first))) values[name] = first as Value | undefined;
    else mixed.add(name);
  }
  return { values, mixed };
}

const optionValues = (prop: PropMeta) => JSON.stringify(prop.options?.map((option) => option.value));

/**
 * The props every selected node has: all of the component's when they share one, else those with
 * the same name, type and choices on every component (edited with the first one's field). Hidden (visibleWhen) on any → left out.
 */
export function sharedProps(
  nodes: readonly EditorNode[],
  catalogue: ComponentCatalogue = defaultCatalogue,
): PropEntry[] {
  const metas = nodes.map((node) =>
    Object.hasOwn(catalogue, node.component) ? catalogue[node.component] : undefined,
  );
  const [first] = metas;
  if (!first || metas.some((meta) => !meta)) return [];
  const entries = Object.entries(first.props ?? {}).filter((entry): entry is PropEntry => !!entry[1]);
  return entries.filter(([name, prop]) =>
    metas.every((meta, i) => {
      const own = meta!.props?.[name];
      if (!own) return false;
      if (own !== prop) {
        if (own.type !== prop.type) return false;
        if (optionValues(own) !== optionValues(prop)) return false;
      }
      return propVisible(meta!, own, nodes[i]!.props ?? {});
    }),
  );
}
