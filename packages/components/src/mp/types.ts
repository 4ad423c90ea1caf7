/**
 * How the mini-program compiler hands one node to its component's template. Every method
 * returns WXML text that is already escaped: a template never sees raw user text.
 */
export interface MpNodeContext {
  /** `{{key}}` for a bound prop, the escaped literal (or the catalogue default) otherwise; '' when unset. */
  attr(prop: string): string;
  /** The prop as text content: `{{key}}` or escaped text. */
  text(prop: string): string;
  /** The prop's compile-time value (literal or default), or undefined when it is bound to an expression. */
  literal(prop: string): unknown;
  /** ` id="…" class="t-… extra" style="…"` plus aria attributes for the node's root element. */
  root(className: string, style?: string): string;
  /** ` bindtap="…" data-ix="…"` for a component event mapped to a WXML event, '' when the node has no handler. */
  on(event: string, wxEvent: string): string;
  /** Rendered children (and `slot(name)` for a named slot). */
  children(): string;
  slot(name: string): string;
  /** For form fields: the value (`{{key}}` and the bare data key), */
  field(): { value: string; key: string; change: (wxEvent: string) => string; error: string };
  /** The bare data key of a piece of UI state kept by the runtime for this node (e.g. the active tab). */
  ui(name: string): string;
  /** Handler attributes that set UI state `name` from the event detail (e.g. tab taps). */
  setUi(name: string, wxEvent: string, value: string): string;
  /**
   * The data key of an image prop's shown form, `{ src, state, note }`: cloud file ids and CMS
   * media resolved by the runtime (state none | loading | ready | broken; note is '' or the words
   * for an image that cannot be shown, for aria-label).
   */
  image(prop: string): string;
  /** The data key of an Upload's files as `[{ src, state, name, note }]` (its field value, resolved like `image`). */
  files(): string;
  /** Children rendered once per entry of the `data` prop (List) with their own item/index names. */
  repeatChildren(): string;
}

export interface MpComponent {
  wxml: (ctx: MpNodeContext) => string;
  /** Styles for app.wxss; colours come from theme variables (--t-primary …). */
  wxss: string;
}
