// What an image prop holds → an address a web <img> or a mini-program <image> can load. Cloud file
// ids (cloud://<appId>/<path>) become temporary URLs from the server, asked for in batches and
// remembered until shortly before they expire; CMS media (an entry's media id, the media library's
// { url } object, or its /app-api/… path) resolves against the server's address.

/** How an image source shows: its address once known, else why not. */
export type ImageSource =
  | { state: 'none'; src: '' }
  | { state: 'loading'; src: '' }
  | { state: 'ready'; src: string }
  | { state: 'broken'; src: '' };

/** One answer of POST /app-api/:appId/storage/temp-urls (the SDK's getTempFileURL). */
export interface TempFileUrl {
  fileID: string;
  code: string;
  tempFileURL?: string;
  /** Seconds the URL stays valid. */
  maxAge?: number;
}

export interface FileUrlOptions {
  /** Temporary URLs of up to 100 file ids in one request; without it cloud ids show as broken. */
  lookup?: (fileIds: string[]) => Promise<TempFileUrl[]>;
  /** The app whose files and media these are: ids of other apps are refused without asking. */
  appId?: string;
  /** The server's address: `/app-api/…` paths and CMS media ids resolve against it. */
  serverUrl?: string;
  /** Clock in ms (tests pass their own). */
  now?: () => number;
  /** A URL is asked for again this long before it expires (ms; at most half its life). */
  refreshMargin?: number;
  /** A missing file or a failed lookup is not asked for again for this long (ms). */
  retryAfter?: number;
}

/** Most ids the server takes in one temp-urls request. */
const BATCH = 100;
const MEDIA_ID = /^[0-9a-f]{24}$/;
const NONE: ImageSource = { state: 'none', src: '' };
const LOADING: ImageSource = { state: 'loading', src: '' };
const BROKEN: ImageSource = { state: 'broken', src: '' };

interface Entry {
  source: ImageSource;
  /** Until when `source` holds (ms); a lookup after that. */
  until: number;
  pending?: Promise<void>;
}

/**
 * Turns image sources into loadable addresses. `resolve` answers at once (the cached address,
 * or `loading` while a lookup runs); listeners hear when lookups finish, so a view renders again.
 * Ids asked for in the same tick go to the server in one request; an id already being looked up
 * is not asked for twice.
 */
export class FileUrlResolver {
  private readonly entries = new Map<string, Entry>();
  private queue: { id: string; done: () => void }[] = [];
  private scheduled = false;
  private readonly listeners = new Set<() => void>();
  private counter = 0;
  private readonly now: () => number;
  private readonly refreshMargin: number;
  private readonly retryAfter: number;

  constructor(private readonly options: FileUrlOptions = {}) {
    this.now = options.now ?? Date.now;
    this.refreshMargin = options.refreshMargin ?? 60_000;
    this.retryAfter = options.retryAfter ?? 60_000;
  }

  /** Changes with every finished lookup (for React's useSyncExternalStore). */
  version = (): number => this.counter;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** The address of `value` now; starts a lookup when a cloud id is not known (yet). */
  resolve = (value: unknown): ImageSource => {
    const reference = referenceOf(value);
    switch (reference.kind) {
      case 'none':
        return NONE;
      case 'url':
        return this.address(reference.url);
      case 'media':
        return this.media(reference.id);
      case 'file':
        return this.file(reference.id);
    }
  };

  /** Like `resolve`, but waits for a lookup to finish. */
  async load(value: unknown): Promise<ImageSource> {
    const first = this.resolve(value);
    const reference = referenceOf(value);
    if (first.state !== 'loading' || reference.kind !== 'file') return first;
    await this.entries.get(reference.id)?.pending;
    return this.resolve(value);
  }

  private address(url: string): ImageSource {
    if (url.startsWith('/app-api/'))
      return ready(this.options.serverUrl ? this.options.serverUrl + url : url);
    return allowedImageUrl(url) ? ready(url) : BROKEN;
  }

  private media(id: string): ImageSource {
    const { appId, serverUrl } = this.options;
    if (!appId) return BROKEN;
    return ready(`${serverUrl ?? ''}/app-api/${encodeURIComponent(appId)}/cms-media/${id}`);
  }

  private file(id: string): ImageSource {
    const { appId, lookup } = this.options;
    if (!lookup || id.length > 600 || (appId && !id.startsWith(`cloud://${appId}/`))) return BROKEN;
    const entry = this.entries.get(id);
    const now = this.now();
    if (entry && (entry.pending || now < entry.until)) return entry.source;
    // Unknown or about to expire: ask again, showing the old address (still valid) meanwhile.
    const next: Entry = { source: entry?.source.state === 'ready' ? entry.source : LOADING, until: 0 };
    next.pending = new Promise<void>((done) => this.queue.push({ id, done }));
    this.entries.set(id, next);
    if (!this.scheduled) {
      this.scheduled = true;
      setTimeout(() => void this.flush(), 0);
    }
    return next.source;
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const waiting = this.queue;
    this.queue = [];
    const batches: (typeof waiting)[] = [];
    for (let i = 0; i < waiting.length; i += BATCH) batches.push(waiting.slice(i, i + BATCH));
    await Promise.all(batches.map((batch) => this.lookUp(batch)));
    this.counter++;
    for (const listener of [...this.listeners]) listener();
    for (const { done } of waiting) done();
  }

  private async lookUp(batch: { id: string; done: () => void }[]): Promise<void> {
    const answers = new Map<string, TempFileUrl>();
    let ids = batch.map((item) => item.id);
    // One malformed id fails the whole request (400 naming /fileList/<i>): drop it and ask once more.
    for (let attempt = 0; attempt < 2 && ids.length > 0; attempt++) {
      try {
        for (const answer of await (this.options.lookup as NonNullable<FileUrlOptions['lookup']>)(ids))
          answers.set(answer.fileID, answer);
        break;
      } catch (error) {
        const refused = refusedIndexes(error);
        if (refused.size === 0) break;
        ids = ids.filter((_, index) => !refused.has(index));
      }
    }
    const now = this.now();
    for (const { id } of batch) {
      const answer = answers.get(id);
      if (answer?.code === 'SUCCESS' && answer.tempFileURL && allowedImageUrl(answer.tempFileURL)) {
        const life = (answer.maxAge ?? 3600) * 1000;
        this.entries.set(id, {
          source: ready(answer.tempFileURL),
          until: now + life - Math.min(this.refreshMargin, life / 2),
        });
      } else {
        // NOT_FOUND (also what an unreadable file answers), a refused id or a failed request.
        this.entries.set(id, { source: BROKEN, until: now + this.retryAfter });
      }
    }
  }
}

type Reference =
  | { kind: 'none' }
  | { kind: 'url'; url: string }
  | { kind: 'media'; id: string }
  | { kind: 'file'; id: string };

/** What an image prop names: a cloud file, CMS media, an address, or nothing. */
function referenceOf(value: unknown): Reference {
  if (value !== null && typeof value === 'object') {
    // An Upload's file ({ fileID, url? }) or a media library item ({ id, url }).
    const record = value as Record<string, unknown>;
    if (typeof record.fileID === 'string') return referenceOf(record.fileID);
    if (typeof record.url === 'string') return referenceOf(record.url);
    if (typeof record.id === 'string' && MEDIA_ID.test(record.id)) return { kind: 'media', id: record.id };
    return { kind: 'none' };
  }
  if (typeof value !== 'string') return { kind: 'none' };
  const text = value.trim();
  if (text === '') return { kind: 'none' };
  if (text.startsWith('cloud://')) return { kind: 'file', id: text };
  // What a CMS image/file/media field holds.
  if (MEDIA_ID.test(text)) return { kind: 'media', id: text };
  return { kind: 'url', url: text };
}

/** http(s) or relative, like the web's safeUrl for images: never javascript: or data:. */
export function allowedImageUrl(url: string): boolean {
  try {
    const parsed = new URL(url, 'https://relative.invalid/');
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

const ready = (src: string): ImageSource => ({ state: 'ready', src });

function refusedIndexes(error: unknown): Set<number> {
  const { code, details } = (error ?? {}) as { code?: unknown; details?: { pointer?: string }[] };
  if (code !== 400 || !Array.isArray(details)) return new Set();
  return new Set(
    details
      .map((detail) => /^\/fileList\/(\d+)/.exec(detail.pointer ?? '')?.[1])
      .filter((index): index is string => index !== undefined)
      .map(Number),
  );
}

const fallbacks = new WeakMap<object, FileUrlResolver>();

/** The services' resolver, or (services without one, e.g. offline) one that shows plain URLs only. */
export function fileUrlsOf(services: { fileUrls?: FileUrlResolver }): FileUrlResolver {
  if (services.fileUrls) return services.fileUrls;
  let fallback = fallbacks.get(services);
  if (!fallback) {
    fallback = new FileUrlResolver();
    fallbacks.set(services, fallback);
  }
  return fallback;
}
