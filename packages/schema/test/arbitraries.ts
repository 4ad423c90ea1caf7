// fast-check generators of valid app documents, shared by the property tests and the benchmark's
// sibling generator. Every app they produce must pass validateApp with the fixture catalogue.
import fc from 'fast-check';
import type { ActionSchema, AppSchema, NodeSchema, PageSchema } from '../src/index';

interface Shape {
  component: 'Container' | 'Text' | 'Button' | 'List' | 'Card';
  text: 'plain' | 'i18n' | 'expr';
  repeat: boolean;
  conditional: boolean;
  children: Shape[];
}

const leaf: fc.Arbitrary<Shape> = fc.record({
  component: fc.constantFrom('Text' as const, 'Button' as const),
  text: fc.constantFrom('plain' as const, 'i18n' as const, 'expr' as const),
  repeat: fc.boolean(),
  conditional: fc.boolean(),
  children: fc.constant([]),
});

const { tree } = fc.letrec<{ tree: Shape }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({
      component: fc.constantFrom('Container' as const, 'List' as const, 'Card' as const),
      text: fc.constantFrom('plain' as const, 'i18n' as const, 'expr' as const),
      repeat: fc.boolean(),
      conditional: fc.boolean(),
      children: fc.array(tie('tree'), { maxLength: 4 }),
    }),
  ),
}));

interface PageShape {
  stateNames: string[];
  body: Shape[];
  withQuery: boolean;
}

const pageShape: fc.Arbitrary<PageShape> = fc.record({
  stateNames: fc.uniqueArray(fc.constantFrom('count', 'name', 'open', 'items', 'total'), {
    minLength: 1,
    maxLength: 3,
  }),
  body: fc.array(tree, { maxLength: 5 }),
  withQuery: fc.boolean(),
});

const STATE_TYPES: Record<string, { type: 'number' | 'string' | 'boolean' | 'array'; initial: unknown }> = {
  count: { type: 'number', initial: 0 },
  total: { type: 'number', initial: 10 },
  name: { type: 'string', initial: '' },
  open: { type: 'boolean', initial: false },
  items: { type: 'array', initial: [] },
};

/** Turns generated shapes into a document, giving every node a unique id. */
function build(pages: PageShape[]): AppSchema {
  let next = 0;
  const pageIds = pages.map((_, i) => `page${i}`);
  const makeNode = (shape: Shape, state: string[], scope: string[]): NodeSchema => {
    const id = `n${next++}`;
    const stateName = state[0]!;
    const names = [...scope];
    const node: NodeSchema = { id, component: shape.component };
    if (shape.repeat) {
      const item = `it${names.length}`;
      node.repeat = { items: { $expr: `[1, 2, ${names.length}]` }, item, index: `ix${names.length}` };
      names.push(item);
    }
    if (shape.conditional) node.if = { $expr: `state.${stateName} != null` };
    const binding =
      names.length > 0 ? `${names[names.length - 1]} + state.${stateName}` : `state.${stateName}`;
    const text =
      shape.text === 'plain'
        ? 'Hello'
        : shape.text === 'i18n'
          ? { $i18n: { en: 'Hi', 'zh-CN': '你好' } }
          : { $expr: `'' + ${binding}` };
    if (shape.component === 'Text' || shape.component === 'Button') node.props = { text };
    if (shape.component === 'Card') node.props = { title: text };
    if (shape.component === 'List') node.props = { data: { $expr: '[1, 2, 3]' } };
    if (shape.component === 'Button') {
      const actions: ActionSchema[] = [
        { type: 'setState', name: stateName, value: { $expr: `state.${stateName}` } },
        {
          type: 'navigate',
          page: pageIds[next % pageIds.length]!,
          onError: [{ type: 'showToast', message: text }],
        },
      ];
      node.events = { tap: actions };
    }
    if (shape.children.length > 0) {
      const inner = shape.component === 'List' ? [...names, 'item'] : names;
      node.children = shape.children.map((child) => makeNode(child, state, inner));
    }
    return node;
  };
  const builtPages: PageSchema[] = pages.map((shape, i) => ({
    id: pageIds[i]!,
    path: i === 0 ? '/' : `/p${i}`,
    title: { $i18n: { en: `Page ${i}`, 'zh-CN': `页面 ${i}` } },
    state: Object.fromEntries(shape.stateNames.map((n) => [n, STATE_TYPES[n]!])),
    ...(shape.withQuery
      ? { queries: { list: { type: 'collection' as const, collection: 'things', limit: 10 } } }
      : {}),
    root: {
      id: `n${next++}`,
      component: 'Page',
      children: shape.body.map((b) => makeNode(b, shape.stateNames, [])),
    },
  }));
  return {
    schemaVersion: 2,
    id: 'generated-app',
    name: 'Generated',
    locales: { default: 'en', supported: ['en', 'zh-CN'] },
    pages: builtPages,
    navigation: { home: 'page0' },
  };
}

export const validApp: fc.Arbitrary<AppSchema> = fc
  .array(pageShape, { minLength: 1, maxLength: 3 })
  .map(build);
