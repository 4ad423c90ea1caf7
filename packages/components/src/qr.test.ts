import { describe, expect, it } from 'vitest';
import { qrDataUri, qrShape, qrSvg } from './qr';

describe('QR codes', () => {
  it('draws a version-1 code for a short text: 21 modules plus the quiet zone, finder patterns in the corners', () => {
    const shape = qrShape('HELLO', 'M');
    expect(shape?.size).toBe(21 + 8);
    // The top-left finder pattern's outer ring starts right after the 4-module quiet zone.
    for (const [x, y] of [
      [4, 4],
      [10, 4],
      [4, 10],
      [10, 10],
      [22, 4],
      [4, 22],
    ])
      expect(shape?.path).toContain(`M${x} ${y}h1v1h-1z`);
    // …and its white ring is white.
    expect(shape?.path).not.toContain('M5 5h1v1h-1z');
  });

  it('encodes Chinese text as UTF-8 and grows with the content and the error level', () => {
    const short = qrShape('办事凭证 2026-0012', 'L');
    const dense = qrShape('办事凭证 2026-0012', 'H');
    expect(short).not.toBeNull();
    expect((dense?.size ?? 0) > (short?.size ?? 0)).toBe(true);
    expect(qrShape('', 'M')).toBeNull();
    expect(qrShape('x'.repeat(3000), 'H')).toBeNull();
  });

  it('gives mini-programs the same SVG as a base64 data URI', () => {
    const uri = qrDataUri('https://example.com/?a=1&b=<2>', 'Q', '#112233', '#fafafa');
    const shape = qrShape('https://example.com/?a=1&b=<2>', 'Q');
    expect(uri.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const svg = Buffer.from(uri.slice('data:image/svg+xml;base64,'.length), 'base64').toString('utf8');
    expect(svg).toBe(qrSvg(shape as NonNullable<typeof shape>, '#112233', '#fafafa'));
    expect(svg).toContain('fill="#112233"');
    // Colours cannot break out of their attribute.
    expect(qrSvg(shape as NonNullable<typeof shape>, '"/><script>', 'red')).not.toContain('<script');
  });
});
