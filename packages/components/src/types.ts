// The metadata types are generated from schemas/component-meta.schema.json by @tessera/schema.
import type { ComponentMeta, ComponentMetaPropType, ComponentMetaTarget, PropMeta } from '@tessera/schema';

export type {
  ChildrenRule,
  ComponentCatalogue,
  ComponentMeta,
  EditorHints,
  EventMeta,
  FormBinding,
  LocalizedText,
  PropMeta,
  PropOption,
  SlotMeta,
  SnippetNode,
} from '@tessera/schema';

export type Target = ComponentMetaTarget;
export type PropType = ComponentMetaPropType;
export type ComponentCategory = ComponentMeta['category'];
/** A JSON Schema, as held by a prop's `schema` or an event's `detail`. */
export type JsonSchema = NonNullable<PropMeta['schema']>;
