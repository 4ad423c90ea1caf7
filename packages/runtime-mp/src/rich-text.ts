/** A node of WeChat's `rich-text`: an element with whitelisted attributes, or plain text. */
export type RichNode =
  | { type: 'text'; text: string }
  | { name: string; attrs: Record<string, string>; children: RichNode[] };

const TAGS = new Set([
  'a',
  'b',
  'blockquote',
  'br',
  'code',
  'del',
  'div',
  'em',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'li',
  'ol',
  'p',
  'pre',
  'span',
  'strong',
  'sub',
  'sup',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'u',
  'ul',
]);
const VOID = new Set(['br', 'hr', 'img']);
// Elements whose content is never shown as text either.
const DROP_WITH_CONTENT = new Set([
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'template',
  'noscript',
  'textarea',
  'svg',
  'math',
]);
const ATTRS = new Set(['class', 'href', 'src', 'alt', 'title', 'width', 'height']);
const URL_ATTRS = new Set(['href', 'src']);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}

function safeUrl(url: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what browsers ignore in schemes
  const cleaned = url.replace(/[\u0000-\u0020]/g, '');
  try {
    const parsed = new URL(cleaned, 'https://relative.invalid/');
    return ['http:', 'https:', 'mailto:', 'tel:'].includes(parsed.protocol);
  } catch {
    return false;
  }
}

/**
 * Turns HTML into `rich-text` nodes keeping only whitelisted tags and attributes; everything
 * else becomes text or is dropped, so no markup from users can run.
 */
export function richTextNodes(html: string): RichNode[] {
  const root: RichNode[] = [];
  const stack: { name: string; children: RichNode[] }[] = [{ name: '#root', children: root }];
  let dropping: string | null = null;
  const token =
    /<!--[\s\S]*?-->|<\/?([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>|([^<]+|<)/g;
  for (const match of html.matchAll(token)) {
    const [whole, rawName, rawAttrs, text] = match;
    const top = stack[stack.length - 1] as { name: string; children: RichNode[] };
    if (text !== undefined) {
      if (!dropping) top.children.push({ type: 'text', text: decode(text) });
      continue;
    }
    if (!rawName) continue; // comment
    const name = rawName.toLowerCase();
    const closing = whole.startsWith('</');
    if (dropping) {
      if (closing && name === dropping) dropping = null;
      continue;
    }
    if (DROP_WITH_CONTENT.has(name)) {
      if (!closing && !whole.endsWith('/>')) dropping = name;
      continue;
    }
    if (!TAGS.has(name)) continue;
    if (closing) {
      const at = stack.map((entry) => entry.name).lastIndexOf(name);
      if (at > 0) stack.length = at;
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const attr of (rawAttrs ?? '').matchAll(
      /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g,
    )) {
      const key = (attr[1] ?? '').toLowerCase();
      const value = decode(attr[2] ?? attr[3] ?? attr[4] ?? '');
      if (!ATTRS.has(key)) continue;
      if (URL_ATTRS.has(key) && !safeUrl(value)) continue;
      attrs[key] = value;
    }
    const element = { name, attrs, children: [] as RichNode[] };
    top.children.push(element);
    if (!VOID.has(name) && !whole.endsWith('/>')) stack.push(element);
  }
  return root;
}
