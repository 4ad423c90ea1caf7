/**
 * The target-neutral conformance script (fixtures/conformance/<name>/script.json). Each target's
 * runner (mini-program simulator here, Chromium for the web) performs the same steps.
 *
 * A node is named by its id, or `{ "id": "...", "index": n }` for the n-th copy inside a repeat.
 */
export type NodeRef = string | { id: string; index: number };

export type Step =
  | { tap: NodeRef }
  /** Types text into a field (Input, Textarea, NumberInput). */
  | { input: [NodeRef, string] }
  /** Switches a Switch on or off. */
  | { toggle: [NodeRef, boolean] }
  /** Rendered text of the node, whitespace trimmed. */
  | { expectText: [NodeRef, string] }
  /** The validation message shown under a form field ('' when valid). */
  | { expectFieldError: [NodeRef, string] }
  /** The node (a QRCode, error level M) draws the QR code of this text. */
  | { expectQr: [NodeRef, string] }
  /**
   * The node (an Image, or the first image inside it, e.g. an Upload's preview) shows a picture
   * from a working URL (`loaded`: web — the browser loaded it, naturalWidth > 0; mini-program —
   * its src is an http(s) URL the server answers with an image), or the broken state (`broken`).
   */
  | { expectImage: [NodeRef, 'loaded' | 'broken'] }
  /**
   * The node's image (an Image, or an Upload's first thumbnail) fails to load. The browser loads it for real (the fixture gives an address
   * that answers 404); the mini-program simulator loads no images, so its runner fires the
   * `<image>`'s error event as the device would.
   */
  | { imageFails: NodeRef }
  /** Whether the node is rendered at all. */
  | { expectVisible: [NodeRef, boolean] }
  /** How many copies of the node are rendered (repeats). */
  | { expectCount: [string, number] }
  /** Page state variable (dot path allowed) equals the JSON value. */
  | { expectState: [string, unknown] }
  | { expectAppState: [string, unknown] }
  /** The page title (web: document.title; mini-program: the navigation bar title). */
  | { expectTitle: string }
  /** Texts of the tab bar items, in order. */
  | { expectTabBar: string[] }
  /** Messages of every toast shown so far, in order. */
  | { expectToasts: string[] }
  /** The answer the user gives to the next modal. */
  | { answerModal: boolean }
  /** Navigations requested so far: page id and params. */
  | { expectNavigations: { page: string; params?: Record<string, string> }[] };

export interface ConformanceScript {
  description: string;
  /**
   * The fixture needs a running Tessera server: the runner starts one, creates the app (its id
   * replaces app.json's), applies these security-rule presets, and builds with that server.
   */
  server?: {
    collections?: Record<string, string>;
    /**
     * Files of the fixture folder to put in cloud storage (`fixtures/<name>.<ext>`) and in the
     * CMS media library; app.json names them `{{file:<name>}}` (the cloud file id) and
     * `{{media:<name>}}` (the media id), and the app's id as `{{appId}}`.
     */
    files?: Record<string, string>;
    media?: Record<string, string>;
  };
  /**
   * Locale to run in (default the app's default): the web build is compiled with it (compile's
   * `locale` option), the mini-program runs on a phone set to that language.
   */
  locale?: string;
  /** Page to open (default the home page) and its route params. */
  page?: string;
  params?: Record<string, string>;
  steps: Step[];
}
