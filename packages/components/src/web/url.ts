// Schemes a link may use; images only load over http(s) or relative URLs.
const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);
const IMAGE_SCHEMES = new Set(['http:', 'https:']);

/** The URL when its parsed scheme is allowed (relative URLs are), else undefined. */
export function safeUrl(url: unknown, kind: 'link' | 'image' = 'link'): string | undefined {
  if (typeof url !== 'string' || url.trim() === '') return undefined;
  try {
    const parsed = new URL(url, 'https://relative.invalid/');
    return (kind === 'image' ? IMAGE_SCHEMES : LINK_SCHEMES).has(parsed.protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}
