import { CapabilityError } from './types';

export interface FetchRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface FetchReply {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
  url: string;
}

const MAX_REDIRECTS = 5;
const MAX_BODY_BYTES = 5 * 1024 * 1024;
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

interface HostRule {
  hostname: string;
  wildcard: boolean;
  port: string | undefined;
}

function parseRule(entry: string): HostRule | undefined {
  const wildcard = entry.startsWith('*.');
  try {
    const url = new URL(`http://${wildcard ? entry.slice(2) : entry}`);
    if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return undefined;
    // `new URL` spells a port equal to the scheme default as '', so read it from the entry itself.
    const port = /:(\d+)$/.exec(entry)?.[1];
    return { hostname: url.hostname, wildcard, port: port === undefined ? undefined : String(Number(port)) };
  } catch {
    return undefined;
  }
}

function effectivePort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/**
 * Decides on the host, after WHATWG URL parsing (which normalises case, IDNA, IPv4 spellings such as
 * 0x7f.1 or 2130706433, and IPv6), whether `url` may be fetched under `allowedHosts`.
 */
export function checkUrlAllowed(rawUrl: string, allowedHosts: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new CapabilityError('FetchRefused', `Not a valid absolute URL: ${rawUrl.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CapabilityError('FetchRefused', `Only http and https URLs may be fetched, not ${url.protocol}`);
  }
  if (url.username || url.password)
    throw new CapabilityError('FetchRefused', 'URLs with credentials may not be fetched');
  const port = effectivePort(url);
  for (const entry of allowedHosts) {
    const rule = parseRule(entry);
    if (!rule) continue;
    const hostOk = rule.wildcard
      ? url.hostname.endsWith(`.${rule.hostname}`)
      : url.hostname === rule.hostname;
    const portOk = rule.port === undefined ? port === '80' || port === '443' : rule.port === port;
    if (hostOk && portOk) return url;
  }
  throw new CapabilityError(
    'FetchRefused',
    `${url.hostname}:${port} is not in this function's allowedHosts; add it to the manifest to allow it`,
  );
}

async function readLimited(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new CapabilityError(
        'FetchTooLarge',
        `The response body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`,
      );
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** fetch() for a guest: every URL, including each redirect target, is checked against the allow-list. */
export async function guardedFetch(
  rawUrl: string,
  request: FetchRequest,
  allowedHosts: readonly string[],
  signal: AbortSignal,
): Promise<FetchReply> {
  let url = checkUrlAllowed(rawUrl, allowedHosts);
  let method = String(request.method ?? 'GET').toUpperCase();
  if (!METHODS.has(method))
    throw new CapabilityError('FetchRefused', `Unsupported method ${method.slice(0, 20)}`);
  let body = request.body;
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.headers ?? {})) headers[String(key)] = String(value);
  for (let hop = 0; ; hop++) {
    let response: Response;
    try {
      response = await fetch(url, { method, headers, body, redirect: 'manual', signal });
    } catch (error) {
      throw new CapabilityError('FetchFailed', `Request to ${url.host} failed: ${(error as Error).message}`);
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      if (hop >= MAX_REDIRECTS)
        throw new CapabilityError('FetchFailed', `More than ${MAX_REDIRECTS} redirects`);
      url = checkUrlAllowed(new URL(location, url).href, allowedHosts);
      if (
        response.status === 303 ||
        ((response.status === 301 || response.status === 302) && method === 'POST')
      ) {
        method = 'GET';
        body = undefined;
      }
      continue;
    }
    const replyHeaders: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      replyHeaders[key] = value;
    });
    return {
      status: response.status,
      statusText: response.statusText,
      headers: replyHeaders,
      body: await readLimited(response),
      url: url.href,
    };
  }
}
