import { createElement as h, useEffect, useRef, useState } from 'react';
import { unavailable, useImage } from './image-source';
import { cls, num, str, tappable } from './shared';
import type { WebComponentProps } from './types';
import { safeUrl } from './url';

export function Text(c: WebComponentProps) {
  const lines = num(c.props.maxLines, 0);
  const style = lines > 0 ? { ...c.style, WebkitLineClamp: lines } : c.style;
  return h(
    'p',
    {
      id: c.id,
      className: cls('t-text', `t-align-${str(c.props.align, 'left')}`, lines > 0 && 't-clamp'),
      style,
      ...tappable(c),
    },
    str(c.props.text),
  );
}

export function Heading(c: WebComponentProps) {
  const level = Math.min(6, Math.max(1, num(c.props.level, 2)));
  return h(
    `h${level}`,
    { id: c.id, className: cls('t-heading', `t-align-${str(c.props.align, 'left')}`), style: c.style },
    str(c.props.text),
  );
}

export function Button(c: WebComponentProps) {
  const formType = str(c.props.formType, 'button');
  const loading = c.props.loading === true;
  return h(
    'button',
    {
      id: c.id,
      type: 'button',
      className: cls(
        't-button',
        `t-button--${str(c.props.variant, 'default')}`,
        `t-button--${str(c.props.size, 'medium')}`,
        c.props.block === true && 't-button--block',
      ),
      style: c.style,
      disabled: c.props.disabled === true || loading,
      'aria-busy': loading || undefined,
      'aria-label': str(c.props.ariaLabel) || undefined,
      onClick: () => {
        if (formType === 'submit' && c.form.id) c.form.submit();
        else if (formType === 'reset' && c.form.id) c.form.reset();
        // A submit button's own tap actions run after the form's submit (see the renderer).
        if (formType === 'button' || !c.form.id) c.fire('tap');
      },
    },
    str(c.props.text),
  );
}

export function Link(c: WebComponentProps) {
  const page = str(c.props.page);
  const label = str(c.props.ariaLabel) || undefined;
  if (page) {
    const params = (c.props.params ?? {}) as Record<string, unknown>;
    const link = c.pageLink(page, params);
    return h(
      'a',
      {
        id: c.id,
        className: 't-link',
        style: c.style,
        href: link.href,
        'aria-label': label,
        onClick: (e: { preventDefault(): void; metaKey: boolean; ctrlKey: boolean }) => {
          if (e.metaKey || e.ctrlKey) return;
          e.preventDefault();
          if (c.has('tap')) c.fire('tap');
          link.open();
        },
      },
      str(c.props.text),
    );
  }
  const url = safeUrl(c.props.url);
  const blank = c.props.newWindow === true;
  return h(
    'a',
    {
      id: c.id,
      className: 't-link',
      style: c.style,
      href: url,
      'aria-label': label,
      target: blank ? '_blank' : undefined,
      rel: blank ? 'noopener noreferrer' : undefined,
      onClick: c.has('tap') ? () => c.fire('tap') : undefined,
    },
    str(c.props.text),
  );
}

// Icon names are shown through a small glyph table; unknown names fall back to a bullet.
/** The icon names the web Icon draws (the editor's icon picker offers these). */
export const ICON_GLYPHS: Readonly<Record<string, string>> = {
  home: '⌂',
  user: '👤',
  message: '✉',
  search: '🔍',
  star: '★',
  heart: '♥',
  plus: '+',
  close: '×',
  check: '✓',
  left: '‹',
  right: '›',
  back: '‹',
  more: '⋯',
  setting: '⚙',
  share: '⇪',
};
/** Names also accepted, drawn like the one they alias. */
const GLYPHS: Record<string, string> = { ...ICON_GLYPHS, 'home-filled': '⌂', settings: '⚙' };

export function Icon(c: WebComponentProps) {
  const label = str(c.props.label);
  const size = num(c.props.size, 20);
  const color = str(c.props.color) || undefined;
  return h(
    'span',
    {
      id: c.id,
      className: 't-icon',
      style: { fontSize: size, color, ...c.style },
      ...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true }),
      ...tappable(c),
    },
    GLYPHS[str(c.props.name)] ?? '•',
  );
}

export function Image(c: WebComponentProps) {
  const [preview, setPreview] = useState(false);
  const shown = useImage(c.props.src);
  // The address that failed to load (deleted file, expired link): shown as broken, not retried.
  const [failed, setFailed] = useState('');
  const broken = shown.state === 'broken' || (shown.state === 'ready' && failed === shown.src);
  const alt = c.props.decorative === true ? '' : str(c.props.alt);
  const hasError = c.has('error');
  const fire = useRef(c.fire);
  fire.current = c.fire;
  useEffect(() => {
    if (shown.state === 'broken' && hasError) fire.current('error', { message: 'not available' });
  }, [shown.state, hasError]);
  const fit = { objectFit: str(c.props.fit, 'cover') as 'cover', ...c.style };
  if (broken) {
    // A box in the image's place that says what is missing (the alt text), not a broken-image icon.
    return h(
      'span',
      {
        id: c.id,
        className: 't-image t-image--broken',
        style: c.style,
        ...(alt
          ? { role: 'img', 'aria-label': `${alt} (${unavailable(c.locale)})` }
          : { 'aria-hidden': true }),
      },
      alt || null,
    );
  }
  const src = shown.state === 'ready' ? shown.src : undefined;
  const img = h('img', {
    id: c.id,
    className: shown.state === 'loading' ? 't-image t-image--loading' : 't-image',
    src,
    alt,
    'aria-busy': shown.state === 'loading' || undefined,
    loading: c.props.lazyLoad === false ? undefined : 'lazy',
    style: fit,
    onLoad: c.has('load') ? () => c.fire('load') : undefined,
    onError: () => {
      if (src) setFailed(src);
      if (hasError) c.fire('error', { message: 'failed to load' });
    },
    ...(c.props.preview === true
      ? {
          role: 'button',
          tabIndex: 0,
          onClick: () => setPreview(true),
          onKeyDown: (e: { key: string }) => e.key === 'Enter' && setPreview(true),
        }
      : tappable(c)),
  });
  if (!preview || !src) return img;
  return h(
    'div',
    null,
    img,
    h(
      'div',
      { className: 't-preview', role: 'dialog', 'aria-modal': true, 'aria-label': alt || 'image' },
      h('img', { src, alt }),
      h(
        'button',
        { type: 'button', className: 't-button', onClick: () => setPreview(false), autoFocus: true },
        '×',
      ),
    ),
  );
}
