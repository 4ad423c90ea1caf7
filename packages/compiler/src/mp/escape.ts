/** Text content for WXML: markup characters escaped; `{{` can never appear (callers bind such text). */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

/**
 * Literal text that WXML would read as a binding or markup goes through data instead: WXML shows
 * entities such as &amp; literally, so escaping cannot keep such text intact.
 */
export function needsBinding(text: string): boolean {
  return /[{}<>&"]/.test(text);
}

/** A JavaScript identifier made from a node id (method names). */
export function identifier(text: string): string {
  return text.replace(/[^A-Za-z0-9_]/g, '_');
}
