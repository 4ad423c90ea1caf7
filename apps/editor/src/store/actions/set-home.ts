// setHome: choose the page shown first.
import type { EditorDocument } from '../document';
import { pageOrRefuse } from './rename-page';

export type SetHomeAction = { type: 'setHome'; pageId: string };

export function setHome(doc: EditorDocument, action: SetHomeAction): undefined {
  doc.app.navigation.home = pageOrRefuse(doc, action.pageId).id;
}
