import type { ActionErrorInfo } from './types';

/** A failure an action reports to its onError list as `event.error`. */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ActionError';
  }
}

export function toErrorInfo(error: unknown): ActionErrorInfo {
  if (error instanceof ActionError) {
    return error.details === undefined
      ? { message: error.message, code: error.code }
      : { message: error.message, code: error.code, details: error.details };
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { message: error.message, code: code === undefined ? 'error' : String(code) };
  }
  return { message: String(error), code: 'error' };
}
