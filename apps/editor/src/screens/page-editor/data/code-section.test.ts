import { describe, expect, it } from 'vitest';
import { exportedNames } from './code-section';

describe('exportedNames', () => {
  it('reads top-level exports of a module', () => {
    const source = [
      'export function a() {}',
      'export async function b() {}',
      'export const c = 1, ignored = 2;',
      'const d = 1; const e = 2;',
      'export { d, e as f };',
      'function notExported() {}',
      '// export function commented() {} is still found: a comment is a rare place for this',
    ].join('\n');
    expect(exportedNames(source)).toEqual(['a', 'b', 'c', 'commented', 'd', 'f']);
  });
});
