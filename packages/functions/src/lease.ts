// Leases in the shared store, so that several server processes agree on who does a job.
// Only the operations below are needed, so any @tessera/store Store fits (also a MongoDB one).

interface LeaseDoc {
  _id?: string;
  holder?: string;
  expiresAt?: number;
  tick?: string;
  [key: string]: unknown;
}

export interface LeaseCollection {
  findOneAndUpdate(filter: object, update: object, options?: object): Promise<LeaseDoc | null>;
  deleteOne(filter: object): Promise<{ deletedCount: number }>;
}

export interface LeaseStore {
  platform(): { collection(name: string): LeaseCollection };
}

export const LEASE_COLLECTION = 'function_leases';

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/**
 * Takes (or renews) the lease `name` for `holder` for `ttlMs`. True when `holder` now holds it.
 * One atomic findOneAndUpdate: it matches only a free, expired or own lease; when another holder's
 * live lease exists, the upsert collides on _id and the answer is false.
 */
export async function acquireLease(
  store: LeaseStore,
  name: string,
  holder: string,
  ttlMs: number,
): Promise<boolean> {
  const now = Date.now();
  try {
    const doc = await store
      .platform()
      .collection(LEASE_COLLECTION)
      .findOneAndUpdate(
        { _id: name, $or: [{ holder }, { expiresAt: { $lte: now } }] },
        { $set: { holder, expiresAt: now + ttlMs } },
        { upsert: true, returnDocument: 'after' },
      );
    return doc?.holder === holder;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

/** Gives a lease up early (only if `holder` still holds it). */
export async function releaseLease(store: LeaseStore, name: string, holder: string): Promise<void> {
  await store.platform().collection(LEASE_COLLECTION).deleteOne({ _id: name, holder });
}

/**
 * Claims one firing (`tick`, an ISO time) of a schedule. Exactly one caller per tick gets true,
 * however many processes race, because the tick only moves forward.
 */
export async function claimTick(
  store: LeaseStore,
  scheduleId: string,
  tick: Date,
  holder: string,
): Promise<boolean> {
  const tickText = tick.toISOString();
  try {
    const doc = await store
      .platform()
      .collection(LEASE_COLLECTION)
      .findOneAndUpdate(
        { _id: `tick:${scheduleId}`, tick: { $lt: tickText } },
        { $set: { tick: tickText, holder } },
        { upsert: true, returnDocument: 'after' },
      );
    return doc?.holder === holder && doc.tick === tickText;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}
