import { describe, expect, it } from 'vitest';
import { fixtureStore } from './fixtures';
import {
  selectAncestry,
  selectChildren,
  selectIsSelected,
  selectNode,
  selectPage,
  selectParent,
  selectSelectedNodes,
} from './selectors';

describe('selectors', () => {
  it('read nodes, children, parents, pages and the selection straight from the state', () => {
    const store = fixtureStore();
    store.dispatch({ type: 'select', ids: ['submit', 'title'] });
    const state = store.getState();
    expect(selectNode(state, 'submit')).toBe(state.doc.nodes.submit);
    expect(selectNode(state, 'toString')).toBeUndefined();
    expect(selectChildren(state, 'signup')).toBe(state.doc.nodes.signup!.childIds);
    expect(selectChildren(state, 'signup', 'footer')).toEqual([]);
    expect(selectChildren(state, 'ghost')).toEqual([]);
    expect(selectParent(state, 'submit')?.id).toBe('signup');
    expect(selectParent(state, 'home_root')).toBeUndefined();
    expect(selectPage(state, 'about')?.root).toBe('about_root');
    expect(selectIsSelected(state, 'title')).toBe(true);
    expect(selectSelectedNodes(state).map((n) => n.id)).toEqual(['submit', 'title']);
    expect(selectAncestry(state, 'submit')).toEqual(['home_root', 'signup', 'submit']);
  });
});
