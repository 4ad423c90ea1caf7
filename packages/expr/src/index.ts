export { type CompiledExpression, compileExpression } from './compile';
export type { ExprError } from './errors';
export { ExpressionError, formatExprError } from './errors';
export { type EvaluateOptions, evaluateExpression } from './evaluate';
export { UTIL_NAMES, utils } from './helpers';
export { FORBIDDEN_GLOBALS, FORBIDDEN_KEYS, RULE_ROOTS, STANDARD_ROOTS } from './names';
export type { ExprReference, ParseOptions, ParseResult } from './parse';
export { parseExpression } from './parse';
export { ExpressionRuntimeError } from './runtime-error';
