// Turns a page's data module (JSON data and expression functions, written by the compiler) back
// into the page the renderer takes: expression markers become the module's functions, node names
// their components, props get their defaults. The compiler side is
// packages/compiler/src/web/page-data.ts (decisions 155 and 180).
import type { WebComponent } from '@tessera/components/web';
import * as rt from '@tessera/expr/runtime';
import type { PageDescriptor, Path } from '@tessera/runtime-core';
import type { CompiledNode, PageModule } from './types';

export interface PageData {
  /** Default props of each component the page uses (literal values). */
  defaults: Record<string, Record<string, unknown>>;
  descriptor: unknown;
  root: unknown;
}

/** What a page's data module exports. */
export interface PageDataModule {
  data: PageData;
  /** The page's expression functions, given the expression runtime they call. */
  functions: (runtime: typeof rt) => readonly unknown[];
}

const NO_DEPS: Path[] = [];

/** The page (descriptor and node tree) from its data module and its components. */
export function hydratePage(module: PageDataModule, components: Record<string, WebComponent>): PageModule {
  const { data } = module;
  const functions = module.functions(rt);
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

/**
 * A page's `load`: its data module and component modules, fetched together on the first call and
 * hydrated once; after a failure (a network error) the next call tries again.
 */
export function pageLoader(imports: () => Promise<unknown>[]): () => Promise<PageModule> {
  let loading: Promise<PageModule> | undefined;
  return () => {
    if (!loading) {
      loading = Promise.all(imports()).then(([data, ...modules]) =>
        hydratePage(data as PageDataModule, Object.assign({}, ...modules) as Record<string, WebComponent>),
      );
      loading.catch(() => {
        loading = undefined;
      });
    }
    return loading;
  };
}
