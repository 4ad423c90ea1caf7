// Every named change the document accepts: the action's type names its module.
import type { EditorDocument } from '../document';
import { type AddPageAction, addPage } from './add-page';
import type { ActionContext, ActionOutcome } from './context';
import { type CutAction, cut } from './cut';
import { type DuplicateAction, duplicate } from './duplicate';
import { type InsertAction, insert } from './insert';
import { type MoveAction, move } from './move';
import { type PasteAction, paste } from './paste';
import { type RemoveAction, remove } from './remove';
import { type RemovePageAction, removePage } from './remove-page';
import { type RenamePageAction, renamePage } from './rename-page';
import { type RenameQueryAction, renameQuery } from './rename-query';
import { type RenameStateAction, renameState } from './rename-state';
import { type SetCodeBlockAction, setCodeBlock } from './set-code-block';
import { type SetEventsAction, setEvents } from './set-events';
import { type SetHomeAction, setHome } from './set-home';
import { type SetIfAction, setIf } from './set-if';
import { type SetManyAction, setMany } from './set-many';
import { type SetPropAction, setProp } from './set-prop';
import { type SetQueryAction, setQuery } from './set-query';
import { type SetRepeatAction, setRepeat } from './set-repeat';
import { type SetStateAction, setState } from './set-state';
import { type SetStyleAction, setStyle } from './set-style';
import { type SetTabBarAction, setTabBar } from './set-tab-bar';

export type { ActionContext, ActionOutcome } from './context';
export type {
  AddPageAction,
  CutAction,
  DuplicateAction,
  InsertAction,
  MoveAction,
  PasteAction,
  RemoveAction,
  RemovePageAction,
  RenamePageAction,
  RenameQueryAction,
  RenameStateAction,
  SetCodeBlockAction,
  SetEventsAction,
  SetHomeAction,
  SetIfAction,
  SetManyAction,
  SetPropAction,
  SetQueryAction,
  SetRepeatAction,
  SetStateAction,
  SetStyleAction,
  SetTabBarAction,
};

/** The document changes that go into the undo history. */
export type DocumentAction =
  | InsertAction
  | MoveAction
  | RemoveAction
  | DuplicateAction
  | CutAction
  | PasteAction
  | SetPropAction
  | SetStyleAction
  | SetManyAction
  | SetEventsAction
  | SetIfAction
  | SetRepeatAction
  | RenamePageAction
  | AddPageAction
  | RemovePageAction
  | SetHomeAction
  | SetStateAction
  | RenameStateAction
  | SetTabBarAction
  | SetQueryAction
  | RenameQueryAction
  | SetCodeBlockAction;

type Reducer<A> = (doc: EditorDocument, action: A, ctx: ActionContext) => ActionOutcome | undefined;
type Reducers = { [T in DocumentAction['type']]: Reducer<Extract<DocumentAction, { type: T }>> };

export const reducers: Reducers = {
  insert,
  move,
  remove,
  duplicate,
  cut,
  paste,
  setProp,
  setStyle,
  setMany,
  setEvents,
  setIf,
  setRepeat,
  renamePage,
  addPage,
  removePage,
  setHome,
  setState,
  renameState,
  setTabBar,
  setQuery,
  renameQuery,
  setCodeBlock,
};

/** Applies one action to a (draft) document; throws ActionRefused when the action is not allowed. */
export function applyAction(doc: EditorDocument, action: DocumentAction, ctx: ActionContext): ActionOutcome {
  const reducer = (Object.hasOwn(reducers, action.type) ? reducers[action.type] : undefined) as
    | Reducer<DocumentAction>
    | undefined;
  if (!reducer) throw new TypeError(`unknown editor action "${(action as { type: unknown }).type}"`);
  return reducer(doc, action, ctx) ?? {};
}
