export * from './actions';
export { RESERVED_LOCAL_NAMES } from './actions/set-repeat';
export { copyNodes, readClipboard } from './clipboard';
export type { EditorDocument, EditorNode, EditorPage } from './document';
export { ActionRefused } from './errors';
export type { HistoryEntry } from './history';
export { buildTree, denormalize, normalize } from './normalize';
export type { LooseNode, Target } from './place';
export {
  codeBlocksMentioning,
  localNames,
  type Renames,
  rewriteExpression,
  rewriteReferences,
} from './references';
export type { SelectionAction } from './selection';
export * from './selectors';
export {
  createEditorStore,
  type DispatchResult,
  type EditorAction,
  type EditorState,
  type EditorStore,
  type EditorStoreOptions,
} from './store';
export { subtreeIds } from './tree';
