import { createContext, useContext, useSyncExternalStore } from 'react';
import { safeUrl } from './url';

/** How an image source shows: its address once known, else why not. */
export interface ShownImage {
  state: 'none' | 'loading' | 'ready' | 'broken';
  src: string;
}

/**
 * Turns what an image prop holds (a URL, a cloud file id, CMS media) into an address. The web
 * runtime provides the app's (runtime-core's FileUrlResolver); `resolve` answers at once and
 * subscribers hear when a lookup finished.
 */
export interface ImageSources {
  resolve(value: unknown): ShownImage;
  subscribe(listener: () => void): () => void;
  version(): number;
}

/** Without a provider (a canvas, a test): plain addresses only. */
const plainSources: ImageSources = {
  resolve(value) {
    if (typeof value !== 'string' || value.trim() === '') return { state: 'none', src: '' };
    const src = safeUrl(value, 'image');
    return src ? { state: 'ready', src } : { state: 'broken', src: '' };
  },
  subscribe: () => () => {},
  version: () => 0,
};

export const ImageSourcesContext = createContext<ImageSources>(plainSources);

/** The address of an image value, re-rendering when its lookup finishes. */
export function useImage(value: unknown): ShownImage {
  const sources = useContext(ImageSourcesContext);
  useSyncExternalStore(sources.subscribe, sources.version, sources.version);
  const shown = sources.resolve(value);
  if (shown.state !== 'ready') return shown;
  // The resolver allows http(s) and relative addresses only; checked again at the element.
  const src = safeUrl(shown.src, 'image');
  return src ? { state: 'ready', src } : { state: 'broken', src: '' };
}

/** Words for an image that cannot be shown, after its alt text. */
export const unavailable = (locale: string) =>
  locale.startsWith('zh') ? '图片无法显示' : 'image unavailable';
