import type { CSSProperties, ReactNode } from 'react';

/** A form field's value as the renderer binds it: the Form's values when inside a Form, else local. */
export interface FieldBinding {
  value: unknown;
  /** The validation message to show, '' when valid. */
  error: string;
  set(value: unknown): void;
}

/** A child node of a container, with its evaluated props (Tabs read TabPane titles, Swiper its items). */
export interface ChildView {
  id: string;
  component: string;
  props: Record<string, unknown>;
  element: ReactNode;
}

/**
 * What the web renderer hands a component: evaluated props (text props already resolved to
 * strings, never HTML), rendered children and slots, and callbacks that run the node's actions.
 */
export interface WebComponentProps {
  id: string;
  props: Record<string, unknown>;
  style: CSSProperties | undefined;
  children: ReactNode;
  slots: Record<string, ReactNode>;
  /** The child nodes with their evaluated props (a function: only Tabs need it, and it costs an evaluation). */
  childViews(): ChildView[];
  /** True when the node has actions for `event`. */
  has(event: string): boolean;
  /** Runs the node's actions for `event` with `event.detail`. */
  fire(event: string, detail?: Record<string, unknown>): void;
  field: FieldBinding;
  /** Renders the node's children once per entry (List), with the item/index names in scope. */
  repeat(
    items: unknown[],
    render?: (row: {
      element: ReactNode;
      item: unknown;
      index: number;
      fire(event: string, detail?: Record<string, unknown>): void;
    }) => ReactNode,
  ): ReactNode[];
  /** Link to an app page: an href for the address bar and a function that opens it. */
  pageLink(page: string, params: Record<string, unknown>): { href: string; open(): void };
  /** Lets the user pick a file and uploads it; resolves the file id (null when cancelled or failed). */
  upload(options: { accept: string; folder: string; maxSizeMB: number }): Promise<string | null>;
  /** Submit or reset of the enclosing Form. */
  form: { id: string | undefined; submit(): void; reset(): void };
  locale: string;
}

export type WebComponent = (props: WebComponentProps) => ReactNode;
