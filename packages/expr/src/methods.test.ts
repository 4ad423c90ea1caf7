import { describe, expect, it } from 'vitest';
import { ALLOWED_METHODS } from './methods';
import { FORBIDDEN_KEYS, MUTATING_METHODS } from './names';

const PROTOTYPES: Record<keyof typeof ALLOWED_METHODS, object> = {
  array: Array.prototype,
  string: String.prototype,
  number: Number.prototype,
  boolean: Boolean.prototype,
  date: Date.prototype,
};

describe('allow-listed methods', () => {
  it.each(Object.keys(ALLOWED_METHODS) as (keyof typeof ALLOWED_METHODS)[])(
    '%s methods exist and are safe names',
    (type) => {
      for (const name of ALLOWED_METHODS[type]) {
        expect(typeof (PROTOTYPES[type] as Record<string, unknown>)[name], `${type}.${name}`).toBe(
          'function',
        );
        expect(FORBIDDEN_KEYS.has(name)).toBe(false);
        expect(MUTATING_METHODS.has(name)).toBe(false);
      }
    },
  );
});
