import { describe, expect, it } from 'vitest';
import { expr, openPage } from '../test/harness';
import { AppRuntime } from './app';
import { PageRuntime } from './page';
import type { Path } from './paths';

const greeting = { $i18n: { en: 'Welcome', 'zh-CN': '欢迎' } };

describe('setLocale', () => {
  it('switches i18n texts and `locale` in expressions, as one change at the path ["locale"]', async () => {
    const { page, app } = openPage({ state: { seen: { initial: '' } } });
    const changes: Path[][] = [];
    page.onChange((paths) => changes.push(paths));
    expect(page.text(greeting)).toBe('Welcome');
    const outcome = await page.run([
      { type: 'setLocale', locale: 'zh-CN' },
      { type: 'setState', name: 'seen', value: expr('locale') },
    ]);
    expect(outcome).toEqual({ ok: true, result: 'zh-CN' });
    expect(app.locale).toBe('zh-CN');
    expect(page.text(greeting)).toBe('欢迎');
    expect(page.store.get(['state', 'seen'])).toBe('zh-CN');
    expect(changes[0]).toEqual([['locale']]);
  });

  it('refuses a locale the app does not have, naming the ones it has', async () => {
    const { page, app, device } = openPage({});
    const outcome = await page.run([{ type: 'setLocale', locale: expr("'fr'") }]);
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: 'unknown-locale', message: `"fr" is not one of the app's locales (en, zh-CN)` },
    });
    expect(device.toasts()).toEqual([`"fr" is not one of the app's locales (en, zh-CN)`]);
    expect(app.locale).toBe('en');
  });

  it('is remembered on the device: the next start shows the chosen locale, over the build one', async () => {
    const { page, app, device } = openPage({});
    await page.run([{ type: 'setLocale', locale: 'zh-CN' }]);
    const again = new AppRuntime(app.descriptor, {
      platform: device.platform,
      services: app.services,
      locale: 'en',
    });
    expect(again.locale).toBe('zh-CN');
    expect(new PageRuntime(again, { id: 'home', path: '/' }).text(greeting)).toBe('欢迎');
    // a remembered locale the app no longer offers is ignored
    device.platform.storage.set('tessera.locale.test', 'fr');
    expect(new AppRuntime(app.descriptor, { platform: device.platform, services: app.services }).locale).toBe(
      'en',
    );
  });

  it('shows the validation messages already on screen in the new locale', async () => {
    const label = { $i18n: { en: 'Name', 'zh-CN': '姓名' } };
    const { page } = openPage({
      forms: { f: { id: 'f', fields: [{ name: 'name', label, required: true }] } },
    });
    expect(page.validateForm('f')).toEqual({ name: 'Name is required' });
    await page.run([{ type: 'setLocale', locale: 'zh-CN' }]);
    expect(page.formErrors('f')).toEqual({ name: '请填写姓名' });
  });
});
