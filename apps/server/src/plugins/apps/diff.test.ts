import { describe, expect, it } from 'vitest';
import { diffJson } from './diff';

describe('diffJson', () => {
  it('finds nothing between equal documents', () => {
    expect(diffJson({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toEqual([]);
  });

  it('names added, removed and replaced pointers with old and new values', () => {
    const before = { name: 'A', pages: [{ id: 'home', title: 'Home' }], theme: { color: 'red' } };
    const after = { name: 'B', pages: [{ id: 'home', title: 'Start' }, { id: 'about' }], locales: ['en'] };
    expect(diffJson(before, after)).toEqual([
      { op: 'replace', pointer: '/name', before: 'A', after: 'B' },
      { op: 'replace', pointer: '/pages/0/title', before: 'Home', after: 'Start' },
      { op: 'add', pointer: '/pages/1', after: { id: 'about' } },
      { op: 'remove', pointer: '/theme', before: { color: 'red' } },
      { op: 'add', pointer: '/locales', after: ['en'] },
    ]);
  });

  it('escapes ~ and / in keys and removes array tails from the end', () => {
    expect(diffJson({ 'a/b': 1, list: [1, 2, 3] }, { 'a/b': 2, list: [1] })).toEqual([
      { op: 'replace', pointer: '/a~1b', before: 1, after: 2 },
      { op: 'remove', pointer: '/list/2', before: 3 },
      { op: 'remove', pointer: '/list/1', before: 2 },
    ]);
  });

  it('replaces the root when types differ', () => {
    expect(diffJson([1], { a: 1 })).toEqual([{ op: 'replace', pointer: '', before: [1], after: { a: 1 } }]);
  });
});
