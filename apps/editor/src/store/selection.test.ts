import { describe, expect, it } from 'vitest';
import { nextSelection } from './selection';

describe('nextSelection', () => {
  it('select replaces and de-duplicates, toggle flips one id, clear empties', () => {
    expect(nextSelection(['a'], { type: 'select', ids: ['b', 'c', 'b'] })).toEqual(['b', 'c']);
    expect(nextSelection(['a'], { type: 'toggleSelect', id: 'b' })).toEqual(['a', 'b']);
    expect(nextSelection(['a', 'b'], { type: 'toggleSelect', id: 'a' })).toEqual(['b']);
    expect(nextSelection(['a'], { type: 'clearSelection' })).toEqual([]);
    const empty: string[] = [];
    expect(nextSelection(empty, { type: 'clearSelection' })).toBe(empty);
  });
});
