import { randomBytes } from 'node:crypto';

/** 24 hex chars, like the store's ids, but ordered by creation time (first 12 chars = milliseconds). */
export function timeOrderedId(now = Date.now()): string {
  return now.toString(16).padStart(12, '0') + randomBytes(6).toString('hex');
}

/** 24 random hex chars (the store's id format). */
export function randomId(): string {
  return randomBytes(12).toString('hex');
}

/**
 * App ids double as the AppSchema `id` (lower-case letter first) and name the app's own database,
 * so they are 'a' + 23 random hex chars: valid in both formats.
 */
export function newAppId(): string {
  return 'a' + randomBytes(12).toString('hex').slice(0, 23);
}
