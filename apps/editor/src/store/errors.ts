/** An action the document does not allow (a refused drop, an unknown node); the message says why. */
export class ActionRefused extends Error {
  override name = 'ActionRefused';
}
