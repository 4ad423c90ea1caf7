// Test-only: builds a function from compiled code. Generated app code imports the runtime instead.
import { compileExpression } from './compile';
import * as rt from './runtime';

export type Outcome = { value: unknown } | { error: Error };

export function runCompiled(code: string, scope: Record<string, unknown>): unknown {
  const fn = new Function('scope', 'rt', `return (${code});`) as (s: unknown, r: unknown) => unknown;
  return fn(scope, rt);
}

export function outcome(run: () => unknown): Outcome {
  try {
    return { value: run() };
  } catch (error) {
    return { error: error as Error };
  }
}

/** Compiles and runs in one go, with the scope's keys (and utils) as roots. */
export function compileAndRun(source: string, scope: Record<string, unknown>): unknown {
  const roots = [...new Set([...Object.keys(scope), 'utils'])];
  return runCompiled(compileExpression(source, { scope: roots }).code, scope);
}
