/**
 * Helpers that compiled expressions call as `rt.*` (`import * as rt from '@tessera/expr/runtime'`).
 * Kept free of the parser so published apps bundle only this.
 */
export { call, checked, get, invoke, key, method, opt } from './access';
export { utils } from './helpers';
export { ExpressionRuntimeError } from './runtime-error';
