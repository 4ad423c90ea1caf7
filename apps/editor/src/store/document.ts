// The editor's normalized document: every node once, by id, so an edit touches one entry.
import type {
  AppSchema,
  Condition,
  EventMap,
  NodeSchema,
  PageSchema,
  Repeat,
  Style,
  ValueMap,
} from '@tessera/schema';

/** A node of a page, flattened: its children are ids, and it knows its parent. */
export interface EditorNode {
  id: string;
  component: string;
  props?: ValueMap;
  style?: Style;
  events?: EventMap;
  if?: Condition;
  repeat?: Repeat;
  /** null for a page root */
  parentId: string | null;
  /** the parent's slot holding this node; absent when the node is in the parent's children */
  slot?: string;
  childIds: string[];
  slotIds?: Record<string, string[]>;
  /** Field order of the source node, so saving writes the file back as it was read. */
  fieldOrder?: string[];
}

/** A page with its tree replaced by the id of its root node. */
export type EditorPage = Omit<PageSchema, 'root'> & { root: string };

export interface EditorDocument {
  /** Everything of the app except its pages, in the source's key order. */
  app: Omit<AppSchema, 'pages'>;
  /** Position of `pages` among the app's keys (to write the file back in its order). */
  pagesKeyIndex: number;
  pages: EditorPage[];
  nodes: Record<string, EditorNode>;
}

/** Node fields in the order the schema lists them; new nodes are written in this order. */
export const NODE_FIELDS = [
  'id',
  'component',
  'props',
  'style',
  'events',
  'if',
  'repeat',
  'children',
  'slots',
] as const;

/** The editable fields a node carries besides its place in the tree. */
export type NodeContent = Pick<NodeSchema, 'component' | 'props' | 'style' | 'events' | 'if' | 'repeat'>;
