import { describe, expect, it } from 'vitest';
import { components } from './catalogue';
import { getComponent } from './index';
import { listComponents, searchComponents } from './search';

const names = (list: { name: string }[]) => list.map((m) => m.name);

describe('searchComponents', () => {
  it('finds by Chinese title, exact match first', () => {
    expect(names(searchComponents('按钮', 'zh-CN'))[0]).toBe('Button');
    expect(names(searchComponents('输入', 'zh-CN')).slice(0, 3)).toEqual([
      'Input',
      'Textarea',
      'NumberInput',
    ]);
    expect(names(searchComponents('二维码', 'zh-CN'))).toEqual(['QRCode']);
  });

  it('finds by English title and name, case-insensitively', () => {
    expect(names(searchComponents('Button', 'en'))[0]).toBe('Button');
    expect(names(searchComponents('qr', 'en'))[0]).toBe('QRCode');
    expect(names(searchComponents('tab', 'en'))).toEqual(
      expect.arrayContaining(['Tabs', 'TabPane', 'TabBar']),
    );
  });

  it('falls back to the other locale and folds full-width input', () => {
    expect(names(searchComponents('button', 'zh-CN'))[0]).toBe('Button');
    expect(names(searchComponents('按钮', 'en'))[0]).toBe('Button');
    expect(names(searchComponents('ＱＲ', 'zh-CN'))[0]).toBe('QRCode');
  });

  it('requires every word to match', () => {
    expect(names(searchComponents('date picker', 'en'))).toEqual(['DatePicker']);
    expect(names(searchComponents('日期 选择', 'zh-CN'))[0]).toBe('DatePicker');
    expect(searchComponents('按钮 轮播 表格', 'zh-CN')).toEqual([]);
  });

  it('lists everything for an empty query and nothing for nonsense', () => {
    expect(searchComponents('  ', 'en')).toHaveLength(components.length);
    expect(searchComponents('zzqqxx', 'en')).toEqual([]);
  });
});

describe('listComponents', () => {
  it('filters by category and keeps palette order', () => {
    const form = names(listComponents({ category: 'form' }));
    expect(form[0]).toBe('Form');
    expect(form).toEqual(expect.arrayContaining(['Input', 'Select', 'Upload', 'DatePicker']));
    expect(form).not.toContain('Button');
    for (const meta of listComponents({ category: 'layout' })) expect(meta.category).toBe('layout');
  });

  it('filters by target', () => {
    expect(listComponents({ target: 'mp' }).every((m) => m.targets.includes('mp'))).toBe(true);
    expect(names(listComponents({ target: 'mp' }))).toContain('QRCode');
    expect(listComponents()).toHaveLength(components.length);
  });
});

describe('getComponent', () => {
  it('returns metadata by name and undefined for anything else', () => {
    expect(getComponent('Button')?.title['zh-CN']).toBe('按钮');
    expect(getComponent('button')).toBeUndefined();
    expect(getComponent('toString')).toBeUndefined();
    expect(getComponent('__proto__')).toBeUndefined();
  });
});
