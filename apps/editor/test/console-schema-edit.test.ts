import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collectStrings, setAt } from '../src/screens/settings/schema-edit';

const blank = JSON.parse(readFileSync(new URL('../../../templates/blank/app.json', import.meta.url), 'utf8'));

describe('settings: editing the app schema', () => {
  it('setAt copies along the path, makes missing objects and removes undefined keys', () => {
    const doc = { theme: { radius: 4 }, pages: [{ id: 'a' }] };
    const next = setAt(doc, ['theme', 'colors', 'danger'], '#f00');
    expect(next).toEqual({ theme: { radius: 4, colors: { danger: '#f00' } }, pages: [{ id: 'a' }] });
    expect(doc.theme).toEqual({ radius: 4 });
    expect(next.pages).toBe(doc.pages);
    expect(setAt(next, ['theme', 'radius'], undefined).theme).toEqual({ colors: { danger: '#f00' } });
    expect(setAt(doc, ['pages', 0, 'id'], 'b').pages).toEqual([{ id: 'b' }]);
  });

  it('lists every i18n text with its pointer and a label naming the page and node', () => {
    const rows = collectStrings(blank);
    expect(rows.map((r) => [r.label, r.pointer])).toEqual([
      ['name', '/name'],
      ['home › title', '/pages/0/title'],
      ['home › home_welcome › text', '/pages/0/root/children/0/props/text'],
    ]);
    expect(rows[2]?.texts).toEqual({
      'zh-CN': '从这里开始搭建你的应用。',
      en: 'Start building your app here.',
    });
    const edited = setAt(blank, [...(rows[2]?.segments ?? []), '$i18n', 'en'], 'Hello');
    expect(collectStrings(edited)[2]?.texts.en).toBe('Hello');
  });
});
