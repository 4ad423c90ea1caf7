// setEvents: replace the action list of one event of a node (undefined or [] removes the handler).
import type { ActionList } from '@tessera/schema';
import type { EditorDocument } from '../document';
import { nodeOrRefuse } from '../tree';

export type SetEventsAction = {
  type: 'setEvents';
  id: string;
  event: string;
  actions: ActionList | undefined;
};

export function setEvents(doc: EditorDocument, action: SetEventsAction): undefined {
  const node = nodeOrRefuse(doc, action.id);
  if (!action.actions || action.actions.length === 0) {
    if (node.events) delete node.events[action.event];
    if (node.events && Object.keys(node.events).length === 0) delete node.events;
    return;
  }
  node.events ??= {};
  node.events[action.event] = action.actions;
}
