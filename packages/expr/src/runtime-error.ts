/** Thrown while an accepted expression runs: a refused key, a missing method, a value of the wrong type. */
export class ExpressionRuntimeError extends Error {
  override name = 'ExpressionRuntimeError';
}
