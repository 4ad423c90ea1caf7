// Mirrors schemas/component-meta.schema.json until @tessera/schema exports the generated ComponentMeta.
export type Target = 'web' | 'mp' | 'app';
export type ComponentCategory = 'layout' | 'basic' | 'form' | 'data' | 'media' | 'navigation' | 'feedback';
export type PropType =
  | 'text'
  | 'string'
  | 'number'
  | 'boolean'
  | 'enum'
  | 'color'
  | 'image'
  | 'icon'
  | 'page'
  | 'url'
  | 'date'
  | 'richtext'
  | 'array'
  | 'object'
  | 'json'
  | 'expression';

export interface LocalizedText {
  'zh-CN': string;
  en: string;
  [locale: string]: string;
}

export type JsonSchema = { [keyword: string]: unknown } | boolean;

export interface PropOption {
  value: string | number | boolean;
  label: LocalizedText;
}

export interface EditorHints {
  widget?:
    | 'input'
    | 'textarea'
    | 'number'
    | 'slider'
    | 'switch'
    | 'select'
    | 'radio'
    | 'color'
    | 'image'
    | 'icon'
    | 'page'
    | 'url'
    | 'date'
    | 'richtext'
    | 'code'
    | 'json'
    | 'list'
    | 'keyValue';
  group?: 'basic' | 'content' | 'data' | 'layout' | 'behavior' | 'validation' | 'accessibility' | 'advanced';
  placeholder?: LocalizedText;
  min?: number;
  max?: number;
  step?: number;
  unit?: string;
  rows?: number;
  accept?: string;
  language?: 'json' | 'html' | 'expression';
  visibleWhen?: { prop: string; equals?: unknown };
  advanced?: boolean;
}

export interface PropMeta {
  type: PropType;
  title: LocalizedText;
  description: LocalizedText;
  default?: unknown;
  required?: boolean;
  options?: PropOption[];
  schema?: JsonSchema;
  bindable?: boolean;
  targets?: Target[];
  editor?: EditorHints;
}

export interface EventMeta {
  title: LocalizedText;
  description: LocalizedText;
  detail?: JsonSchema;
}

export type ChildrenRule = 'none' | 'any' | { only: string[] };

export interface SlotMeta {
  title: LocalizedText;
  description?: LocalizedText;
  children: ChildrenRule;
}

export interface FormBinding {
  valueProp: string;
  changeEvent: string;
  nameProp?: string;
  value?: JsonSchema;
}

export interface SnippetNode {
  component: string;
  props?: { [prop: string]: unknown };
  style?: { [property: string]: string | number };
  events?: { [event: string]: { type: string; [key: string]: unknown }[] };
  if?: unknown;
  repeat?: { [key: string]: unknown };
  children?: SnippetNode[];
  slots?: { [slot: string]: SnippetNode[] };
}

export interface ComponentMeta {
  name: string;
  title: LocalizedText;
  description: LocalizedText;
  category: ComponentCategory;
  icon: string;
  targets: Target[];
  props: { [prop: string]: PropMeta };
  events: { [event: string]: EventMeta };
  children: ChildrenRule;
  parents?: string[];
  pageRoot?: boolean;
  slots?: { [slot: string]: SlotMeta };
  form?: FormBinding;
  defaults: { props?: { [prop: string]: unknown }; style?: { [property: string]: string | number } };
  snippet: SnippetNode;
}

export type ComponentCatalogue = Record<string, ComponentMeta>;
