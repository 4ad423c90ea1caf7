// QRCode lives alone so that only apps showing a QR code bundle (and parse) the encoder.
import { createElement as h } from 'react';
import { type QrLevel, qrShape } from '../qr';
import { num, str } from './shared';
import type { WebComponentProps } from './types';

export function QRCode(c: WebComponentProps) {
  // An expression may give any number: keep to the range the catalogue allows for a literal.
  const size = Math.min(Math.max(num(c.props.size, 160), 48), 1024);
  const value = str(c.props.value);
  const shape = qrShape(value, (str(c.props.errorLevel) || 'M') as QrLevel);
  const label = str(c.props.alt) || value;
  // Too long to encode at this level: say so rather than draw nothing.
  if (!shape)
    return h(
      'figure',
      { id: c.id, className: 't-qrcode t-qrcode--empty', style: c.style },
      h('code', null, value),
    );
  return h(
    'svg',
    {
      id: c.id,
      className: 't-qrcode',
      role: 'img',
      'aria-label': label,
      width: size,
      height: size,
      viewBox: `0 0 ${shape.size} ${shape.size}`,
      shapeRendering: 'crispEdges',
      style: c.style,
    },
    h('rect', { width: '100%', height: '100%', fill: str(c.props.backgroundColor) || '#ffffff' }),
    h('path', { d: shape.path, fill: str(c.props.color) || '#000000' }),
  );
}
