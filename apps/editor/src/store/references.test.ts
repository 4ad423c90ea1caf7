import { describe, expect, it } from 'vitest';
import { codeBlocksMentioning, rewriteExpression, rewriteReferences } from './references';

const ids = { form: new Map([['signup', 'form_2']]) };

describe('references', () => {
  it('rewrites form.<id> chains and nothing else', () => {
    expect(rewriteExpression('form.signup.name + form.name + state.signup', ids)).toBe(
      'form.form_2.name + form.name + state.signup',
    );
    expect(rewriteExpression("form?.signup ?? 'x'", ids)).toBe("form?.form_2 ?? 'x'");
    expect(rewriteExpression("'form.signup'", ids)).toBe("'form.signup'");
    expect(rewriteExpression('form.signup(', ids)).toBe('form.signup(');
    expect(rewriteExpression('row.signup + form.signup', ids, ['row'])).toBe('row.signup + form.form_2');
  });

  it('rewrites form actions at any depth and keeps untouched values identical', () => {
    const props = { text: 'plain', other: { $expr: 'state.x' } };
    const content = {
      props,
      events: {
        tap: [
          {
            type: 'validateForm' as const,
            form: 'signup',
            onSuccess: [{ type: 'submitForm' as const, form: 'signup', collection: 'c' }],
          },
          { type: 'navigate' as const, page: 'signup' },
        ],
      },
    };
    const out = rewriteReferences(content, ids);
    expect(out.props).toBe(props);
    expect(out.events!.tap).toEqual([
      {
        type: 'validateForm',
        form: 'form_2',
        onSuccess: [{ type: 'submitForm', form: 'form_2', collection: 'c' }],
      },
      { type: 'navigate', page: 'signup' },
    ]);
    expect(content.events.tap[0]!.form).toBe('signup');
    expect(rewriteReferences({ props }, ids).props).toBe(props);
  });

  it('pasting inside a List keeps working with its renamed item', async () => {
    const { fixtureStore } = await import('./fixtures');
    const store = fixtureStore();
    store.dispatch({
      type: 'insert',
      parentId: 'about_root',
      node: { id: 'orders', component: 'List', props: { data: [], itemName: 'order' } },
    });
    const pasted = {
      kind: 'tessera/nodes',
      nodes: [
        {
          component: 'Form',
          id: 'f',
          children: [{ component: 'Text', props: { text: { $expr: "order.name + (form.f.x ?? '')" } } }],
        },
      ],
    };
    expect(store.dispatch({ type: 'paste', parentId: 'orders', clipboard: JSON.stringify(pasted) })).toEqual({
      ok: true,
    });
    const form = store.getState().selection[0]!;
    const text = store.getState().doc.nodes[form]!.childIds[0]!;
    expect(store.getState().doc.nodes[text]!.props!.text).toEqual({
      $expr: `order.name + (form.${form}.x ?? '')`,
    });
  });
});

describe('renaming state variables and queries', () => {
  const renames = {
    state: new Map([['count', 'total']]),
    app: new Map([['user', 'member']]),
    queries: new Map([['news', 'articles']]),
  };

  it('rewrites the chains of the renamed names only, parsed rather than matched', () => {
    expect(rewriteExpression('state.count + state.countX + state?.count', renames)).toBe(
      'state.total + state.countX + state?.total',
    );
    expect(rewriteExpression("'state.count' + app.user.name + user.count", renames, ['user'])).toBe(
      "'state.count' + app.member.name + user.count",
    );
    expect(rewriteExpression('queries.news.data.length + queries.newsletter.loading', renames)).toBe(
      'queries.articles.data.length + queries.newsletter.loading',
    );
    // an expression that does not parse is left as it is
    expect(rewriteExpression('state.count +', renames)).toBe('state.count +');
    // state of the page is not app state
    expect(rewriteExpression('app.count', renames)).toBe('app.count');
  });

  it('renames setState, saveTo and runQuery targets by their scope', () => {
    const events = {
      tap: [
        { type: 'setState', name: 'count', value: { $expr: 'state.count + 1' } },
        { type: 'setState', scope: 'app', name: 'count', value: 1 },
        { type: 'setState', scope: 'app', name: 'user', value: {} },
        { type: 'callFunction', function: 'f', saveTo: { name: 'count', path: 'a.b' } },
        { type: 'uploadFile', saveTo: { scope: 'app', name: 'user' } },
        {
          type: 'showModal',
          title: { $expr: 'queries.news.error.message' },
          onConfirm: [{ type: 'runQuery', query: 'news' }],
        },
      ],
    };
    expect(rewriteReferences({ events } as never, renames)).toEqual({
      events: {
        tap: [
          { type: 'setState', name: 'total', value: { $expr: 'state.total + 1' } },
          { type: 'setState', scope: 'app', name: 'count', value: 1 },
          { type: 'setState', scope: 'app', name: 'member', value: {} },
          { type: 'callFunction', function: 'f', saveTo: { name: 'total', path: 'a.b' } },
          { type: 'uploadFile', saveTo: { scope: 'app', name: 'member' } },
          {
            type: 'showModal',
            title: { $expr: 'queries.articles.error.message' },
            onConfirm: [{ type: 'runQuery', query: 'articles' }],
          },
        ],
      },
    });
  });
});

describe('codeBlocksMentioning', () => {
  it('names the code blocks that mention the name as a word', async () => {
    const { fixtureStore } = await import('./fixtures');
    const store = fixtureStore();
    const block = (source: string) => ({ language: 'ts' as const, source, exports: [] });
    store.dispatch({ type: 'setCodeBlock', name: 'a', block: block('export const f = (s) => s.count;') });
    store.dispatch({ type: 'setCodeBlock', name: 'b', block: block('export const g = (s) => s.countX;') });
    expect(codeBlocksMentioning(store.getState().doc, 'count')).toEqual(['a']);
  });
});
