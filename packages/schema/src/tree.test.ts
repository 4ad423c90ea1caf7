import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppSchema } from './generated/types';
import { resolvePointer } from './pointer';
import { findNode, indexNodes, parentOf, pathOf, walkNodes } from './tree';

const showcase = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'templates', 'showcase', 'app.json'), 'utf8'),
) as AppSchema;

const small: AppSchema = {
  schemaVersion: 2,
  id: 'tree',
  name: 'Tree',
  locales: { default: 'en', supported: ['en'] },
  navigation: { home: 'a' },
  pages: [
    {
      id: 'a',
      path: '/',
      title: 'A',
      root: {
        id: 'root',
        component: 'Page',
        children: [
          {
            id: 'card',
            component: 'Card',
            children: [{ id: 'text', component: 'Text' }],
            slots: { 'foot/er': [{ id: 'slotted', component: 'Text' }] },
          },
          { id: 'last', component: 'Text' },
        ],
      },
    },
    { id: 'b', path: '/b', title: 'B', root: { id: 'b_root', component: 'Page' } },
  ],
};

describe('tree utilities', () => {
  it('walkNodes visits parents before children, children before slots, every page', () => {
    const seen: string[] = [];
    walkNodes(small, ({ node }) => {
      seen.push(node.id);
    });
    expect(seen).toEqual(['root', 'card', 'text', 'slotted', 'last', 'b_root']);
  });

  it('walkNodes reports parent, slot, index, depth and page', () => {
    const slotted = findNode(small, 'slotted')!;
    expect(slotted.parent?.id).toBe('card');
    expect(slotted.slot).toBe('foot/er');
    expect(slotted.depth).toBe(2);
    expect(slotted.page.id).toBe('a');
    expect(findNode(small, 'last')).toMatchObject({ index: 1, depth: 1, pageIndex: 0 });
  });

  it('returning false skips descendants', () => {
    const seen: string[] = [];
    walkNodes(small, ({ node }) => {
      seen.push(node.id);
      return node.id !== 'card';
    });
    expect(seen).toEqual(['root', 'card', 'last', 'b_root']);
  });

  it('pathOf gives an RFC 6901 pointer (slot names escaped) that resolves to the node', () => {
    expect(pathOf(small, 'text')).toBe('/pages/0/root/children/0/children/0');
    expect(pathOf(small, 'slotted')).toBe('/pages/0/root/children/0/slots/foot~1er/0');
    expect(pathOf(small, 'b_root')).toBe('/pages/1/root');
    expect(pathOf(small, 'missing')).toBeUndefined();
    walkNodes(showcase, ({ node }) => {
      const pointer = pathOf(showcase, node.id)!;
      expect(resolvePointer(showcase, pointer)).toEqual({ found: true, value: node });
    });
  });

  it('parentOf gives the holding node, undefined for roots and unknown ids', () => {
    expect(parentOf(small, 'text')?.id).toBe('card');
    expect(parentOf(small, 'slotted')?.id).toBe('card');
    expect(parentOf(small, 'root')).toBeUndefined();
    expect(parentOf(small, 'nope')).toBeUndefined();
  });

  it('indexNodes maps every id to its location in one walk', () => {
    const index = indexNodes(showcase);
    let count = 0;
    walkNodes(showcase, () => {
      count++;
    });
    expect(index.size).toBe(count);
    expect(index.get('home_news_tag')?.parent?.id).toBe('home_news_tags');
  });

  it('tolerates malformed documents', () => {
    const broken = {
      pages: [null, { root: 'x' }, { root: { id: 'r', children: [null, 3, { id: 'c' }] } }],
    } as unknown as AppSchema;
    const seen: string[] = [];
    walkNodes(broken, ({ node }) => {
      seen.push(node.id);
    });
    expect(seen).toEqual(['r', 'c']);
    expect(() => walkNodes({} as AppSchema, () => {})).not.toThrow();
  });
});
