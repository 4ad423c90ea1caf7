import { catalogue } from './catalogue';
import type { ComponentMeta } from './types';

export { catalogue, components } from './catalogue';
export { componentCategories } from './categories';
export { canPlace, type Placement } from './placement';
export { expressionSchema, i18nTextSchema, literalSchemaOf, valueSchemaOf } from './prop-values';
export { type ListFilter, listComponents, searchComponents } from './search';
export type * from './types';

/** Metadata of a component by name, or undefined when the catalogue has no such component. */
export function getComponent(name: string): ComponentMeta | undefined {
  return Object.hasOwn(catalogue, name) ? catalogue[name] : undefined;
}
