import { describe, expect, it } from 'vitest';
import { rewriteExpression, rewriteReferences } from './references';

const ids = new Map([['signup', 'form_2']]);

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
