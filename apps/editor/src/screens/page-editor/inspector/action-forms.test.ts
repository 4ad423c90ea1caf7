import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogue } from '@tessera/components';
import { type AppSchema, validateApp } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { normalize } from '../../../store/normalize';
import { ACTION_FORMS, ACTION_TYPES, newAction } from './action-forms';

const root = join(import.meta.dirname, '../../../../../..');
const showcase = JSON.parse(readFileSync(join(root, 'templates/showcase/app.json'), 'utf8')) as AppSchema;

describe('action forms', () => {
  it('label every action type of the schema in zh-CN and en', async () => {
    const schema = JSON.parse(readFileSync(join(root, 'schemas/action.schema.json'), 'utf8'));
    expect([...ACTION_TYPES].sort()).toEqual([...schema.properties.type.enum].sort());
    for (const type of ACTION_TYPES) {
      const form = ACTION_FORMS[type];
      expect(form.label['zh-CN'] && form.label.en, type).toBeTruthy();
      for (const field of form.fields)
        expect(field.label['zh-CN'] && field.label.en, field.name).toBeTruthy();
    }
  });

  it('a new setLocale switches to a locale of the app other than the default, and is valid there', () => {
    const app = structuredClone(showcase);
    app.locales = { default: 'zh-CN', supported: ['zh-CN', 'en'] };
    const doc = normalize(app);
    const action = newAction('setLocale', doc, doc.pages[0]?.id);
    expect(action).toEqual({ type: 'setLocale', locale: 'en' });
    const root = app.pages[0]!.root;
    root.children = [
      ...(root.children ?? []),
      { id: 'switch_language', component: 'Button', props: { text: 'English' }, events: { tap: [action] } },
    ];
    expect(validateApp(app, { catalogue }).errors).toEqual([]);
  });
});
