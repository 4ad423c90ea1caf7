import { describe, expect, it } from 'vitest';
import type { EditorNode } from '../../../store';
import { common, sharedProps } from './shared';

const node = (id: string, component: string, props?: EditorNode['props']): EditorNode => ({
  id,
  component,
  parentId: 'root',
  childIds: [],
  ...(props ? { props } : {}),
});

describe('what selected nodes share', () => {
  it('offers all props of one component, and only same-named props of the same type across components', () => {
    const texts = sharedProps([node('a', 'Text'), node('b', 'Text')]).map(([name]) => name);
    expect(texts).toContain('text');
    const mixed = sharedProps([node('a', 'Text'), node('b', 'Button')]).map(([name]) => name);
    expect(mixed.length).toBeLessThan(texts.length);
    // both have a text prop (a textarea on Text, a line on Button): one field sets both
    expect(mixed).toContain('text');
    expect(mixed).not.toContain('maxLines');
    for (const name of mixed) expect(texts).toContain(name);
    expect(sharedProps([node('a', 'Text'), node('b', 'Nope')])).toEqual([]);
  });

  it('keeps values the nodes agree on (deeply) and lists the others as mixed', () => {
    const { values, mixed } = common(
      [
        { text: 'One', size: 2, color: { $expr: 'state.c' }, only: 1 },
        { text: 'Two', size: 2, color: { $expr: 'state.c' } },
      ],
      ['text', 'size', 'color', 'only', 'none'],
    );
    expect(values).toEqual({ size: 2, color: { $expr: 'state.c' }, none: undefined });
    expect([...mixed]).toEqual(['text', 'only']);
  });
});
