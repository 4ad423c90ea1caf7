import type { ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAjv, describeErrors, schemaUrl } from '../test/ajv';
import { catalogue, components } from './catalogue';
import { canPlace } from './placement';
import { literalSchemaOf, valueSchemaOf } from './prop-values';
import type { ComponentMeta, JsonSchema, SnippetNode } from './types';

// The component list of issue 2, item 5, plus the child kinds Tabs and Swiper require.
const required = [
  'Page',
  'Container',
  'Row',
  'Column',
  'Grid',
  'Card',
  'Text',
  'Heading',
  'RichText',
  'Image',
  'Icon',
  'Button',
  'Link',
  'Divider',
  'Spacer',
  'List',
  'Tabs',
  'TabPane',
  'Swiper',
  'SwiperItem',
  'Modal',
  'Form',
  'Input',
  'Textarea',
  'NumberInput',
  'Select',
  'RadioGroup',
  'CheckboxGroup',
  'Switch',
  'DatePicker',
  'Upload',
  'Table',
  'QRCode',
  'NavBar',
  'TabBar',
];

const ajv = createAjv();

/** Entries of a generated record type, whose values are typed as possibly undefined. */
const defined = <T>(record: Record<string, T | undefined> | undefined): [string, T][] =>
  Object.entries(record ?? {}).filter((e): e is [string, T] => e[1] !== undefined);
const cache = new Map<JsonSchema, ValidateFunction>();
function check(schema: JsonSchema, value: unknown): string | null {
  let validate = cache.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    cache.set(schema, validate);
  }
  return validate(value) ? null : describeErrors(validate.errors);
}

function* snippetNodes(node: SnippetNode): Generator<{ node: SnippetNode; parent?: string; slot?: string }> {
  yield { node };
  for (const child of node.children ?? []) {
    for (const found of snippetNodes(child))
      yield found.parent ? found : { ...found, parent: node.component };
  }
  for (const [slot, nodes] of defined(node.slots)) {
    for (const child of nodes) {
      for (const found of snippetNodes(child))
        yield found.parent ? found : { ...found, parent: node.component, slot };
    }
  }
}

/** Every { "zh-CN", "en" } text in the metadata, with where it is. */
function* localizedTexts(
  value: unknown,
  path: string,
): Generator<{ path: string; text: Record<string, unknown> }> {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) yield* localizedTexts(v, `${path}/${i}`);
  } else if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if ('zh-CN' in obj || 'en' in obj) yield { path, text: obj };
    else for (const [k, v] of Object.entries(obj)) yield* localizedTexts(v, `${path}/${k}`);
  }
}

const withIds = (node: SnippetNode, counter = { n: 0 }): unknown => ({
  ...node,
  id: `n${++counter.n}`,
  ...(node.children ? { children: node.children.map((c) => withIds(c, counter)) } : {}),
  ...(node.slots
    ? {
        slots: Object.fromEntries(
          defined(node.slots).map(([k, v]) => [k, v.map((c) => withIds(c, counter))]),
        ),
      }
    : {}),
});

describe('component catalogue', () => {
  let validateMeta: ValidateFunction;
  beforeAll(() => {
    validateMeta = ajv.getSchema(schemaUrl('component-meta')) as ValidateFunction;
  });

  it('has every component the issue lists, each under its own name', () => {
    expect(Object.keys(catalogue).sort()).toEqual(expect.arrayContaining(required.sort()));
    expect(new Set(components.map((m) => m.name)).size).toBe(components.length);
    for (const [key, meta] of Object.entries(catalogue)) expect(meta.name).toBe(key);
  });

  describe.each(components.map((m) => [m.name, m] as [string, ComponentMeta]))('%s', (_name, meta) => {
    it('is valid against component-meta.schema.json', () => {
      expect(validateMeta(meta), describeErrors(validateMeta.errors)).toBe(true);
    });

    it('has Chinese and English text everywhere', () => {
      const texts = [...localizedTexts(meta, '')];
      expect(texts.length).toBeGreaterThan(2);
      for (const { path, text } of texts) {
        const zh = text['zh-CN'];
        const en = text.en;
        expect(typeof zh === 'string' && zh.trim().length > 0, `${path} zh-CN`).toBe(true);
        expect(typeof en === 'string' && en.trim().length > 0, `${path} en`).toBe(true);
        expect(/\p{Script=Han}/u.test(zh as string), `${path} zh-CN is Chinese: ${zh}`).toBe(true);
        expect(/\p{Script=Han}/u.test(en as string), `${path} en has no Chinese: ${en}`).toBe(false);
      }
    });

    it('has prop defaults and default props that are valid values', () => {
      for (const [name, prop] of defined(meta.props)) {
        if ('default' in prop)
          expect(check(literalSchemaOf(prop), prop.default), `${name}.default`).toBeNull();
        if (prop.type === 'enum' && 'default' in prop) {
          expect(
            prop.options?.map((o) => o.value),
            `${name} options`,
          ).toContain(prop.default);
        }
        // A required prop is always set, so a fallback default would never apply.
        if (prop.required)
          expect(prop, `${name} is required and has no default`).not.toHaveProperty('default');
        if (prop.options) {
          const values = prop.options.map((o) => o.value);
          expect(new Set(values).size, `${name} option values are unique`).toBe(values.length);
        }
      }
      for (const [name, value] of Object.entries(meta.defaults.props ?? {})) {
        const prop = meta.props[name];
        expect(prop, `defaults.props.${name} is a declared prop`).toBeDefined();
        if (prop) expect(check(valueSchemaOf(prop), value), `defaults.props.${name}`).toBeNull();
      }
    });

    it('refers only to things that exist', () => {
      for (const name of [
        ...(meta.parents ?? []),
        ...(typeof meta.children === 'object' ? meta.children.only : []),
        ...defined(meta.slots).flatMap(([, s]) => (typeof s.children === 'object' ? s.children.only : [])),
      ]) {
        expect(catalogue[name], `component ${name}`).toBeDefined();
      }
      for (const [name, prop] of defined(meta.props)) {
        for (const target of prop.targets ?? []) expect(meta.targets, `${name}.targets`).toContain(target);
        const other = prop.editor?.visibleWhen?.prop;
        if (other) expect(meta.props[other], `${name}.editor.visibleWhen`).toBeDefined();
      }
      if (meta.form) {
        expect(meta.props[meta.form.valueProp]).toBeDefined();
        expect(meta.props[meta.form.nameProp ?? 'name']?.required).toBe(true);
        expect(meta.events[meta.form.changeEvent]).toBeDefined();
      }
    });

    it('has a snippet that makes a valid, well-placed node tree', () => {
      expect(meta.snippet.component).toBe(meta.name);
      for (const { node, parent, slot } of snippetNodes(meta.snippet)) {
        const nodeMeta = catalogue[node.component];
        expect(nodeMeta, `${node.component} is in the catalogue`).toBeDefined();
        if (!nodeMeta) continue;
        if (parent) expect(canPlace(catalogue, parent, node.component, slot)).toEqual({ ok: true });
        for (const [name, value] of Object.entries(node.props ?? {})) {
          const prop = nodeMeta.props[name];
          expect(prop, `${node.component}.${name} is a declared prop`).toBeDefined();
          if (prop) expect(check(valueSchemaOf(prop), value), `${node.component}.${name}`).toBeNull();
        }
        for (const [name, prop] of defined(nodeMeta.props)) {
          if (prop.required)
            expect(node.props ?? {}, `${node.component} sets required ${name}`).toHaveProperty(name);
        }
        for (const event of Object.keys(node.events ?? {})) expect(nodeMeta.events).toHaveProperty(event);
      }
      const validateNode = ajv.getSchema(schemaUrl('node')) as ValidateFunction;
      expect(validateNode(withIds(meta.snippet)), describeErrors(validateNode.errors)).toBe(true);
    });
  });
});
