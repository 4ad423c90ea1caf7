// setQuery: add, change or delete (query undefined) a query of a page or of the app.
import type { QuerySchema } from '@tessera/schema';
import type { EditorDocument } from '../document';
import { ActionRefused } from '../errors';
import { pageOrRefuse } from './rename-page';

export type SetQueryAction = {
  type: 'setQuery';
  /** the page whose query it is; absent for an app query */
  pageId?: string;
  name: string;
  query: QuerySchema | undefined;
};

export function setQuery(doc: EditorDocument, action: SetQueryAction): undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(action.name))
    throw new ActionRefused(`"${action.name}" is not a valid query name`);
  const owner = action.pageId === undefined ? doc.app : pageOrRefuse(doc, action.pageId);
  if (action.query === undefined) {
    if (owner.queries) delete owner.queries[action.name];
    if (owner.queries && Object.keys(owner.queries).length === 0) delete owner.queries;
    return;
  }
  owner.queries ??= {};
  owner.queries[action.name] = action.query;
}
