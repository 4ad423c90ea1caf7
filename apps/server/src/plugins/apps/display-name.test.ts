import { describe, expect, it } from 'vitest';
import { displayName } from './schema-check';

describe('the name an app shows in lists', () => {
  it('is a plain name as it is', () => {
    expect(displayName({ id: 'a', name: 'Street office' })).toBe('Street office');
  });

  it('is the default-locale text of an i18n name, else its first text', () => {
    const name = { $i18n: { 'zh-CN': '政务服务大厅', en: 'Government service hall' } };
    expect(displayName({ id: 'a', name, locales: { default: 'en' } })).toBe('Government service hall');
    expect(displayName({ id: 'a', name })).toBe('政务服务大厅');
  });

  it('falls back to the id', () => {
    expect(displayName({ id: 'hall' })).toBe('hall');
  });
});
