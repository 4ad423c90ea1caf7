// Undo history as immer patches: each step keeps only what it changed, and its inverse.
import type { Patch } from 'immer';

export interface HistoryEntry {
  /** the action type, shown in menus ("Undo setProp") */
  type: string;
  patches: Patch[];
  inverse: Patch[];
  /** Rapid edits with the same key merge into one step (typing in a prop field). */
  coalesceKey?: string;
  /** when the step was last extended, for coalescing */
  at: number;
  selectionBefore: readonly string[];
  selectionAfter: readonly string[];
}

const samePaths = (a: Patch[], b: Patch[]) =>
  a.length === b.length &&
  a.every((p, i) => p.op === b[i]!.op && p.path.join('\0') === b[i]!.path.join('\0'));

/** Extends the last step with a later edit of the same thing; the merged step undoes both at once. */
export function coalesce(last: HistoryEntry, next: HistoryEntry): HistoryEntry {
  // When the later edit replaces exactly what the earlier one did, its patches alone redo both.
  const patches = samePaths(last.patches, next.patches) ? next.patches : [...last.patches, ...next.patches];
  const inverse = samePaths(last.patches, next.patches) ? last.inverse : [...next.inverse, ...last.inverse];
  return { ...last, patches, inverse, at: next.at, selectionAfter: next.selectionAfter };
}

/** Whether a new step should merge into the last one. */
export function shouldCoalesce(
  last: HistoryEntry | undefined,
  next: HistoryEntry,
  windowMs: number,
): boolean {
  return (
    last !== undefined &&
    next.coalesceKey !== undefined &&
    last.coalesceKey === next.coalesceKey &&
    next.at - last.at <= windowMs
  );
}
