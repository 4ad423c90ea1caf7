import { describe, expect, it } from 'vitest';
import { FormError, formOf, manifestOf } from './manifest-form';

describe('function settings form', () => {
  it('round-trips a manifest, schedules split out of the triggers', () => {
    const manifest = {
      name: 'book',
      description: 'Books a slot',
      timeoutMs: 5000,
      memoryMb: 32,
      triggers: [{ type: 'sdk' }, { type: 'schedule', cron: '0 8 * * *' }],
      env: { REGION: 'gz', URL: 'https://x.test/?a=b' },
      secrets: ['API_KEY'],
      allowedHosts: ['api.gov.test'],
      dependencies: { dayjs: '^1.11.0' },
    };
    const form = formOf(manifest);
    expect(form.schedules).toBe('0 8 * * *');
    expect(JSON.parse(form.triggers)).toEqual([{ type: 'sdk' }]);
    expect(manifestOf('book', form, manifest)).toEqual(manifest);
  });

  it('names the field and line at fault', () => {
    const form = formOf({ name: 'f' });
    expect(() => manifestOf('f', { ...form, env: 'A=1\nbroken' }, undefined)).toThrow(FormError);
    try {
      manifestOf('f', { ...form, env: 'A=1\nbroken' }, undefined);
    } catch (error) {
      expect(error).toMatchObject({ field: 'env', line: 2 });
    }
    expect(() => manifestOf('f', { ...form, triggers: '{"type":"sdk"}' }, undefined)).toThrow(
      'expected an array of trigger objects',
    );
  });

  it('leaves out empty optional fields', () => {
    const manifest = manifestOf('f', formOf({ name: 'f' }), undefined);
    expect(manifest).toEqual({ name: 'f', timeoutMs: 3000, memoryMb: 64, triggers: [{ type: 'sdk' }] });
  });
});
