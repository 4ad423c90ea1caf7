import { createHash } from 'node:crypto';

/** Eight hex digits of the text's SHA-256: the name part that changes when a file's content does. */
export const contentHash = (text: string) =>
  createHash('sha256').update(text).digest('hex').slice(0, 8).toUpperCase();
