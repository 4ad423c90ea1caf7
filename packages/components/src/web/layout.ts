import { createElement as h } from 'react';
import { cls, num, str, tappable } from './shared';
import type { WebComponentProps } from './types';

export function Page(c: WebComponentProps) {
  return h(
    'div',
    {
      id: c.id,
      className: cls('t-page', c.props.safeArea !== false && 't-safe-area'),
      style: { background: str(c.props.backgroundColor) || undefined, ...c.style },
    },
    c.children,
  );
}

const ROLES: Record<string, string> = {
  main: 'main',
  navigation: 'nav',
  region: 'section',
  banner: 'header',
  contentinfo: 'footer',
  complementary: 'aside',
  search: 'search',
};

export function Container(c: WebComponentProps) {
  const role = str(c.props.role, 'none');
  const label = str(c.props.ariaLabel) || undefined;
  const tag = role === 'search' ? 'div' : (ROLES[role] ?? 'div');
  return h(
    tag,
    {
      id: c.id,
      className: cls(
        't-container',
        `t-container--${str(c.props.direction, 'vertical')}`,
        c.props.scrollable === true && 't-scroll',
      ),
      style: c.style,
      role: role === 'search' ? 'search' : undefined,
      'aria-label': label,
      ...tappable(c),
    },
    c.children,
  );
}

export function Row(c: WebComponentProps) {
  return h(
    'div',
    {
      id: c.id,
      className: 't-row',
      style: {
        gap: num(c.props.gap, 8),
        justifyContent:
          { start: 'flex-start', end: 'flex-end', center: 'center' }[str(c.props.justify, 'start')] ??
          str(c.props.justify),
        alignItems:
          { start: 'flex-start', end: 'flex-end', center: 'center', stretch: 'stretch' }[
            str(c.props.align, 'stretch')
          ] ?? 'stretch',
        flexWrap: c.props.wrap === true ? 'wrap' : 'nowrap',
        ...c.style,
      },
      ...tappable(c),
    },
    c.children,
  );
}

export function Column(c: WebComponentProps) {
  const span = num(c.props.span, 12);
  const offset = num(c.props.offset, 0);
  return h(
    'div',
    {
      id: c.id,
      className: 't-column',
      style: {
        flex: `0 0 ${(span / 12) * 100}%`,
        marginLeft: offset ? `${(offset / 12) * 100}%` : undefined,
        ...c.style,
      },
      ...tappable(c),
    },
    c.children,
  );
}

export function Grid(c: WebComponentProps) {
  return h(
    'div',
    {
      id: c.id,
      className: cls('t-grid', c.props.bordered === true && 't-grid--bordered'),
      style: {
        gridTemplateColumns: `repeat(${num(c.props.columns, 4)}, minmax(0, 1fr))`,
        gap: num(c.props.gap, 8),
        ...c.style,
      },
    },
    c.children,
  );
}

export function Card(c: WebComponentProps) {
  const title = str(c.props.title);
  const extra = str(c.props.extra);
  return h(
    'section',
    {
      id: c.id,
      className: cls(
        't-card',
        c.props.bordered !== false && 't-card--bordered',
        `t-shadow-${str(c.props.shadow, 'none')}`,
      ),
      style: c.style,
      'aria-label': title || undefined,
      ...tappable(c),
    },
    title || extra
      ? h(
          'header',
          { className: 't-card__head' },
          title ? h('h3', { className: 't-card__title' }, title) : null,
          extra ? h('span', { className: 't-card__extra' }, extra) : null,
        )
      : null,
    h('div', { className: 't-card__body' }, c.children),
    c.slots.footer ? h('footer', { className: 't-card__foot' }, c.slots.footer) : null,
  );
}

export function Divider(c: WebComponentProps) {
  const text = str(c.props.text);
  const vertical = str(c.props.direction) === 'vertical';
  return h(
    'div',
    {
      id: c.id,
      role: 'separator',
      'aria-orientation': vertical ? 'vertical' : 'horizontal',
      className: cls(
        't-divider',
        vertical && 't-divider--vertical',
        c.props.dashed === true && 't-divider--dashed',
      ),
      style: c.style,
    },
    text ? h('span', null, text) : null,
  );
}

export function Spacer(c: WebComponentProps) {
  const size = num(c.props.size, 16);
  const horizontal = str(c.props.direction) === 'horizontal';
  return h('div', {
    id: c.id,
    'aria-hidden': true,
    style: { ...(horizontal ? { width: size, display: 'inline-block' } : { height: size }), ...c.style },
  });
}
