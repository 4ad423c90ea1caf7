// Scope and reference rules of expressions, beyond the one-mistake fixtures.
import { describe, expect, it } from 'vitest';
import type { AppSchema, NodeSchema } from './generated/types';
import { validateApp } from './validate';

function app(
  children: NodeSchema[],
  extra: Partial<AppSchema> = {},
  page: Record<string, unknown> = {},
): AppSchema {
  return {
    schemaVersion: 2,
    id: 'scope-test',
    name: 'Scopes',
    locales: { default: 'en', supported: ['en'] },
    state: { user: { type: 'object', initial: {} } },
    queries: { notices: { type: 'cms', model: 'notice' } },
    codeBlocks: { fmt: { source: 'export const money = (n) => n;', exports: ['money'] } },
    pages: [
      {
        id: 'home',
        path: '/items/:id',
        title: 'Home',
        state: { count: { type: 'number', initial: 0 } },
        root: { id: 'root', component: 'Page', children },
        ...page,
      },
    ],
    navigation: { home: 'home' },
    ...extra,
  } as AppSchema;
}

const text = (id: string, expr: string, more: Partial<NodeSchema> = {}): NodeSchema => ({
  id,
  component: 'Text',
  props: { text: { $expr: expr } },
  ...more,
});

const messages = (doc: AppSchema) => validateApp(doc).errors.map((e) => `${e.pointer}: ${e.message}`);

describe('expression scopes', () => {
  it('accepts the standard roots a page offers', () => {
    const doc = app([
      text('a', 'state.count + app.user.age'),
      text('b', 'queries.notices.data.length'),
      text('c', 'params.id'),
      text('d', 'code.fmt.money(1) + utils.len(auth.roles)'),
      text('e', 'form.name'),
    ]);
    expect(messages(doc)).toEqual([]);
  });

  it('puts repeat names in scope for the node and its descendants, not its siblings', () => {
    const doc = app([
      {
        id: 'outer',
        component: 'Container',
        repeat: { items: { $expr: '[1, 2]' }, item: 'row', index: 'r' },
        if: { $expr: 'row > 0' },
        children: [
          {
            id: 'inner',
            component: 'Container',
            repeat: { items: { $expr: '[row, r]' }, item: 'cell' },
            children: [text('deep', 'row + cell + r + index')],
          },
        ],
      },
      text('sibling', 'row'),
    ]);
    expect(messages(doc)).toEqual([
      expect.stringMatching(/^\/pages\/0\/root\/children\/1\/props\/text\/\$expr: unknown name `row`/),
    ]);
  });

  it('evaluates repeat.items outside the repeat it defines', () => {
    const doc = app([{ id: 'x', component: 'Container', repeat: { items: { $expr: 'item' } } }]);
    expect(messages(doc)).toEqual([expect.stringContaining('/repeat/items/$expr: unknown name `item`')]);
  });

  it('gives List children item and index (also without a catalogue)', () => {
    const doc = app([
      { id: 'list', component: 'List', props: { data: [] }, children: [text('t', 'item.name + index')] },
    ]);
    expect(messages(doc)).toEqual([]);
  });

  it('allows event only inside actions', () => {
    const doc = app([
      text('t', 'event.value'),
      {
        id: 'b',
        component: 'Button',
        events: { tap: [{ type: 'showToast', message: { $expr: 'event.value' } }] },
      },
    ]);
    expect(messages(doc)).toEqual([
      expect.stringContaining('/children/0/props/text/$expr: unknown name `event`'),
    ]);
  });

  it('resolves references: state, app state, queries, params, code exports', () => {
    const doc = app([
      text('a', 'state.total'),
      text('b', 'app.cart'),
      text('c', 'queries.news'),
      text('d', 'params.slug'),
      text('e', 'code.fmt.percent(1)'),
      text('f', 'code.dates.today()'),
    ]);
    expect(messages(doc).map((m) => m.replace(/ \(line.*$/, ''))).toEqual([
      '/pages/0/root/children/0/props/text/$expr: state.total is not a state variable of this page',
      '/pages/0/root/children/1/props/text/$expr: app.cart is not an app state variable',
      '/pages/0/root/children/2/props/text/$expr: queries.news is not a query of this page or the app',
      '/pages/0/root/children/3/props/text/$expr: params.slug is not a parameter of this page',
      '/pages/0/root/children/4/props/text/$expr: code block "fmt" does not export "percent"',
      '/pages/0/root/children/5/props/text/$expr: code.dates is not a code block of the app',
    ]);
  });

  it('gives the line and column of a bad reference in a multi-line expression', () => {
    const doc = app([text('a', 'state.count +\n  state.missing')]);
    expect(messages(doc)).toEqual([
      expect.stringContaining('state.missing is not a state variable of this page (line 2, column 3)'),
    ]);
  });

  it('checks app queries with app scope only (no page state)', () => {
    const doc = app([], {
      queries: { notices: { type: 'cms', model: 'notice', filter: { n: { $expr: 'state.count' } } } },
    });
    expect(messages(doc)).toEqual([
      expect.stringContaining('/queries/notices/filter/n/$expr: unknown name `state`'),
    ]);
  });

  it('checks security rules with auth, doc, now and request', () => {
    const doc = app([], {
      collections: {
        ok: {
          rules: {
            read: 'doc.public == true || doc._owner == auth.uid',
            create: 'now > 0 && request != null',
          },
        },
        bad: { rules: { read: 'state.count > 1' } },
      },
    });
    expect(messages(doc)).toEqual([
      expect.stringContaining('/collections/bad/rules/read: unknown name `state`'),
    ]);
  });

  it('lets actions save results into declared state only', () => {
    const doc = app(
      [
        {
          id: 'b',
          component: 'Button',
          events: {
            tap: [
              { type: 'callFunction', function: 'f', saveTo: { name: 'count' } },
              { type: 'uploadFile', saveTo: { scope: 'app', name: 'photo' } },
            ],
          },
        },
      ],
      { functions: { f: {} } },
    );
    expect(messages(doc)).toEqual([
      '/pages/0/root/children/0/events/tap/1/saveTo/name: app state "photo" is not declared in the app\'s state',
    ]);
  });
});

describe('setLocale', () => {
  const doc = (locale: unknown) =>
    app(
      [
        {
          id: 'switch',
          component: 'Button',
          props: { text: 'English' },
          events: { tap: [{ type: 'setLocale', locale } as never] },
        },
        text('shown', "locale == 'en' ? 'English' : '中文'"),
      ],
      { locales: { default: 'zh-CN', supported: ['zh-CN', 'en'] } },
    );

  it('accepts one of the app locales, or an expression, and `locale` in expressions', () => {
    expect(messages(doc('en'))).toEqual([]);
    expect(messages(doc({ $expr: "locale == 'en' ? 'zh-CN' : 'en'" }))).toEqual([]);
  });

  it('names the pointer of a locale the app does not have', () => {
    expect(messages(doc('fr'))).toEqual([
      `/pages/0/root/children/0/events/tap/0/locale: "fr" is not one of the app's locales ("zh-CN", "en")`,
    ]);
  });

  it('refuses a missing or empty locale', () => {
    expect(messages(doc('')).join('\n')).toContain('/pages/0/root/children/0/events/tap/0/locale');
    expect(messages(doc(undefined)).join('\n')).toContain('/pages/0/root/children/0/events/tap/0');
  });

  it('keeps `locale` from being a repeat name', () => {
    const repeated = app([
      { id: 'row', component: 'Text', props: { text: 'x' }, repeat: { items: [1], item: 'locale' } },
    ]);
    expect(messages(repeated).join('\n')).toContain('/pages/0/root/children/0/repeat/item');
  });
});
