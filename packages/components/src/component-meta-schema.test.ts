import type { ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { createAjv, schemaUrl } from '../test/ajv';
import { button } from './meta/button';

const validate = createAjv().getSchema(schemaUrl('component-meta')) as ValidateFunction;

const REMOVE = Symbol('remove');

/** A copy of the Button metadata with the value at `path` replaced (or removed). */
function mutated(path: string[], value: unknown): unknown {
  const copy = structuredClone(button) as unknown as Record<string, unknown>;
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = path.at(-1) as string;
  if (value === REMOVE) delete target[last];
  else target[last] = value;
  return copy;
}

// Each mistake must be reported at its own place, so the editor can point at it.
const mistakes: [string, string[], unknown, string][] = [
  ['a missing English title', ['title', 'en'], REMOVE, '/title'],
  ['an empty Chinese description', ['description', 'zh-CN'], '', '/description/zh-CN'],
  ['a lower-case name', ['name'], 'button', '/name'],
  ['an unknown category', ['category'], 'widgets', '/category'],
  ['an unknown target', ['targets'], ['web', 'h5'], '/targets/1'],
  ['an enum prop without options', ['props', 'variant', 'options'], REMOVE, '/props/variant'],
  ['an unknown prop type', ['props', 'text', 'type'], 'str', '/props/text/type'],
  ['a misspelt prop field', ['props', 'text', 'defualt'], '', '/props/text'],
  ['a children rule that is not one of the three forms', ['children'], 'some', '/children'],
  ['an empty "only" list', ['children'], { only: [] }, '/children/only'],
  ['a form binding without its change event', ['form'], { valueProp: 'value' }, '/form'],
  ['a snippet with an id', ['snippet', 'id'], 'n1', '/snippet'],
  ['a snippet binding that is not text', ['snippet', 'props', 'text'], { $expr: 1 }, '/snippet/props/text'],
  ['missing defaults', ['defaults'], REMOVE, ''],
];

describe('component-meta.schema.json', () => {
  it('accepts a complete component', () => {
    expect(validate(button)).toBe(true);
  });

  it.each(mistakes)('refuses %s', (_what, path, value, pointer) => {
    expect(validate(mutated(path, value))).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toContain(pointer);
  });
});
