import { createElement as h, useEffect, useRef } from 'react';
import { str } from './shared';
import type { WebComponentProps } from './types';

export function Modal(c: WebComponentProps) {
  const dialog = useRef<{ querySelector(s: string): { focus(): void } | null } | null>(null);
  const visible = c.props.visible === true;
  useEffect(() => {
    if (visible)
      dialog.current?.querySelector('button, [href], input, select, textarea, [tabindex]')?.focus();
  }, [visible]);
  if (!visible) return null;
  const close = (event: 'cancel' | 'confirm') => {
    c.fire(event);
    c.fire('close');
  };
  const title = str(c.props.title);
  return h(
    'div',
    { className: 't-modal__mask', onClick: () => c.props.maskClosable !== false && close('cancel') },
    h(
      'div',
      {
        id: c.id,
        ref: dialog,
        className: 't-modal',
        role: 'dialog',
        'aria-modal': true,
        'aria-labelledby': title ? `${c.id}-title` : undefined,
        style: c.style,
        onClick: (e: { stopPropagation(): void }) => e.stopPropagation(),
        onKeyDown: (e: { key: string }) => e.key === 'Escape' && close('cancel'),
      },
      title ? h('h2', { id: `${c.id}-title`, className: 't-modal__title' }, title) : null,
      h('div', { className: 't-modal__body' }, c.children),
      c.slots.footer
        ? h('div', { className: 't-modal__foot' }, c.slots.footer)
        : c.props.showFooter !== false
          ? h(
              'div',
              { className: 't-modal__foot' },
              h(
                'button',
                { type: 'button', className: 't-button', onClick: () => close('cancel') },
                str(c.props.cancelText),
              ),
              h(
                'button',
                { type: 'button', className: 't-button t-button--primary', onClick: () => close('confirm') },
                str(c.props.confirmText),
              ),
            )
          : null,
    ),
  );
}
