import { describe, expect, it } from 'vitest';
import { overlaps, setIn } from './paths';
import { Store } from './store';

describe('Store', () => {
  it('reports the changed paths once per flush and shares untouched branches', () => {
    const store = new Store({ state: { a: { b: 1 }, other: { big: [1, 2, 3] } } });
    const before = store.snapshot();
    const seen: string[][] = [];
    store.subscribe((changes) => seen.push(...changes.map((path) => [...path])));
    store.set(['state', 'a', 'b'], 2);
    store.set(['state', 'a', 'b'], 2); // same value: no change recorded
    expect(store.flush()).toEqual([['state', 'a', 'b']]);
    expect(seen).toEqual([['state', 'a', 'b']]);
    expect(store.get(['state', 'a', 'b'])).toBe(2);
    expect((before.state as { a: { b: number } }).a.b).toBe(1);
    expect((store.snapshot().state as { other: unknown }).other).toBe(
      (before.state as { other: unknown }).other,
    );
    expect(store.flush()).toEqual([]);
  });

  it('writes into arrays by index and refuses prototype keys', () => {
    expect(setIn({ list: [1, 2] }, ['list', '1'], 5)).toEqual({ list: [1, 5] });
    expect(() => setIn({}, ['__proto__', 'x'], 1)).toThrow(/cannot be used/);
  });

  it('overlaps when one path is a prefix of the other', () => {
    expect(overlaps(['state', 'a'], ['state', 'a', 'b'])).toBe(true);
    expect(overlaps(['state', 'a', 'b'], ['state'])).toBe(true);
    expect(overlaps(['state', 'a'], ['state', 'b'])).toBe(false);
  });
});
