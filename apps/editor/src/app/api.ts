/** One problem the server found, at a JSON pointer of what was sent. */
export interface ErrorDetail {
  pointer: string;
  message: string;
}

/** A non-2xx answer from the server, with its message and details as the server gave them. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** The whole error body (some errors carry more, e.g. `currentVersion` on a 409). */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The CSRF token the server set at sign-in, to echo in the x-csrf-token header. */
export function csrfToken(): string | undefined {
  const match = /(?:^|;\s*)tessera_csrf=([^;]+)/.exec(document.cookie);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

/** Called on every 401 so that the shell can show the sign-in screen. */
let onUnauthorized: () => void = () => undefined;
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Raw body (FormData, Blob) instead of JSON. */
  raw?: BodyInit;
}

/**
 * Calls the builder API with the session cookie and the CSRF header. Resolves with the parsed JSON
 * (undefined for 204); rejects with ApiError for an error answer and with a plain Error when the
 * server cannot be reached.
 */
export async function request<T = unknown>(
  method: string,
  url: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  const token = csrfToken();
  if (token && method !== 'GET') headers['x-csrf-token'] = token;
  let payload: BodyInit | undefined = options.raw;
  if (payload === undefined && body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: payload ?? null,
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new Error('Cannot reach the Tessera server. Check that it is running and try again.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = text;
  }
  if (!response.ok) {
    const error = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
    if (response.status === 401) onUnauthorized();
    throw new ApiError(
      response.status,
      typeof error.message === 'string' ? error.message : `${response.status} ${response.statusText}`,
      Array.isArray(error.details) ? (error.details as ErrorDetail[]) : [],
      error,
    );
  }
  return data as T;
}

export const api = {
  get: <T = unknown>(url: string, options?: RequestOptions) => request<T>('GET', url, undefined, options),
  post: <T = unknown>(url: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', url, body ?? {}, options),
  put: <T = unknown>(url: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PUT', url, body, options),
  patch: <T = unknown>(url: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PATCH', url, body, options),
  del: <T = unknown>(url: string, options?: RequestOptions) => request<T>('DELETE', url, undefined, options),
};

/** A URL path with its `:name` parts filled in and encoded: `path('/api/apps/:id', {id})`. */
export function path(template: string, params: Record<string, string>): string {
  return template.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}
