import { randomBytes } from 'node:crypto';

// ObjectId layout (seconds, per-process random, counter) keeps ids roughly time-ordered and unique across processes.
const processPart = randomBytes(5).toString('hex');
let counter = randomBytes(3).readUIntBE(0, 3);

/** A new 24-hex-character id, formatted like a MongoDB ObjectId. */
export function newId(): string {
  counter = (counter + 1) % 0x1000000;
  const seconds = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0');
  return seconds + processPart + counter.toString(16).padStart(6, '0');
}
