import { describe, expect, it } from 'vitest';
import { cleanField, entryPayload, errorsByField, formValues, type Model } from './model';

const model: Model = {
  name: 'article',
  locales: ['zh-CN', 'en'],
  fields: [
    { name: 'title', type: 'text', required: true, localised: true },
    { name: 'views', type: 'number' },
    { name: 'extra', type: 'json' },
    { name: 'no', type: 'autoNumber' },
  ],
};

describe('content form helpers', () => {
  it('maps server pointers to fields, unique-index clashes included', () => {
    expect(
      errorsByField([
        { pointer: '/fields/title', message: "/fields/title: must have required property 'title'" },
        { pointer: '/fields/title/en', message: '/fields/title/en: must be string' },
        { pointer: '/_u_slug', message: 'already taken' },
        { pointer: '', message: 'something else' },
      ]),
    ).toEqual({
      title: ["must have required property 'title'", 'en: must be string'],
      slug: ['already taken'],
      '': ['something else'],
    });
  });

  it('builds the fields body: empties left out on create, cleared with null on update, JSON parsed', () => {
    const form = { title: { 'zh-CN': '你好', en: '' }, views: null, extra: '{"a":1}', no: 7 };
    expect(entryPayload(model, form, true)).toEqual({
      fields: { title: { 'zh-CN': '你好' }, extra: { a: 1 } },
      problems: {},
    });
    expect(entryPayload(model, form, false).fields).toEqual({
      title: { 'zh-CN': '你好' },
      views: null,
      extra: { a: 1 },
    });
    const broken = entryPayload(model, { ...form, extra: '{' }, true);
    expect(Object.keys(broken.problems)).toEqual(['extra']);
    expect(broken.fields.extra).toBeUndefined();
  });

  it('turns stored JSON values into text for the form and back', () => {
    const form = formValues(model, { _id: 'x', title: { en: 'Hi' }, extra: [1, 2] });
    expect(form.extra).toBe('[\n  1,\n  2\n]');
    expect(entryPayload(model, form, false).fields.extra).toEqual([1, 2]);
  });

  it('keeps only the options a field type has', () => {
    expect(
      cleanField({
        name: 'tags',
        type: 'text',
        options: ['a'],
        model: 'x',
        unique: true,
        localised: true,
        required: false,
        validation: { maxLength: 10, pattern: undefined },
        title: { en: '', 'zh-CN': '标签' },
      }),
    ).toEqual({
      name: 'tags',
      type: 'text',
      localised: true,
      validation: { maxLength: 10 },
      title: { 'zh-CN': '标签' },
    });
  });
});
