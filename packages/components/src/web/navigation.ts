import { createElement as h, type KeyboardEvent, useState } from 'react';
import { cls, num, str } from './shared';
import type { WebComponentProps } from './types';

export function NavBar(c: WebComponentProps) {
  const zh = c.locale.startsWith('zh');
  return h(
    'header',
    {
      id: c.id,
      className: cls('t-navbar', c.props.fixed !== false && 't-navbar--fixed'),
      style: {
        background: str(c.props.backgroundColor) || undefined,
        color: str(c.props.color) || undefined,
        ...c.style,
      },
    },
    c.props.showBack !== false
      ? h(
          'button',
          {
            type: 'button',
            className: 't-navbar__back',
            'aria-label': zh ? '返回' : 'Back',
            onClick: () => {
              if (c.has('back')) c.fire('back');
              else history.back();
            },
          },
          '‹',
        )
      : null,
    h('h1', { className: 't-navbar__title' }, str(c.props.title)),
    h('div', { className: 't-navbar__right' }, c.slots.right ?? null),
  );
}

interface TabItem {
  text?: unknown;
  icon?: string;
  page?: string;
  badge?: string;
}

export function TabBar(c: WebComponentProps) {
  const items = Array.isArray(c.props.items) ? (c.props.items as TabItem[]) : [];
  const active = num(c.props.active, 0);
  return h(
    'nav',
    {
      id: c.id,
      className: 't-tabbar',
      style: { background: str(c.props.backgroundColor) || undefined, ...c.style },
      'aria-label': c.locale.startsWith('zh') ? '标签栏' : 'Tab bar',
    },
    ...items.map((item, index) => {
      const link = c.pageLink(str(item.page), {});
      return h(
        'a',
        {
          key: index,
          href: link.href,
          className: cls('t-tabbar__item', index === active && 't-tabbar__item--active'),
          'aria-current': index === active ? 'page' : undefined,
          onClick: (e: { preventDefault(): void }) => {
            e.preventDefault();
            if (c.has('change')) c.fire('change', { index, page: item.page });
            link.open();
          },
        },
        str(item.text),
      );
    }),
  );
}

export function Tabs(c: WebComponentProps) {
  const panes = c.childViews().map((view, i) => ({ ...view, name: str(view.props.name) || String(i) }));
  const [active, setActive] = useState(() => str(c.props.active) || panes[0]?.name || '0');
  const choose = (name: string) => {
    setActive(name);
    if (c.has('change')) c.fire('change', { value: name });
  };
  const onKey = (e: KeyboardEvent, index: number) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = panes[(index + step + panes.length) % panes.length];
    if (next) {
      choose(next.name);
      (document.getElementById(`${next.id}-tab`) as { focus(): void } | null)?.focus();
    }
  };
  return h(
    'div',
    { id: c.id, className: cls('t-tabs', `t-tabs--${str(c.props.variant, 'line')}`), style: c.style },
    h(
      'div',
      { role: 'tablist', className: cls('t-tabs__list', c.props.scrollable === true && 't-scroll') },
      ...panes.map((pane, index) =>
        h(
          'button',
          {
            key: pane.id,
            id: `${pane.id}-tab`,
            type: 'button',
            role: 'tab',
            className: 't-tabs__tab',
            'aria-selected': pane.name === active,
            'aria-controls': pane.id,
            tabIndex: pane.name === active ? 0 : -1,
            disabled: pane.props.disabled === true,
            onClick: () => choose(pane.name),
            onKeyDown: (e: KeyboardEvent) => onKey(e, index),
          },
          str(pane.props.title),
          pane.props.badge ? h('span', { className: 't-badge' }, str(pane.props.badge)) : null,
        ),
      ),
    ),
    ...panes.map((pane) => h('div', { key: pane.id, hidden: pane.name !== active }, pane.element)),
  );
}

export function TabPane(c: WebComponentProps) {
  return h(
    'div',
    {
      id: c.id,
      role: 'tabpanel',
      'aria-labelledby': `${c.id}-tab`,
      className: 't-tabs__pane',
      style: c.style,
    },
    c.children,
  );
}
