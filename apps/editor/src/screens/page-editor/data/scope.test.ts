import { describe, expect, it } from 'vitest';
import { diagnoseExpression } from '../../../app/monaco/expression-scope';
import { fixtureStore } from '../../../store/fixtures';
import { nodeScope, scopeDeclarations } from './scope';

describe('nodeScope', () => {
  it('has the page state, app state and repeat names where the node sits', () => {
    const doc = fixtureStore().getState().doc;
    const scope = nodeScope(doc, 'row_text');
    const names = scope.roots.map((r) => r.name);
    expect(names).toEqual(
      expect.arrayContaining(['state', 'app', 'params', 'queries', 'utils', 'code', 'form', 'row', 'index']),
    );
    expect(names).not.toContain('event');
    expect(scope.roots.find((r) => r.name === 'state')!.members!.map((m) => m.name)).toEqual(['sent']);
    expect(diagnoseExpression("'#' + row", scope)).toEqual([]);
    // the same name outside the repeat is unknown
    expect(diagnoseExpression("'#' + row", nodeScope(doc, 'thanks'))).toHaveLength(1);
    expect(diagnoseExpression('state.nope', nodeScope(doc, 'thanks'))[0]!.message).toBe(
      'state.nope is not a state variable of this page',
    );
    expect(diagnoseExpression('app.user', nodeScope(doc, 'thanks'))).toEqual([]);
    expect(nodeScope(doc, 'submit', { event: true }).roots.map((r) => r.name)).toContain('event');
    // the shown language (setLocale changes it)
    expect(diagnoseExpression("locale == 'en' ? 'Hi' : '你好'", nodeScope(doc, 'thanks'))).toEqual([]);
  });

  it('leaves out the node’s own repeat names for the list it repeats over', () => {
    const doc = fixtureStore().getState().doc;
    const names = (scope: ReturnType<typeof nodeScope>) => scope.roots.map((r) => r.name);
    expect(names(nodeScope(doc, 'list'))).toContain('row');
    expect(names(nodeScope(doc, 'list', { ownRepeat: false }))).not.toContain('row');
    // a descendant keeps the names of the repeat around it
    expect(names(nodeScope(doc, 'row_text', { ownRepeat: false }))).toContain('row');
  });

  it('follows the store: a new state variable is in scope at once', () => {
    const store = fixtureStore();
    store.dispatch({
      type: 'setState',
      pageId: 'home',
      name: 'x',
      variable: { type: 'string', initial: 'a' },
    });
    expect(diagnoseExpression('state.x.length', nodeScope(store.getState().doc, 'thanks'))).toEqual([]);
  });
});

describe('scopeDeclarations', () => {
  it('declares app and page state types for code blocks', () => {
    const text = scopeDeclarations(fixtureStore().getState().doc);
    expect(text).toContain('interface AppState {\n    user: Record<string, unknown>;\n  }');
    expect(text).toContain('interface PageState_home {\n    sent: boolean;\n  }');
    expect(text).toContain('declare namespace Tessera {');
  });
});
