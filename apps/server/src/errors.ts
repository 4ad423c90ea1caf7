import { StoreError } from '@tessera/store';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** One problem in a request, located by an RFC 6901 JSON pointer ('' = the whole value). */
export interface ErrorDetail {
  pointer: string;
  message: string;
}

/** An error that the error handler answers with its own status code, message and details. */
export class HttpError extends Error {
  readonly statusCode: number;
  readonly details: ErrorDetail[] | undefined;
  /** Extra top-level fields of the JSON answer (e.g. `currentVersion` on a stale save). */
  readonly extra: Record<string, unknown> | undefined;

  constructor(statusCode: number, message: string, details?: ErrorDetail[], extra?: Record<string, unknown>) {
    super(message);
    this.name = 'HttpError';
    this.statusCode = statusCode;
    this.details = details;
    this.extra = extra;
  }
}

export function httpError(
  statusCode: number,
  message: string,
  details?: ErrorDetail[],
  extra?: Record<string, unknown>,
): HttpError {
  return new HttpError(statusCode, message, details, extra);
}

const STATUS_NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function statusName(statusCode: number): string {
  return STATUS_NAMES[statusCode] ?? (statusCode >= 500 ? 'Server Error' : 'Error');
}

/** JSON pointer escaping (RFC 6901). */
export function pointerOf(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

interface AjvIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Turns ajv's validation errors into details whose pointers name the offending field. */
export function detailsFromAjv(issues: readonly AjvIssue[], context?: string): ErrorDetail[] {
  return issues.map((issue) => {
    let pointer = issue.instancePath ?? '';
    const params = issue.params ?? {};
    if (issue.keyword === 'required' && typeof params.missingProperty === 'string') {
      pointer += pointerOf([params.missingProperty]);
    } else if (issue.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
      pointer += pointerOf([params.additionalProperty]);
    }
    const where = context ? `${context}${pointer ? ` at ${pointer}` : ''}` : pointer || 'value';
    let message = `${where}: ${issue.message ?? 'is invalid'}`;
    if (issue.keyword === 'enum' && Array.isArray(params.allowedValues)) {
      message += ` (${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')})`;
    }
    if (issue.keyword === 'additionalProperties') message = `${where}: unknown property`;
    return { pointer, message };
  });
}

/**
 * The one place that decides what an error looks like on the wire:
 * `{ statusCode, error, message, details? }`. Bad input is always a 4xx.
 */
export function errorHandler(
  error: FastifyError | HttpError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const fe = error as FastifyError & { details?: ErrorDetail[]; extra?: Record<string, unknown> };
  let statusCode = 500;
  let message = 'Internal server error';
  let details: ErrorDetail[] | undefined;
  let extra: Record<string, unknown> | undefined;

  if (error instanceof HttpError) {
    statusCode = error.statusCode;
    message = error.message;
    details = error.details;
    extra = error.extra;
  } else if (fe.validation) {
    statusCode = 400;
    details = detailsFromAjv(fe.validation as AjvIssue[], fe.validationContext);
    message = `Invalid ${fe.validationContext ?? 'request'}: ${details.map((d) => d.message).join('; ')}`;
  } else if (error instanceof StoreError && error.code === 11000) {
    statusCode = 409;
    message = 'Already exists: a record with the same unique value is already stored';
    if (error.keyValue) {
      details = Object.keys(error.keyValue).map((k) => ({
        pointer: pointerOf([k]),
        message: 'already taken',
      }));
    }
  } else if (error instanceof StoreError && error.code === 26) {
    statusCode = 404;
    message = error.message;
  } else if (error instanceof StoreError) {
    // The store refuses malformed filters and updates (bad operator, wrong type...) before touching data.
    statusCode = 400;
    message = `The request was refused by the database: ${error.message}`;
  } else if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Fastify's own client errors: bad JSON, body too large, unsupported media type, rate limit...
    statusCode = fe.statusCode;
    message = fe.message;
  } else if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error instanceof SyntaxError) {
    statusCode = 400;
    message = error.message;
  }

  if (statusCode >= 500) {
    request.log.error({ err: error }, 'request failed');
  } else {
    request.log.debug({ err: { message, statusCode } }, 'request refused');
  }
  reply.status(statusCode);
  const headers = (error as { headers?: Record<string, string> }).headers;
  if (headers && statusCode === 429) reply.headers(headers);
  return reply.send({
    statusCode,
    error: statusName(statusCode),
    message,
    ...(details && details.length > 0 ? { details } : {}),
    ...(extra ?? {}),
  });
}

/** Unknown routes answer in the same shape as every other error. */
export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return reply.status(404).send({
    statusCode: 404,
    error: 'Not Found',
    message: `No route ${request.method} ${request.url.split('?')[0]}`,
  });
}
