import { describe, expect, it } from 'vitest';
import { utils } from './helpers';

describe('utils', () => {
  it('formatDate formats local time with YYYY MM DD HH mm ss SSS', () => {
    const date = new Date(2024, 1, 3, 4, 5, 6, 7);
    expect(utils.formatDate(date)).toBe('2024-02-03');
    expect(utils.formatDate(date.getTime(), 'DD/MM/YYYY HH:mm:ss.SSS')).toBe('03/02/2024 04:05:06.007');
    expect(utils.formatDate('2024-02-03T00:00:00Z', 'YYYY')).toMatch(/^202[34]$/);
    expect(() => utils.formatDate('not a date' as never)).toThrow('utils.formatDate needs a date');
  });

  it('formatNumber groups digits and fixes decimals', () => {
    expect(utils.formatNumber(1234.5, 2)).toBe('1,234.50');
    expect(utils.formatNumber(1234.5)).toBe('1,234.5');
    expect(utils.formatNumber(0.5, 0, 'de-DE')).toBe('1');
    expect(() => utils.formatNumber('1' as never)).toThrow('utils.formatNumber needs a number, got a string');
  });

  it('len, keys, values, entries, isEmpty work on text, lists and objects', () => {
    expect([utils.len('abc'), utils.len([1, 2]), utils.len({ a: 1 }), utils.len(null), utils.len(5)]).toEqual(
      [3, 2, 1, 0, 0],
    );
    expect(utils.keys({ a: 1, b: 2 })).toEqual(['a', 'b']);
    expect(utils.values({ a: 1, b: 2 })).toEqual([1, 2]);
    expect(utils.entries({ a: 1 })).toEqual([['a', 1]]);
    expect(utils.keys(() => 1)).toEqual([]);
    expect([
      utils.isEmpty(''),
      utils.isEmpty([]),
      utils.isEmpty({}),
      utils.isEmpty(0),
      utils.isEmpty(null),
      utils.isEmpty('x'),
    ]).toEqual([true, true, true, false, true, false]);
  });

  it('number helpers', () => {
    expect(utils.min(3, 1, 2)).toBe(1);
    expect(utils.max([3, 1, 2])).toBe(3);
    expect(utils.sum([1, 2, 3])).toBe(6);
    expect(utils.avg(2, 4)).toBe(3);
    expect(utils.avg([])).toBe(0);
    expect(utils.round(1.25, 1)).toBe(1.3);
    expect(utils.round(2.5)).toBe(3);
    expect([utils.floor(1.7), utils.ceil(1.2), utils.abs(-2)]).toEqual([1, 2, 2]);
    expect(() => utils.max(1, 'a' as never)).toThrow('utils.max needs numbers, got a string');
  });

  it('join, includes, uniq, text, number, json', () => {
    expect(utils.join(['a', 'b'])).toBe('a,b');
    expect(utils.join(['a', 'b'], ' / ')).toBe('a / b');
    expect([
      utils.includes([1, 2], 2),
      utils.includes('hello', 'ell'),
      utils.includes({ a: 1 }, 'a'),
      utils.includes(null, 1),
    ]).toEqual([true, true, true, false]);
    expect(utils.uniq([1, 1, 2])).toEqual([1, 2]);
    expect([utils.text(null), utils.text(5), utils.number('7')]).toEqual(['', '5', 7]);
    expect(utils.json({ a: [1] })).toBe('{"a":[1]}');
  });

  it('get reads dotted paths with the same refusals as member access', () => {
    const data = { a: { b: [{ c: 'deep' }] } };
    expect(utils.get(data, 'a.b.0.c')).toBe('deep');
    expect(utils.get(data, 'a.x.y', 'fallback')).toBe('fallback');
    expect(() => utils.get(data, 'a.constructor')).toThrow('`constructor` cannot be read');
    expect(utils.get(data, 'a.toString')).toBeUndefined();
  });

  it('now gives the current time in milliseconds', () => {
    const before = Date.now();
    const now = utils.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('is frozen, so expressions cannot swap a helper', () => {
    expect(Object.isFrozen(utils)).toBe(true);
  });
});
