import { badValue } from './errors';
import { validateSort } from './semantics/order';
import { validateProjection } from './semantics/query';
import type { Cursor, FindOptions, Projection, SortSpec } from './types';

/** What a cursor asks its adapter to run once it is iterated. */
export type CursorRunner<T> = (options: FindOptions) => AsyncIterable<T>;
/** Optional fast path for toArray(): the whole result at once, without per-document awaits. */
export type CursorCollector<T> = (options: FindOptions) => Promise<T[]>;

function checkCount(name: string, n: unknown): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
    throw badValue(`${name} must be a non-negative integer, got ${String(n)}`);
  return n;
}

/** Validates find options the way MongoDB would. */
export function checkFindOptions(options: FindOptions = {}): FindOptions {
  const out: FindOptions = {};
  if (options.sort !== undefined) out.sort = validateSort(options.sort);
  if (options.skip !== undefined) out.skip = checkCount('skip', options.skip);
  if (options.limit !== undefined) out.limit = checkCount('limit', options.limit);
  if (options.projection !== undefined) {
    validateProjection(options.projection);
    out.projection = options.projection;
  }
  return out;
}

/** A lazy query: options can be chained until the first read, as with the MongoDB driver. */
export class StoreCursor<T> implements Cursor<T> {
  #options: FindOptions;
  readonly #run: CursorRunner<unknown>;
  #started = false;

  readonly #collect: CursorCollector<unknown> | undefined;

  constructor(run: CursorRunner<unknown>, options: FindOptions = {}, collect?: CursorCollector<unknown>) {
    // Options are validated when the cursor is first read, so a bad one rejects toArray() like a server error would.
    this.#run = run;
    this.#options = options;
    this.#collect = collect;
  }

  #set(change: FindOptions): this {
    if (this.#started) throw badValue('Cursor is already initialized');
    this.#options = { ...this.#options, ...change }; // checked when read, as the driver does
    return this;
  }

  sort(sort: SortSpec): Cursor<T> {
    return this.#set({ sort });
  }

  skip(n: number): Cursor<T> {
    return this.#set({ skip: n });
  }

  limit(n: number): Cursor<T> {
    return this.#set({ limit: n });
  }

  project<P extends Record<string, unknown>>(projection: Projection): Cursor<P> {
    this.#set({ projection });
    return this as unknown as Cursor<P>;
  }

  async toArray(): Promise<T[]> {
    if (this.#collect) {
      if (this.#started) throw badValue('Cursor is already initialized');
      this.#started = true;
      return (await this.#collect(checkFindOptions(this.#options))) as T[];
    }
    const out: T[] = [];
    for await (const doc of this) out.push(doc);
    return out;
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.#started) throw badValue('Cursor is already initialized');
    this.#started = true;
    const options = checkFindOptions(this.#options);
    return (this.#run(options) as AsyncIterable<T>)[Symbol.asyncIterator]();
  }
}
