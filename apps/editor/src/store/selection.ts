// Selection changes: not document changes, so they never enter the undo history.
export type SelectionAction =
  | { type: 'select'; ids: string[] }
  | { type: 'toggleSelect'; id: string }
  | { type: 'clearSelection' };

export function nextSelection(current: readonly string[], action: SelectionAction): readonly string[] {
  switch (action.type) {
    case 'select':
      return [...new Set(action.ids)];
    case 'toggleSelect':
      return current.includes(action.id) ? current.filter((id) => id !== action.id) : [...current, action.id];
    case 'clearSelection':
      return current.length === 0 ? current : [];
  }
}
