import { describe, expect, it } from 'vitest';
import { diagnoseExpression } from './expression-scope';
import { expressionView, tokenize } from './expression-view';

describe('the light expression view', () => {
  it('colours the tokens monaco colours', () => {
    expect(tokenize("state.n > 2 ? 'yes' : null")).toEqual([
      { text: 'state', kind: 'identifier' },
      { text: '.', kind: 'operator' },
      { text: 'n', kind: 'identifier' },
      { text: ' ', kind: 'text' },
      { text: '>', kind: 'operator' },
      { text: ' ', kind: 'text' },
      { text: '2', kind: 'number' },
      { text: ' ', kind: 'text' },
      { text: '?', kind: 'operator' },
      { text: ' ', kind: 'text' },
      { text: "'yes'", kind: 'string' },
      { text: ' ', kind: 'text' },
      { text: ':', kind: 'operator' },
      { text: ' ', kind: 'text' },
      { text: 'null', kind: 'keyword' },
    ]);
    expect(
      tokenize('a\n+ "b\\"c"')
        .map((t) => t.text)
        .join(''),
    ).toBe('a\n+ "b\\"c"');
  });

  it('marks the characters of each error range, as the monaco marker does', () => {
    const source = "'a' + nope";
    const scope = { roots: [{ name: 'state', type: 'object' as const, members: [], closed: 'a variable' }] };
    const diagnostics = diagnoseExpression(source, scope);
    expect(diagnostics.length).toBeGreaterThan(0);
    const view = expressionView(source, diagnostics);
    expect(view.map((piece) => piece.text).join('')).toBe(source);
    expect(view.filter((piece) => piece.error).map((piece) => piece.text)).toEqual(['nope']);
    expect(expressionView('1 +', [{ message: 'x', line: 1, column: 4, endLine: 1, endColumn: 4 }])).toEqual([
      { text: '1', kind: 'number', error: false },
      { text: ' ', kind: 'text', error: false },
      { text: '+', kind: 'operator', error: true },
    ]);
  });
});
