// Turns a compiled page module's JSON data back into the page the renderer takes: expression
// markers become the module's functions, node names their components, props get their defaults.
// The compiler side is packages/compiler/src/web/page-data.ts (decision 155).
import type { WebComponent } from '@tessera/components/web';
import type { PageDescriptor, Path } from '@tessera/runtime-core';
import type { CompiledNode, PageModule } from './types';

export interface PageData {
  /** Default props of each component the page uses (literal values). */
  defaults: Record<string, Record<string, unknown>>;
  descriptor: unknown;
  root: unknown;
}

const NO_DEPS: Path[] = [];

/** The page module's exports from its data, its expression functions and its components. */
export function hydratePage(
  data: PageData,
  functions: readonly unknown[],
  components: Record<string, WebComponent>,
): PageModule {
  const revive = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = revive(value[i]);
      return value;
    }
    if (value === null || typeof value !== 'object') return value;
    const object = value as Record<string, unknown>;
    if ('$f' in object) return functions[object.$f as number];
    const target = '$lit' in object ? (object.$lit as Record<string, unknown>) : object;
    for (const key in target) target[key] = revive(target[key]);
    return target;
  };
  for (const name of Object.keys(data.defaults))
    data.defaults[name] = revive(data.defaults[name]) as Record<string, unknown>;
  const node = (raw: Record<string, unknown>): CompiledNode => {
    const name = raw.name as string;
    raw.component = components[name] ?? null;
    raw.props = { ...data.defaults[name], ...(revive(raw.props ?? {}) as object) };
    for (const key of ['style', 'events', 'if', 'repeat'] as const)
      if (raw[key] !== undefined) raw[key] = revive(raw[key]);
    raw.deps ??= NO_DEPS;
    if (Array.isArray(raw.children)) raw.children = raw.children.map(node);
    if (raw.slots)
      for (const [slot, list] of Object.entries(raw.slots as Record<string, Record<string, unknown>[]>))
        (raw.slots as Record<string, CompiledNode[]>)[slot] = list.map(node);
    return raw as unknown as CompiledNode;
  };
  return {
    descriptor: revive(data.descriptor) as PageDescriptor,
    root: node(data.root as Record<string, unknown>),
  };
}
