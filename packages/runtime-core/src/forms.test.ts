import { describe, expect, it } from 'vitest';
import { expr, openPage } from '../test/harness';
import type { FormDescriptor } from './types';

const signup: FormDescriptor = {
  id: 'signup',
  fields: [
    { name: 'name', label: { $i18n: { en: 'Name', 'zh-CN': '姓名' } }, required: true },
    { name: 'phone', label: 'Phone', inputType: 'tel', required: true },
    { name: 'code', label: 'Code', pattern: '^\\d{6}$', errorMessage: 'Six digits please' },
  ],
  initialValues: { name: 'Ada' },
  events: { submit: [{ type: 'setState', name: 'sent', value: expr('event.detail.values') }] },
};

describe('forms', () => {
  it('starts from the initial values and validates required, format and pattern', async () => {
    const { page } = openPage({ forms: { signup }, state: { sent: { initial: null } } });
    expect(page.formValues('signup')).toEqual({ name: 'Ada', phone: null, code: null });
    const outcome = await page.run([{ type: 'validateForm', form: 'signup', onError: [] }]);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid', message: 'Phone is required' } });
    await page.setField('signup', 'phone', '12');
    await page.setField('signup', 'code', 'abc');
    expect(page.validateForm('signup')).toEqual({
      phone: 'Phone is not in the expected format',
      code: 'Six digits please',
    });
    await page.setField('signup', 'phone', '13800138000');
    expect(page.formErrors('signup')).toEqual({ code: 'Six digits please' });
  });

  it('submitForm saves into a collection and runs the submit event with the values', async () => {
    const { page, backend } = openPage({ forms: { signup }, state: { sent: { initial: null } } });
    await page.setField('signup', 'phone', '13800138000');
    const outcome = await page.run([{ type: 'submitForm', form: 'signup', collection: 'signups' }]);
    expect(outcome.ok).toBe(true);
    expect(backend.rows('signups')).toEqual([{ _id: 'id1', name: 'Ada', phone: '13800138000', code: null }]);
    expect(page.store.get(['state', 'sent'])).toEqual({ name: 'Ada', phone: '13800138000', code: null });
    expect(page.scope({ form: 'signup' }).form).toMatchObject({ phone: '13800138000' });
  });

  it('an invalid submit runs the invalid event and saves nothing', async () => {
    const invalid = [{ type: 'setState', name: 'sent', value: expr('event.detail.errors') }];
    const { page, backend, device } = openPage({
      forms: { signup: { ...signup, events: { invalid } } },
      state: { sent: { initial: null } },
    });
    const outcome = await page.run([{ type: 'submitForm', form: 'signup', collection: 'signups' }]);
    expect(outcome.ok).toBe(false);
    expect(backend.rows('signups')).toEqual([]);
    expect(page.store.get(['state', 'sent'])).toEqual({ phone: 'Phone is required' });
    expect(device.toasts()).toEqual(['Phone is required']);
  });
});
