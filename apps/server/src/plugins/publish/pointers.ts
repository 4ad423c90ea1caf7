/** RFC 6901 pointer → its segments ('' → []). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * The page and the innermost page-tree node a pointer lies in (`/pages/0/root/children/2/props/x`
 * → the page's id and that child's id), so the console can open the node in the editor.
 * Walks the schema along the pointer; stops where the pointer leaves the document.
 */
export function locatePointer(schema: unknown, pointer: string): { pageId?: string; nodeId?: string } {
  const segments = pointerSegments(pointer);
  if (segments[0] !== 'pages' || segments.length < 2 || !isObject(schema)) return {};
  const pages = schema.pages;
  const page = Array.isArray(pages) ? pages[Number(segments[1])] : undefined;
  if (!isObject(page)) return {};
  const found: { pageId?: string; nodeId?: string } = {};
  if (typeof page.id === 'string') found.pageId = page.id;
  if (segments[2] !== 'root') return found;
  let current: unknown = page.root;
  for (let i = 3; ; i++) {
    // A node is an object with an id and a component; any deeper one wins.
    if (isObject(current) && typeof current.id === 'string' && typeof current.component === 'string')
      found.nodeId = current.id;
    if (i >= segments.length || !isObject(current)) break;
    current = (current as Record<string, unknown>)[segments[i] as string];
  }
  return found;
}
