import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileUrlResolver, type TempFileUrl } from '../src/file-urls';

// A tiny temp-urls server: answers like the Tessera route and records every request it got.
let server: Server;
let base: string;
const requests: string[][] = [];
let failNext: { status: number; body: unknown } | null = null;

beforeAll(async () => {
  server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => {
      const fileList = (JSON.parse(text) as { fileList: string[] }).fileList;
      requests.push(fileList);
      response.setHeader('content-type', 'application/json');
      if (failNext) {
        response.statusCode = failNext.status;
        response.end(JSON.stringify(failNext.body));
        failNext = null;
        return;
      }
      response.end(
        JSON.stringify({
          fileList: fileList.map((fileID) =>
            fileID.includes('missing')
              ? { fileID, code: 'NOT_FOUND' }
              : {
                  fileID,
                  code: 'SUCCESS',
                  maxAge: 600,
                  tempFileURL: `https://files.test/${fileID.slice('cloud://'.length)}?n=${requests.length}`,
                },
          ),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Looks ids up over HTTP the way the SDK does (400 answers become errors with details). */
async function lookup(fileIds: string[]): Promise<TempFileUrl[]> {
  const response = await fetch(`${base}/temp-urls`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ fileList: fileIds }),
  });
  const body = (await response.json()) as { fileList: TempFileUrl[]; details?: unknown };
  if (!response.ok)
    throw Object.assign(new Error('refused'), { code: response.status, details: body.details });
  return body.fileList;
}

function resolverAt(clock: { now: number }) {
  return new FileUrlResolver({
    lookup,
    appId: 'app1',
    serverUrl: 'https://api.test',
    now: () => clock.now,
    refreshMargin: 60_000,
    retryAfter: 30_000,
  });
}

const settled = (resolver: FileUrlResolver) =>
  new Promise<void>((resolve) => {
    const stop = resolver.subscribe(() => {
      stop();
      resolve();
    });
  });

describe('FileUrlResolver', () => {
  it('asks for every id of one tick in one request, once per id, and tells listeners when done', async () => {
    requests.length = 0;
    const resolver = resolverAt({ now: 0 });
    const done = settled(resolver);
    expect(resolver.resolve('cloud://app1/a.png')).toEqual({ state: 'loading', src: '' });
    resolver.resolve('cloud://app1/b.png');
    resolver.resolve('cloud://app1/a.png');
    resolver.resolve({ fileID: 'cloud://app1/c.png', name: 'c.png' });
    await done;
    expect(requests).toEqual([['cloud://app1/a.png', 'cloud://app1/b.png', 'cloud://app1/c.png']]);
    expect(resolver.resolve('cloud://app1/a.png')).toEqual({
      state: 'ready',
      src: 'https://files.test/app1/a.png?n=1',
    });
    expect(resolver.version()).toBe(1);
  });

  it('keeps an address until shortly before it expires, then asks again while still showing it', async () => {
    requests.length = 0;
    const clock = { now: 0 };
    const resolver = resolverAt(clock);
    await resolver.load('cloud://app1/a.png');
    clock.now = 600_000 - 60_001;
    expect(resolver.resolve('cloud://app1/a.png').src).toBe('https://files.test/app1/a.png?n=1');
    expect(requests).toHaveLength(1);
    clock.now = 600_000 - 59_000;
    const done = settled(resolver);
    // The old address is still valid for a minute: shown while the new one is fetched.
    expect(resolver.resolve('cloud://app1/a.png').src).toBe('https://files.test/app1/a.png?n=1');
    await done;
    expect(requests).toHaveLength(2);
    expect(resolver.resolve('cloud://app1/a.png').src).toBe('https://files.test/app1/a.png?n=2');
  });

  it('shows a missing file as broken and does not ask again until the retry time passed', async () => {
    requests.length = 0;
    const clock = { now: 0 };
    const resolver = resolverAt(clock);
    expect(await resolver.load('cloud://app1/missing.png')).toEqual({ state: 'broken', src: '' });
    clock.now = 29_000;
    expect(resolver.resolve('cloud://app1/missing.png').state).toBe('broken');
    expect(requests).toHaveLength(1);
    clock.now = 31_000;
    expect(resolver.resolve('cloud://app1/missing.png').state).toBe('loading');
    expect((await resolver.load('cloud://app1/missing.png')).state).toBe('broken');
    expect(requests).toHaveLength(2);
  });

  it('drops an id the server refuses (400 naming it) and still resolves the others', async () => {
    requests.length = 0;
    const resolver = resolverAt({ now: 0 });
    failNext = {
      status: 400,
      body: { message: 'bad', details: [{ pointer: '/fileList/0', message: 'The cloud path has ".."' }] },
    };
    const bad = resolver.load('cloud://app1/../x.png');
    const good = resolver.load('cloud://app1/a.png');
    expect(await bad).toEqual({ state: 'broken', src: '' });
    expect((await good).state).toBe('ready');
    expect(requests).toEqual([['cloud://app1/../x.png', 'cloud://app1/a.png'], ['cloud://app1/a.png']]);
  });

  it('shows everything of a failed request as broken, without retrying by itself', async () => {
    requests.length = 0;
    const resolver = resolverAt({ now: 0 });
    failNext = { status: 500, body: { message: 'down' } };
    expect((await resolver.load('cloud://app1/a.png')).state).toBe('broken');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requests).toHaveLength(1);
  });

  it('splits more than 100 ids into requests of 100', async () => {
    requests.length = 0;
    const resolver = resolverAt({ now: 0 });
    const done = settled(resolver);
    for (let i = 0; i < 150; i++) resolver.resolve(`cloud://app1/p${i}.png`);
    await done;
    expect(requests.map((list) => list.length).sort()).toEqual([100, 50]);
  });

  it("refuses another app's ids and script URLs without asking the server", () => {
    requests.length = 0;
    const resolver = resolverAt({ now: 0 });
    expect(resolver.resolve('cloud://app2/a.png').state).toBe('broken');
    expect(resolver.resolve('javascript:alert(1)').state).toBe('broken');
    expect(resolver.resolve(' JaVaScRiPt:alert(1)').state).toBe('broken');
    expect(resolver.resolve('data:image/svg+xml,<svg/>').state).toBe('broken');
    expect(resolver.resolve(null).state).toBe('none');
    expect(requests).toHaveLength(0);
  });

  it('resolves CMS media (id, library object, relative path) and plain addresses at once', () => {
    const resolver = resolverAt({ now: 0 });
    const media = 'https://api.test/app-api/app1/cms-media/65a1b2c3d4e5f60718293a4b';
    expect(resolver.resolve('65a1b2c3d4e5f60718293a4b')).toEqual({ state: 'ready', src: media });
    expect(
      resolver.resolve({
        id: '65a1b2c3d4e5f60718293a4b',
        url: '/app-api/app1/cms-media/65a1b2c3d4e5f60718293a4b',
      }),
    ).toEqual({ state: 'ready', src: media });
    expect(resolver.resolve('/app-api/app1/cms-media/65a1b2c3d4e5f60718293a4b').src).toBe(media);
    expect(resolver.resolve('https://cdn.test/a.png').src).toBe('https://cdn.test/a.png');
    expect(resolver.resolve('/assets/logo.png').src).toBe('/assets/logo.png');
  });

  it('without a lookup (offline) shows cloud ids as broken', () => {
    expect(new FileUrlResolver().resolve('cloud://app1/a.png').state).toBe('broken');
  });
});
