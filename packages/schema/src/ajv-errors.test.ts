import { describe, expect, it } from 'vitest';
import { translateAjvErrors } from './ajv-errors';
import * as validators from './generated/validators.js';

/** Validates with a precompiled validator and returns the translated issues as `pointer: message`. */
function issues(validate: (d: unknown) => boolean, data: unknown): string[] {
  const fn = validate as typeof validators.node;
  if (fn(data)) return [];
  return translateAjvErrors(fn.errors ?? [], data).map((i) => `${i.pointer}: ${i.message}`);
}

describe('translateAjvErrors', () => {
  it('says what a value wrapper expected instead of listing failed branches', () => {
    expect(issues(validators.node, { id: 'a', component: 'Text', if: 3 })).toEqual([
      '/if: expected true/false or {"$expr": ...}, got a number',
    ]);
    expect(
      issues(validators.page, { id: 'p', path: '/', title: 7, root: { id: 'r', component: 'Page' } }),
    ).toEqual(['/title: expected text, {"$i18n": {...}} or {"$expr": ...}, got a number']);
  });

  it('reports the inside of a malformed wrapper, also nested in literal lists and objects', () => {
    expect(issues(validators.value, { list: [1, { deep: { $expr: '' } }] })).toEqual([
      '/list/1/deep/$expr: the expression must not be empty',
    ]);
    expect(issues(validators.value, { $i18n: { 'zh-CN': 'x', EN: 'y' } })).toEqual([
      '/$i18n/EN: "EN" is not a locale tag such as zh-CN or en',
    ]);
    expect(issues(validators.value, { $i18n: {} })).toEqual(['/$i18n: needs at least one translation']);
  });

  it('uses the discriminator: one message about the action type, none about the other 17 kinds', () => {
    expect(issues(validators.action, { type: 'jump' })).toEqual([
      expect.stringMatching(/^\/type: unknown type "jump"; expected one of setState, navigate, /),
    ]);
    expect(issues(validators.action, { page: 'x' })).toEqual([': missing required property "type"']);
    expect(issues(validators.action, { type: 'navigate', page: 3 })).toEqual([
      '/page: expected text, got a number',
    ]);
  });

  it('points at an unknown property itself and at the holder of a missing one', () => {
    expect(issues(validators.node, { id: 'a', compnent: 'Text' })).toEqual([
      ': missing required property "component"',
      '/compnent: unknown property "compnent"',
    ]);
  });

  it('names the bad key of a map and the later duplicate of a list', () => {
    expect(issues(validators.state, { 'my var': { type: 'string' } })).toEqual([
      expect.stringContaining('/my var: "my var" is not allowed as a name here'),
    ]);
  });

  it('picks the branch of the right type when it fails deeper', () => {
    expect(issues(validators.query, { type: 'http', url: 'ftp://x' })).toEqual([
      '/url: "ftp://x" is not an http(s) address or a path starting with /',
    ]);
    expect(issues(validators.query, { type: 'collection', collection: 'a', limit: 0 })).toEqual([
      '/limit: must be at least 1, got 0',
    ]);
  });
});
