import { getLineInfo } from 'acorn';

/** One problem in an expression; line and column are 1-based. `message` has no position in it. */
export interface ExprError {
  message: string;
  line: number;
  column: number;
}

/** "line 1, column 7: `new` is not allowed in expressions" */
export function formatExprError(error: ExprError): string {
  return `line ${error.line}, column ${error.column}: ${error.message}`;
}

/** Thrown by compileExpression / evaluateExpression when the expression is not accepted. */
export class ExpressionError extends Error {
  override name = 'ExpressionError';
  errors: ExprError[];
  constructor(errors: ExprError[]) {
    super(errors.map(formatExprError).join('; '));
    this.errors = errors;
  }
}

/** 1-based line and column of a 0-based offset. */
export function positionOf(source: string, offset: number): { line: number; column: number } {
  const info = getLineInfo(source, offset);
  return { line: info.line, column: info.column + 1 };
}
