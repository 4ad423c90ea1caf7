/** A first-come-first-served async lock: one writer (or transaction) at a time per database. */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();
  #held = false;
  #waiting = 0;

  /** True when nobody holds or waits for the lock, so a short synchronous write may go ahead now. */
  get free(): boolean {
    return !this.#held && this.#waiting === 0;
  }

  async acquire(): Promise<() => void> {
    this.#waiting++;
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => {
      release = () => {
        this.#held = false;
        resolve();
      };
    });
    await previous;
    this.#waiting--;
    this.#held = true;
    return release;
  }
}
