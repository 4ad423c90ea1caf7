import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { httpError } from '../../errors';
import { requireLiveApp } from '../app-auth/identify';
import { publishDir, webDir } from './artifacts';
import { PUBLISH_SITES, type SiteRecord } from './records';

/**
 * What a hosted app may do: its own scripts only (no inline script, no eval), API calls to this
 * server only. Images and media may come from https (CMS covers, CDNs) and data:/blob: URLs.
 */
export const SITE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob: https:",
  "media-src 'self' blob: https:",
  "font-src 'self' data:",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** esbuild names every bundle `assets/<name>-<HASH>.js`, the compiler its page data files `assets/tessera-data-<page>-<HASH>.js`; the CSS is `assets/app-<HASH>.css`. */
const HASHED_ASSET = /^assets\/[^/]*-[A-Z0-9]{8}\.(js|css)$/;

/**
 * `/sites/:appId/...`: the app's active web publish, as static files. A path without an
 * extension is a page route of the app and gets index.html (history-API routing).
 */
export function hostingRoutes(app: FastifyInstance): void {
  const sites = () => app.store.platform().collection<SiteRecord>(PUBLISH_SITES);
  const params = {
    type: 'object',
    required: ['appId'],
    properties: { appId: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,62}$' }, '*': { type: 'string' } },
  } as const;

  app.get<{ Params: { appId: string } }>(
    '/sites/:appId',
    { schema: { hide: true, params } },
    async (request, reply) => reply.redirect(`/sites/${request.params.appId}/`, 302),
  );

  app.get<{ Params: { appId: string; '*': string } }>(
    '/sites/:appId/*',
    {
      schema: {
        tags: ['publish'],
        summary: "The app's active web publish (no session needed; paths without an extension → index.html)",
        params,
      },
    },
    async (request, reply) => {
      const { appId } = request.params;
      await requireLiveApp(request, appId);
      const site = await sites().findOne({ _id: appId });
      if (!site) throw httpError(404, `App ${appId} has no published web version yet`);
      const root = webDir(publishDir(app.serverConfig.dataDir, appId, site.publishId));
      const wanted = safePath(request.params['*'] ?? '');
      if (wanted === null) throw httpError(404, 'Not found');
      let name = wanted === '' ? 'index.html' : wanted;
      let facts = await fileFacts(path.join(root, name));
      if (!facts && path.extname(name) === '') {
        name = 'index.html';
        facts = await fileFacts(path.join(root, name));
      }
      if (!facts) throw httpError(404, `No file ${wanted} in the published app`);
      return sendFile(
        reply,
        path.join(root, name),
        name,
        facts,
        site.publishId,
        request.headers['if-none-match'],
      );
    },
  );
}

/** The decoded relative path, or null when it tries to leave the folder. */
function safePath(raw: string): string | null {
  const segments = raw.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.' || s.includes('\\') || s.includes('\0'))) return null;
  return segments.join('/');
}

async function fileFacts(file: string): Promise<{ size: number; mtimeMs: number } | null> {
  try {
    const facts = await stat(file);
    return facts.isFile() ? { size: facts.size, mtimeMs: facts.mtimeMs } : null;
  } catch {
    return null;
  }
}

function sendFile(
  reply: FastifyReply,
  file: string,
  name: string,
  facts: { size: number; mtimeMs: number },
  publishId: string,
  ifNoneMatch: string | undefined,
) {
  // The publish id is part of the tag: a rollback changes every file's tag.
  const etag = `"${publishId}-${facts.size.toString(36)}-${Math.round(facts.mtimeMs).toString(36)}"`;
  reply
    .header('content-security-policy', SITE_CSP)
    .header('cache-control', HASHED_ASSET.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache')
    .header('etag', etag)
    .header('x-content-type-options', 'nosniff');
  if (ifNoneMatch === etag) return reply.status(304).send();
  return reply
    .type(TYPES[path.extname(name).toLowerCase()] ?? 'application/octet-stream')
    .header('content-length', facts.size)
    .send(createReadStream(file));
}
