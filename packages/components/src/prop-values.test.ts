import { describe, expect, it } from 'vitest';
import { createAjv } from '../test/ajv';
import { literalSchemaOf, valueSchemaOf } from './prop-values';
import type { PropMeta } from './types';

const ajv = createAjv();
const title = { 'zh-CN': '属性', en: 'Prop' };
const prop = (extra: Partial<PropMeta> & Pick<PropMeta, 'type'>): PropMeta => ({
  title,
  description: title,
  ...extra,
});
const accepts = (p: PropMeta, value: unknown) => ajv.validate(valueSchemaOf(p), value);

describe('prop value schemas', () => {
  it('accepts translated text and bindings for text props', () => {
    const text = prop({ type: 'text' });
    expect(accepts(text, '你好')).toBe(true);
    expect(accepts(text, { $i18n: { 'zh-CN': '你好', en: 'Hello' } })).toBe(true);
    expect(accepts(text, { $expr: 'state.name' })).toBe(true);
    expect(accepts(text, 42)).toBe(false);
    expect(accepts(text, { $expr: '' })).toBe(false);
  });

  it('refuses bindings where a prop is not bindable, and literals for expression props', () => {
    expect(accepts(prop({ type: 'string', bindable: false }), { $expr: 'state.x' })).toBe(false);
    expect(accepts(prop({ type: 'expression' }), { $expr: 'state.x' })).toBe(true);
    expect(accepts(prop({ type: 'expression' }), 'state.x')).toBe(false);
  });

  it('allows only safe link schemes', () => {
    const url = prop({ type: 'url' });
    for (const ok of [
      'https://gov.cn/a?b=1',
      'HTTP://x.cn',
      'mailto:a@b.cn',
      'tel:12345',
      '/notices/1',
      'detail?id=2',
      '#top',
      '',
    ])
      expect(accepts(url, ok), ok).toBe(true);
    for (const bad of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,x',
      'vbscript:x',
    ])
      expect(accepts(url, bad), bad).toBe(false);
  });

  it('checks enum values, colours, dates and the narrowing schema', () => {
    const size = prop({
      type: 'enum',
      options: [
        { value: 'small', label: title },
        { value: 'large', label: title },
      ],
    });
    expect(ajv.validate(literalSchemaOf(size), 'small')).toBe(true);
    expect(ajv.validate(literalSchemaOf(size), 'huge')).toBe(false);
    const color = prop({ type: 'color' });
    for (const ok of ['#fff', '#1677ff', 'rgba(0, 0, 0, 0.5)', 'red', 'var(--primary)'])
      expect(accepts(color, ok), ok).toBe(true);
    expect(accepts(color, 'url(javascript:x)')).toBe(false);
    const date = prop({ type: 'date' });
    for (const ok of ['2024-05-01', '2024-05', '2024-05-01T09:30:00+08:00', '09:30', ''])
      expect(accepts(date, ok), ok).toBe(true);
    expect(accepts(date, '5/1/2024')).toBe(false);
    const span = prop({ type: 'number', schema: { type: 'integer', minimum: 0, maximum: 24 } });
    expect(accepts(span, 12)).toBe(true);
    expect(accepts(span, 25)).toBe(false);
    expect(accepts(span, 1.5)).toBe(false);
  });
});
