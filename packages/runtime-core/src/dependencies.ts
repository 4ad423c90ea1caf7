import type { Path } from './paths';

/** A static read found by `parseExpression` (`state.a.b` → root 'state', path ['a','b']). */
export interface Reference {
  root: string;
  path: readonly string[];
}

/**
 * Where in the page and app stores an expression's references live, so a renderer can tell
 * which bindings a change affects. Locals (item, index, event) have no store path: they change
 * with the repeat or handler that provides them. `formId` is the Form around the expression.
 */
export function storePaths(references: readonly Reference[], formId?: string): Path[] {
  const paths: Path[] = [];
  for (const { root, path } of references) {
    switch (root) {
      case 'state':
      case 'app':
      case 'params':
      case 'queries':
      case 'auth':
        paths.push([root, ...path]);
        break;
      case 'locale':
        paths.push(['locale']);
        break;
      case 'form':
        if (formId) paths.push(['forms', formId, 'values', ...path]);
        break;
      default:
        break;
    }
  }
  return paths;
}
