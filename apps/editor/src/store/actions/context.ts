// What every reducer action receives besides the draft document.
import type { ComponentCatalogue } from '@tessera/schema';

export interface ActionContext {
  /** Nesting rules for placing nodes. */
  catalogue: ComponentCatalogue;
  /** Ids selected when the action was dispatched (paste goes next to them). */
  selection: readonly string[];
  /** The clipboard's JSON, for paste. */
  clipboard: string | null;
}

/** What an action asks of the editor besides its document change. */
export interface ActionOutcome {
  /** Select these ids afterwards. */
  select?: string[];
  /** Put this JSON on the clipboard (cut). */
  clipboard?: string;
}
