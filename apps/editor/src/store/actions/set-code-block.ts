// setCodeBlock: add, change or delete (block undefined) a code block of the app.
import type { CodeBlock } from '@tessera/schema';
import type { EditorDocument } from '../document';
import { ActionRefused } from '../errors';

export type SetCodeBlockAction = { type: 'setCodeBlock'; name: string; block: CodeBlock | undefined };

export function setCodeBlock(doc: EditorDocument, action: SetCodeBlockAction): undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(action.name))
    throw new ActionRefused(`"${action.name}" is not a valid code block name`);
  if (action.block === undefined) {
    if (doc.app.codeBlocks) delete doc.app.codeBlocks[action.name];
    if (doc.app.codeBlocks && Object.keys(doc.app.codeBlocks).length === 0) delete doc.app.codeBlocks;
    return;
  }
  doc.app.codeBlocks ??= {};
  doc.app.codeBlocks[action.name] = action.block;
}
