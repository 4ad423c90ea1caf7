import { getIn, type Path, setIn } from './paths';

export type ChangeListener = (changes: Path[]) => void;

/**
 * Holds one tree of plain data and remembers which paths changed since the last flush, so a
 * renderer recomputes only the bindings that read them.
 */
export class Store {
  private data: Record<string, unknown>;
  private pending: Path[] = [];
  private readonly listeners = new Set<ChangeListener>();

  constructor(initial: Record<string, unknown> = {}) {
    this.data = initial;
  }

  get(path: Path = []): unknown {
    return getIn(this.data, path);
  }

  /** The whole tree (treat as read-only: every set makes a new copy along the path). */
  snapshot(): Record<string, unknown> {
    return this.data;
  }

  set(path: Path, value: unknown): void {
    if (path.length === 0) throw new Error('a store path needs at least one segment');
    if (Object.is(getIn(this.data, path), value)) return;
    this.data = setIn(this.data, path, value) as Record<string, unknown>;
    this.pending.push(path);
  }

  /** Hands the changes made since the last flush to every listener. */
  flush(): Path[] {
    if (this.pending.length === 0) return [];
    const changes = this.pending;
    this.pending = [];
    for (const listener of this.listeners) listener(changes);
    return changes;
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
