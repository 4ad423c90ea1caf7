import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileExpression } from './compile';
import { parseExpression } from './parse';

// Random token soup, biased towards things people (and attackers) type: the parser must answer
// with positioned errors, never throw, and anything it accepts must compile.
const TOKENS = [
  'state',
  'item',
  'utils',
  'code',
  'x',
  'constructor',
  '__proto__',
  'prototype',
  'window',
  'globalThis',
  'Function',
  'eval',
  'this',
  'new',
  'delete',
  'typeof',
  'void',
  'await',
  'import',
  'class',
  'function',
  'return',
  'let',
  'var',
  '=>',
  '=',
  '+=',
  '++',
  '.',
  '?.',
  '?',
  ':',
  ',',
  ';',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '+',
  '-',
  '*',
  '**',
  '/',
  '%',
  '&&',
  '||',
  '??',
  '!',
  '===',
  '<',
  'in',
  'instanceof',
  '...',
  '`',
  '${',
  "'a'",
  '"b"',
  '0',
  '1.5',
  '1n',
  '/x/g',
  '// c\n',
  '/* c */',
  '\n',
  ' ',
  '#p',
  'map',
  'len',
  'length',
];

const soup = fc
  .array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 12 })
  .map((tokens) => tokens.join(' '));

describe('parser robustness', () => {
  it('never throws, and positions every error inside the source', () => {
    let accepted = 0;
    fc.assert(
      fc.property(soup, (source) => {
        const result = parseExpression(source, { scope: ['state', 'item', 'utils', 'code'] });
        if (result.ok) {
          accepted++;
          expect(() =>
            compileExpression(source, { scope: ['state', 'item', 'utils', 'code'] }),
          ).not.toThrow();
          return;
        }
        const lines = source.split('\n');
        expect(result.errors.length).toBeGreaterThan(0);
        for (const error of result.errors) {
          expect(error.message.length).toBeGreaterThan(0);
          expect(error.line).toBeGreaterThanOrEqual(1);
          expect(error.line).toBeLessThanOrEqual(lines.length);
          expect(error.column).toBeGreaterThanOrEqual(1);
          expect(error.column).toBeLessThanOrEqual((lines[error.line - 1] as string).length + 1);
        }
      }),
      { numRuns: 1000 },
    );
    expect(accepted).toBeGreaterThan(0);
  });
});
