import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogue } from '@tessera/components';
import { type AppSchema, validateApp } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import fixture from './fixtures/form-app.json' with { type: 'json' };
import { generateLargeApp } from './generate';
import { denormalize, normalize } from './normalize';

const root = join(import.meta.dirname, '../../../..');
const templates = ['blank', 'showcase'];

describe('normalize / denormalize', () => {
  it('flattens nodes with parent, slot and child ids', () => {
    const doc = normalize(fixture as unknown as AppSchema);
    expect(doc.pages.map((p) => p.root)).toEqual(['home_root', 'about_root']);
    expect(doc.nodes.home_root!.childIds).toEqual(['title', 'signup', 'list', 'thanks']);
    expect(doc.nodes.name_input).toMatchObject({ parentId: 'signup', component: 'Input', childIds: [] });
    expect(doc.nodes.home_root!.parentId).toBeNull();
    expect(Object.keys(doc.nodes)).toHaveLength(9);
  });

  it('keeps slots apart from children', () => {
    const showcase = JSON.parse(readFileSync(join(root, 'templates/showcase/app.json'), 'utf8')) as AppSchema;
    const doc = normalize(showcase);
    const withSlots = Object.values(doc.nodes).filter((n) => n.slotIds);
    expect(withSlots.length).toBeGreaterThan(0);
    for (const node of withSlots) {
      for (const [slot, ids] of Object.entries(node.slotIds!)) {
        for (const id of ids) expect(doc.nodes[id]).toMatchObject({ parentId: node.id, slot });
      }
    }
  });

  for (const name of templates) {
    it(`round-trips templates/${name}/app.json byte for byte`, () => {
      const file = join(root, `templates/${name}/app.json`);
      const text = readFileSync(file, 'utf8');
      const back = denormalize(normalize(JSON.parse(text) as AppSchema));
      expect(validateApp(back, { catalogue }).errors).toEqual([]);
      // same bytes once serialised: same keys, same key order, same values (the file's whitespace is Biome's)
      expect(JSON.stringify(back, null, 2)).toBe(JSON.stringify(JSON.parse(text), null, 2));
    });
  }

  it('round-trips a generated 2,000-node page', () => {
    const app = generateLargeApp(10);
    const doc = normalize(app);
    expect(Object.keys(doc.nodes)).toHaveLength(2001);
    expect(denormalize(doc)).toEqual(app);
  });

  it('refuses duplicate node ids', () => {
    const app = structuredClone(fixture) as unknown as AppSchema;
    app.pages[1]!.root.children = [{ id: 'title', component: 'Text' }];
    expect(() => normalize(app)).toThrow('duplicate node id "title"');
  });
});
