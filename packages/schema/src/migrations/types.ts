/** One step of the migration registry: upgrades a document from `from` to `to` = from + 1. */
export interface Migration {
  from: number;
  to: number;
  /** what changed, in one line (shown by tooling) */
  description: string;
  /** changes the document in place (it is already a private copy) and returns it */
  migrate(app: Record<string, unknown>): Record<string, unknown>;
}
