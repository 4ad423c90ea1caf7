// The editor store: state changed only by named actions, undo/redo as patches, and a
// framework-neutral subscribe API (React reads it with useSyncExternalStore).
import { catalogue as defaultCatalogue } from '@tessera/components';
import type { AppSchema, ComponentCatalogue } from '@tessera/schema';
import { applyPatches, enablePatches, freeze, produceWithPatches } from 'immer';
import { applyAction, type DocumentAction } from './actions';
import type { ActionOutcome } from './actions/context';
import { copyNodes } from './clipboard';
import type { EditorDocument } from './document';
import { ActionRefused } from './errors';
import { coalesce, type HistoryEntry, shouldCoalesce } from './history';
import { denormalize, normalize } from './normalize';
import { nextSelection, type SelectionAction } from './selection';

enablePatches();

export interface EditorState {
  doc: EditorDocument;
  /** selected node ids, in the order they were selected */
  selection: readonly string[];
  /** copied nodes as JSON, or null */
  clipboard: string | null;
  canUndo: boolean;
  canRedo: boolean;
}

export type EditorAction =
  | DocumentAction
  | SelectionAction
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'copy'; ids: string[] };

export type DispatchResult = { ok: true } | { ok: false; reason: string };

export interface EditorStoreOptions {
  catalogue?: ComponentCatalogue;
  /** setProp / setStyle edits of the same value closer than this merge into one undo step */
  coalesceMs?: number;
  /** most undo steps kept */
  historyLimit?: number;
  now?: () => number;
}

export interface EditorStore {
  getState(): EditorState;
  subscribe(listener: () => void): () => void;
  dispatch(action: EditorAction): DispatchResult;
  /** the app schema of the current document, for saving */
  getApp(): AppSchema;
  /** undo and redo stacks (oldest first), for inspection and tests */
  history(): { undo: readonly HistoryEntry[]; redo: readonly HistoryEntry[] };
}

function coalesceKeyOf(action: DocumentAction): string | undefined {
  if (action.type === 'setProp' || action.type === 'setStyle')
    return `${action.type}\0${action.id}\0${action.name}`;
  // typing into a field of a multi-selection: one step per field and set of nodes
  if (action.type === 'setMany')
    return `${action.type}\0${action.field}\0${[...action.ids].sort().join(',')}\0${action.name}`;
  // typing in a code block, a query field or a variable's initial value is one step too
  if (action.type === 'setCodeBlock') return `${action.type}\0${action.name}`;
  // typing a repeat's items or item name, or a condition, too
  if (action.type === 'setRepeat' || action.type === 'setIf') return `${action.type}\0${action.id}`;
  if (action.type === 'setQuery' || action.type === 'setState')
    return `${action.type}\0${action.pageId ?? ''}\0${action.name}`;
  return undefined;
}

export function createEditorStore(app: AppSchema, options: EditorStoreOptions = {}): EditorStore {
  const catalogue = options.catalogue ?? defaultCatalogue;
  const coalesceMs = options.coalesceMs ?? 800;
  const historyLimit = options.historyLimit ?? 500;
  const now = options.now ?? Date.now;
  const undoStack: HistoryEntry[] = [];
  const redoStack: HistoryEntry[] = [];
  const listeners = new Set<() => void>();
  let state: EditorState = {
    doc: freeze(normalize(app), true),
    selection: [],
    clipboard: null,
    canUndo: false,
    canRedo: false,
  };

  function commit(next: Partial<EditorState>): void {
    state = { ...state, ...next, canUndo: undoStack.length > 0, canRedo: redoStack.length > 0 };
    for (const listener of [...listeners]) listener();
  }

  const existing = (doc: EditorDocument, ids: readonly string[]) =>
    ids.filter((id) => Object.hasOwn(doc.nodes, id));

  function change(action: DocumentAction): DispatchResult {
    let outcome: ActionOutcome = {};
    let doc: EditorDocument;
    let patches: HistoryEntry['patches'];
    let inverse: HistoryEntry['inverse'];
    try {
      [doc, patches, inverse] = produceWithPatches(state.doc, (draft) => {
        outcome = applyAction(draft as EditorDocument, action, {
          catalogue,
          selection: state.selection,
          clipboard: state.clipboard,
        });
      });
    } catch (error) {
      if (error instanceof ActionRefused) return { ok: false, reason: error.message };
      throw error;
    }
    const selection = outcome.select ?? existing(doc, state.selection);
    if (patches.length > 0) {
      const entry: HistoryEntry = {
        type: action.type,
        patches,
        inverse,
        at: now(),
        selectionBefore: state.selection,
        selectionAfter: selection,
      };
      const key = coalesceKeyOf(action);
      if (key !== undefined) entry.coalesceKey = key;
      const last = undoStack[undoStack.length - 1];
      if (redoStack.length === 0 && shouldCoalesce(last, entry, coalesceMs))
        undoStack[undoStack.length - 1] = coalesce(last!, entry);
      else undoStack.push(entry);
      if (undoStack.length > historyLimit) undoStack.shift();
      redoStack.length = 0;
    }
    const next: Partial<EditorState> = { doc, selection };
    if (outcome.clipboard !== undefined) next.clipboard = outcome.clipboard;
    commit(next);
    return { ok: true };
  }

  function travel(from: HistoryEntry[], to: HistoryEntry[], undo: boolean): DispatchResult {
    const entry = from.pop();
    if (!entry) return { ok: false, reason: undo ? 'nothing to undo' : 'nothing to redo' };
    to.push(entry);
    const doc = applyPatches(state.doc, undo ? entry.inverse : entry.patches);
    commit({ doc, selection: existing(doc, undo ? entry.selectionBefore : entry.selectionAfter) });
    return { ok: true };
  }

  function dispatch(action: EditorAction): DispatchResult {
    switch (action.type) {
      case 'undo':
        return travel(undoStack, redoStack, true);
      case 'redo':
        return travel(redoStack, undoStack, false);
      case 'select':
      case 'toggleSelect':
      case 'clearSelection': {
        const selection = nextSelection(state.selection, action);
        const known = existing(state.doc, selection);
        if (known.length !== selection.length)
          return { ok: false, reason: 'cannot select a node that does not exist' };
        if (selection !== state.selection) commit({ selection });
        return { ok: true };
      }
      case 'copy':
        try {
          commit({ clipboard: copyNodes(state.doc, action.ids) });
          return { ok: true };
        } catch (error) {
          if (error instanceof ActionRefused) return { ok: false, reason: error.message };
          throw error;
        }
      default:
        return change(action);
    }
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispatch,
    getApp: () => denormalize(state.doc),
    history: () => ({ undo: [...undoStack], redo: [...redoStack] }),
  };
}
