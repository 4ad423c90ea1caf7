import { describe, expect, it } from 'vitest';
import * as rt from './runtime';

describe('rt.get', () => {
  it('reads own properties along a path', () => {
    expect(rt.get({ a: { b: [10, 20] } }, 'a', 'b', 1)).toBe(20);
    expect(rt.get('abc', 'length')).toBe(3);
    expect(rt.get('abc', 0)).toBe('a');
    expect(rt.get({ a: 1 }, 'missing')).toBeUndefined();
  });

  it('never reads inherited properties', () => {
    expect(rt.get({}, 'toString')).toBeUndefined();
    expect(rt.get([], 'map')).toBeUndefined();
    expect(rt.get(new Map([[1, 2]]), 'size')).toBeUndefined();
  });

  it('refuses forbidden keys however they are spelled', () => {
    expect(() => rt.get({}, 'constructor')).toThrow('`constructor` cannot be read in expressions');
    expect(() => rt.get({}, ['__proto__'])).toThrow('`__proto__` cannot be read');
    expect(() => rt.get({}, { toString: () => 'prototype' })).toThrow('`prototype` cannot be read');
    expect(() => rt.get(null, 'constructor')).toThrow('`constructor` cannot be read');
    expect(() => rt.get({}, Symbol.iterator)).toThrow('symbols cannot be used as keys');
  });

  it('explains reads from nothing and from functions', () => {
    expect(() => rt.get(undefined, 'name')).toThrow('cannot read `name` of undefined');
    expect(() => rt.get({ a: null }, 'a', 'b')).toThrow('cannot read `b` of null');
    expect(() => rt.get(() => 1, 'name')).toThrow('cannot read `name` of a function');
  });

  it('refuses to hand out globals even when a host object holds one', () => {
    expect(() => rt.get({ g: globalThis }, 'g')).toThrow('expressions cannot reach global objects');
    expect(() => rt.get({ f: Function }, 'f')).toThrow('expressions cannot reach global objects');
  });
});

describe('rt.call', () => {
  it('calls allow-listed methods of arrays, strings, numbers and dates', () => {
    expect(rt.call([1, 2, 3], 'map', [(x: number) => x * 2])).toEqual([2, 4, 6]);
    expect(rt.call('a,b', 'split', [','])).toEqual(['a', 'b']);
    expect(rt.call(1.005, 'toFixed', [1])).toBe('1.0');
    expect(rt.call(true, 'toString', [])).toBe('true');
    expect(rt.call(new Date(0), 'getTime', [])).toBe(0);
  });

  it('never changes the array: sort and reverse return copies', () => {
    const list = [3, 1, 2];
    expect(rt.call(list, 'sort', [])).toEqual([1, 2, 3]);
    expect(rt.call(list, 'reverse', [])).toEqual([2, 1, 3]);
    expect(list).toEqual([3, 1, 2]);
  });

  it('calls own function properties with their object as receiver', () => {
    const counter = {
      n: 2,
      twice(this: { n: number }) {
        return this.n * 2;
      },
    };
    expect(rt.call(counter, 'twice', [])).toBe(4);
  });

  it('refuses methods outside the allow-list, with the receiver type', () => {
    expect(() => rt.call([1], 'push', [2])).toThrow('`push` is not an allowed method of an array');
    expect(() => rt.call({}, 'hasOwnProperty', ['a'])).toThrow(
      '`hasOwnProperty` is not an allowed method of an object',
    );
    expect(() => rt.call('x', 'constructor', [])).toThrow('`constructor` cannot be read');
    expect(() => rt.call({ a: 1 }, 'a', [])).toThrow('`a` is not a function');
    expect(() => rt.call({}, 'nothing', [])).toThrow('`nothing` is not a function of an object');
    expect(() => rt.call(null, 'map', [])).toThrow('cannot call `map` of null');
    expect(() => rt.call(() => 1, 'call', [])).toThrow('cannot call `call` of a function');
  });

  it('keeps text methods to text patterns and bounded sizes', () => {
    expect(rt.call('a.b.c', 'replaceAll', ['.', '/'])).toBe('a/b/c');
    expect(() => rt.call('abc', 'replace', [{}, 'x'])).toThrow(
      '`replace` takes a text pattern, got an object',
    );
    expect(() => rt.call('ab', 'repeat', [1e7])).toThrow('would build a text longer than');
    expect(() => rt.call('ab', 'padStart', [1e7])).toThrow('would build a text longer than');
  });

  it('checks what callbacks hand to built-ins', () => {
    expect(() => rt.call([1], 'map', [() => globalThis])).toThrow('expressions cannot reach global objects');
  });
});

describe('rt.method, rt.invoke, rt.opt, rt.key', () => {
  it('rt.method gives a bound method or undefined when absent', () => {
    expect(rt.method({}, 'missing')).toBeUndefined();
    expect(rt.method({ f: null }, 'f')).toBeUndefined();
    expect(rt.method([1, 2], 'join')?.('-')).toBe('1-2');
    expect(() => rt.method([1], 'push')).toThrow('`push` is not an allowed method');
  });

  it('rt.invoke calls function values only', () => {
    expect(rt.invoke((a: number, b: number) => a + b, [1, 2])).toBe(3);
    expect(() => rt.invoke(5, [])).toThrow('a number is not a function');
    expect(() => rt.invoke(Function, ['return 1'])).toThrow('expressions cannot reach global objects');
  });

  it('rt.opt stops at null and undefined only', () => {
    expect(rt.opt(null, () => 1)).toBeUndefined();
    expect(rt.opt(undefined, () => 1)).toBeUndefined();
    expect(rt.opt(0, (v) => v)).toBe(0);
    expect(rt.opt('', (v) => `${v}!`)).toBe('!');
  });

  it('rt.key converts like JavaScript and refuses forbidden names', () => {
    expect(rt.key(1)).toBe('1');
    expect(rt.key(null)).toBe('null');
    expect(() => rt.key('__proto__')).toThrow('`__proto__` cannot be read');
  });
});
