import { createElement as h, useRef } from 'react';
import { cls, str } from './shared';
import type { WebComponentProps } from './types';

export function List(c: WebComponentProps) {
  const data = Array.isArray(c.props.data) ? c.props.data : [];
  const loading = c.props.loading === true;
  const tap = c.has('itemTap');
  const rows = c.repeat(data, ({ element, item, index, fire }) =>
    h(
      'li',
      {
        className: cls('t-list__item', tap && 't-tappable'),
        ...(tap
          ? {
              tabIndex: 0,
              onClick: () => fire('itemTap', { item, index }),
              onKeyDown: (e: { key: string }) => e.key === 'Enter' && fire('itemTap', { item, index }),
            }
          : {}),
      },
      element,
    ),
  );
  return h(
    'div',
    {
      id: c.id,
      className: cls('t-list', `t-list--${str(c.props.direction, 'vertical')}`),
      style: c.style,
      'aria-busy': loading || undefined,
    },
    rows.length > 0 ? h('ul', { className: 't-list__items' }, ...rows) : null,
    rows.length === 0 && !loading
      ? h('div', { className: 't-list__empty' }, c.slots.empty ?? null, h('p', null, str(c.props.emptyText)))
      : null,
  );
}

interface Column {
  field: string;
  title?: unknown;
  width?: number;
  align?: 'left' | 'center' | 'right';
}

export function Table(c: WebComponentProps) {
  const data = Array.isArray(c.props.data) ? (c.props.data as Record<string, unknown>[]) : [];
  const columns = Array.isArray(c.props.columns) ? (c.props.columns as Column[]) : [];
  const rowKey = str(c.props.rowKey, '_id');
  const caption = str(c.props.caption);
  const tap = c.has('rowTap');
  return h(
    'div',
    {
      id: c.id,
      className: 't-table-wrap',
      style: c.style,
      'aria-busy': c.props.loading === true || undefined,
    },
    h(
      'table',
      {
        className: cls(
          't-table',
          c.props.striped !== false && 't-table--striped',
          c.props.bordered === true && 't-table--bordered',
        ),
      },
      caption ? h('caption', null, caption) : null,
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ...columns.map((column, i) =>
            h(
              'th',
              { key: i, scope: 'col', style: { width: column.width, textAlign: column.align } },
              str(column.title),
            ),
          ),
        ),
      ),
      h(
        'tbody',
        null,
        ...data.map((row, index) =>
          h(
            'tr',
            {
              key: str(row?.[rowKey], String(index)),
              ...(tap
                ? {
                    tabIndex: 0,
                    className: 't-tappable',
                    onClick: () => c.fire('rowTap', { row, index }),
                    onKeyDown: (e: { key: string }) => e.key === 'Enter' && c.fire('rowTap', { row, index }),
                  }
                : {}),
            },
            ...columns.map((column, i) =>
              h('td', { key: i, style: { textAlign: column.align } }, cellText(row?.[column.field])),
            ),
          ),
        ),
        data.length === 0
          ? h(
              'tr',
              null,
              h(
                'td',
                { colSpan: Math.max(1, columns.length), className: 't-list__empty' },
                str(c.props.emptyText),
              ),
            )
          : null,
      ),
    ),
  );
}

const cellText = (value: unknown) =>
  value === null || value === undefined
    ? ''
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);

export function Swiper(c: WebComponentProps) {
  const track = useRef<{
    scrollBy(options: { left: number; behavior: 'smooth' }): void;
    clientWidth: number;
  } | null>(null);
  const move = (direction: number) =>
    track.current?.scrollBy({ left: direction * track.current.clientWidth, behavior: 'smooth' });
  const zh = c.locale.startsWith('zh');
  return h(
    'section',
    {
      id: c.id,
      className: 't-swiper',
      style: c.style,
      'aria-roledescription': 'carousel',
      'aria-label': zh ? '轮播' : 'Carousel',
    },
    // Focusable so keyboard users can scroll the slides.
    h(
      'div',
      {
        className: 't-swiper__track',
        ref: track,
        tabIndex: 0,
        role: 'group',
        'aria-label': zh ? '幻灯片' : 'Slides',
      },
      c.children,
    ),
    (Array.isArray(c.children) ? c.children.length : 0) > 1
      ? h(
          'div',
          { className: 't-swiper__controls' },
          h(
            'button',
            {
              type: 'button',
              className: 't-button t-button--text',
              'aria-label': zh ? '上一张' : 'Previous',
              onClick: () => move(-1),
            },
            '‹',
          ),
          h(
            'button',
            {
              type: 'button',
              className: 't-button t-button--text',
              'aria-label': zh ? '下一张' : 'Next',
              onClick: () => move(1),
            },
            '›',
          ),
        )
      : null,
  );
}

export function SwiperItem(c: WebComponentProps) {
  return h(
    'div',
    {
      id: c.id,
      className: 't-swiper__item',
      style: c.style,
      'aria-roledescription': 'slide',
      onClick: c.has('tap') ? () => c.fire('tap') : undefined,
    },
    c.children,
  );
}
