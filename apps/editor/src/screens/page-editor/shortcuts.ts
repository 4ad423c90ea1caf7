// The page editor's keyboard shortcuts (listed in the help dialog): active unless the user is
// typing in a field, a dialog is open, or a drag is running (dnd-kit owns the keys then).
import { useEffect } from 'react';
import { useT } from '../../app/i18n';
import { useToast } from '../../app/ui';
import type { EditorStore } from '../../store';
import { messages } from './messages';
import type { DraftSaver } from './save';

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target.closest('.monaco-editor')) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'range', 'color'].includes(type);
}

export function useShortcuts(store: EditorStore, saver: DraftSaver, actions: { openHelp: () => void }): void {
  const t = useT(messages);
  const toast = useToast();
  useEffect(() => {
    const report = (result: { ok: boolean; reason?: string }) => {
      if (!result.ok && result.reason) toast(result.reason, 'error');
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || typing(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      // a keyboard drag is running: its keys belong to dnd-kit
      if (document.querySelector('.drag-chip')) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const { selection } = store.getState();
      const ids = [...selection];
      const needSelection = () => {
        if (ids.length > 0) return true;
        toast(t('nothingSelected'));
        return false;
      };
      let handled = true;
      if (mod && key === 'z' && !event.shiftKey) store.dispatch({ type: 'undo' });
      else if (mod && ((key === 'z' && event.shiftKey) || key === 'y')) store.dispatch({ type: 'redo' });
      else if (mod && key === 'c') {
        if (needSelection()) {
          report(store.dispatch({ type: 'copy', ids }));
          const text = store.getState().clipboard;
          if (text) void navigator.clipboard?.writeText(text).catch(() => undefined);
          toast(t('copiedNodes', { count: ids.length }));
        }
      } else if (mod && key === 'x') {
        if (needSelection()) report(store.dispatch({ type: 'cut', ids }));
      } else if (mod && key === 'v') report(store.dispatch({ type: 'paste' }));
      else if (mod && key === 'd') {
        if (needSelection()) report(store.dispatch({ type: 'duplicate', ids }));
      } else if (mod && key === 's') void saver.save();
      else if (!mod && (event.key === 'Delete' || event.key === 'Backspace')) {
        if (needSelection()) report(store.dispatch({ type: 'remove', ids }));
      } else if (!mod && event.key === 'Escape') store.dispatch({ type: 'clearSelection' });
      else if (!mod && event.key === '?') actions.openHelp();
      else handled = false;
      if (handled) event.preventDefault();
    };
    addEventListener('keydown', onKeyDown);
    return () => removeEventListener('keydown', onKeyDown);
  }, [store, saver, actions, t, toast]);
}
