// React binding of the editor store: a component re-renders only when what it selects changes identity.
import { useSyncExternalStore } from 'react';
import type { EditorState, EditorStore } from '../store';

/**
 * The part of the editor state `select` returns, kept current. `select` must return objects of
 * the state itself (selectNode, selectChildren...), not new ones per call, or React re-renders
 * on every change.
 */
export function useEditor<T>(store: EditorStore, select: (state: EditorState) => T): T {
  const read = () => select(store.getState());
  return useSyncExternalStore(store.subscribe, read, read);
}
