import { describe, expect, it } from 'vitest';
import { safeUrl } from './url';

describe('safeUrl', () => {
  it('keeps http(s), mailto, tel and relative links', () => {
    for (const url of [
      'https://a.example/x',
      'http://a.example',
      'mailto:a@b.c',
      'tel:123',
      '/news/1',
      'page?x=1',
    ])
      expect(safeUrl(url)).toBe(url);
  });
  it('drops script and data URLs however they are disguised', () => {
    for (const url of [
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      '\u0001javascript:x',
      'data:text/html,<b>',
      'vbscript:x',
    ])
      expect(safeUrl(url)).toBeUndefined();
  });
  it('allows only http(s) and relative images', () => {
    expect(safeUrl('https://a.example/i.png', 'image')).toBe('https://a.example/i.png');
    expect(safeUrl('mailto:a@b.c', 'image')).toBeUndefined();
    expect(safeUrl('data:image/svg+xml,<svg onload=x>', 'image')).toBeUndefined();
  });
  it('drops non-strings and empty strings', () => {
    expect(safeUrl(undefined)).toBeUndefined();
    expect(safeUrl('  ')).toBeUndefined();
    expect(safeUrl(42)).toBeUndefined();
  });
});
