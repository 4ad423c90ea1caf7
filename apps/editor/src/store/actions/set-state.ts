// setState: add, change or delete (variable undefined) a state variable of a page or of the app.
import type { StateVariable } from '@tessera/schema';
import type { EditorDocument } from '../document';
import { ActionRefused } from '../errors';
import { pageOrRefuse } from './rename-page';

export type SetStateAction = {
  type: 'setState';
  /** the page whose state it is; absent for app state */
  pageId?: string;
  name: string;
  variable: StateVariable | undefined;
};

export function setState(doc: EditorDocument, action: SetStateAction): undefined {
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(action.name))
    throw new ActionRefused(`"${action.name}" is not a valid variable name`);
  const owner = action.pageId === undefined ? doc.app : pageOrRefuse(doc, action.pageId);
  if (action.variable === undefined) {
    if (owner.state) delete owner.state[action.name];
    if (owner.state && Object.keys(owner.state).length === 0) delete owner.state;
    return;
  }
  owner.state ??= {};
  owner.state[action.name] = action.variable;
}
