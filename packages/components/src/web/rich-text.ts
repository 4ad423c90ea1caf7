import DOMPurify from 'dompurify';
import { createElement as h } from 'react';
import { str } from './shared';
import type { WebComponentProps } from './types';

// In its own module so DOMPurify is bundled only with the pages that show rich text.
// Rich text is the only prop rendered as HTML, and only after DOMPurify removed script and handlers.
export function RichText(c: WebComponentProps) {
  const html = DOMPurify.sanitize(str(c.props.content));
  return h('div', {
    id: c.id,
    className: 't-rich-text',
    style: c.style,
    // biome-ignore lint/security/noDangerouslySetInnerHtml: the HTML was sanitised by DOMPurify just above
    dangerouslySetInnerHTML: { __html: html },
    onClick: (e: { target: unknown; preventDefault(): void }) => {
      const link = (
        e.target as { closest?: (s: string) => { getAttribute(n: string): string | null } | null }
      ).closest?.('a');
      if (link && c.has('linkTap')) {
        e.preventDefault();
        c.fire('linkTap', { href: link.getAttribute('href') });
      }
    },
  });
}
