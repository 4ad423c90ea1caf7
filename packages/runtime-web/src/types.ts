import type { WebComponent } from '@tessera/components/web';
import type { AppDescriptor, PageDescriptor, Path, RuntimeAction, RuntimeValue } from '@tessera/runtime-core';

/** One schema node as the web compiler emits it: values compiled, component resolved, reads listed. */
export interface CompiledNode {
  id: string;
  /** Catalogue name of the component. */
  name: string;
  /** The React implementation; null when the catalogue has none (rendered as a plain box). */
  component: WebComponent | null;
  /** Props with catalogue defaults filled in; `$expr` values are functions of the scope. */
  props: Record<string, RuntimeValue>;
  style?: RuntimeValue;
  events?: Record<string, RuntimeAction[]>;
  if?: RuntimeValue;
  repeat?: { items: RuntimeValue; item: string; index: string; key?: string };
  /** List: the children repeat over `props.data` under these names. */
  list?: { item: string; index: string; key?: string };
  children?: CompiledNode[];
  slots?: Record<string, CompiledNode[]>;
  /** Store paths read by props, style and `if` (re-render this node when they change). */
  deps: Path[];
  /** Store paths read by `repeat.items`. */
  repeatDeps?: Path[];
  /** Id of the Form around (or of) this node. */
  form?: string;
  /** A form field bound to the Form's values by its `name`. */
  field?: { form: string; name: string };
  /** The prop holding a field's value outside a Form (`value`, `checked`). */
  valueProp?: string;
}

/** A compiled page, as its loader gives it: descriptor and node tree. */
export interface PageModule {
  descriptor: PageDescriptor;
  root: CompiledNode;
}

export interface TabBarEntry {
  page: string;
  text: RuntimeValue;
  icon?: string;
}

/** The generated entry hands this to `startApp`. */
export interface WebAppEntry {
  app: AppDescriptor;
  /** App name, the document title when a page has none. */
  name: RuntimeValue;
  /** Page id → route and a loader of its (code-split) module. */
  pages: Record<string, { path: string; load: () => Promise<PageModule> }>;
  tabBar?: { items: TabBarEntry[] };
}
