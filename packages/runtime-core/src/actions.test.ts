import { describe, expect, it } from 'vitest';
import { expr, openPage } from '../test/harness';
import { ACTION_TYPES } from './actions';
import type { RuntimeAction } from './types';

describe('action engine', () => {
  it('implements every action type of schemas/action.schema.json', async () => {
    const { readFile } = await import('node:fs/promises');
    const schema = JSON.parse(
      await readFile(new URL('../../../schemas/action.schema.json', import.meta.url), 'utf8'),
    );
    expect([...ACTION_TYPES].sort()).toEqual([...schema.properties.type.enum].sort());
  });

  it('setState on page and app scope, with a path, and onSuccess sees event.result', async () => {
    const { page, app } = openPage(
      { state: { count: { initial: 1 }, form: { initial: { name: '' } } } },
      { state: { total: { initial: 0 } } },
    );
    const outcome = await page.run([
      { type: 'setState', name: 'count', value: expr('state.count + 1') },
      { type: 'setState', name: 'form', path: 'name', value: 'Ada' },
      {
        type: 'setState',
        scope: 'app',
        name: 'total',
        value: expr('state.count * 10'),
        onSuccess: [{ type: 'setState', name: 'count', value: expr('event.result + 1') }],
      },
    ]);
    expect(outcome.ok).toBe(true);
    expect(page.store.get(['state'])).toEqual({ count: 21, form: { name: 'Ada' } });
    expect(app.store.get(['app', 'total'])).toBe(20);
  });

  it('stops at the first failure, runs onError with event.error, or toasts without it', async () => {
    const { page, device } = openPage({ state: { log: { initial: '' } } });
    const failing: RuntimeAction = {
      type: 'callFunction',
      function: 'missing',
      onError: [{ type: 'setState', name: 'log', value: expr('event.error.message') }],
    };
    const outcome = await page.run([failing, { type: 'setState', name: 'log', value: 'not reached' }]);
    expect(outcome).toMatchObject({
      ok: false,
      error: { message: 'function missing not found', code: '404' },
    });
    expect(page.store.get(['state', 'log'])).toBe('function missing not found');
    expect(device.toasts()).toEqual([]);
    await page.run([{ type: 'callFunction', function: 'missing' }]);
    expect(device.toasts()).toEqual(['function missing not found']);
  });

  it('callFunction saves its result; runCode calls a code-block export', async () => {
    const { page } = openPage(
      { state: { sum: { initial: 0 }, label: { initial: '' } } },
      { code: { format: { money: (n: number) => `¥${n.toFixed(2)}` } } },
      { functions: { add: (data) => (data.a as number) + (data.b as number) } },
    );
    await page.run([
      { type: 'callFunction', function: 'add', data: { a: 2, b: expr('3') }, saveTo: { name: 'sum' } },
      {
        type: 'runCode',
        block: 'format',
        export: 'money',
        args: [expr('state.sum')],
        onSuccess: [{ type: 'setState', name: 'label', value: expr('event.result') }],
      },
    ]);
    expect(page.store.get(['state'])).toEqual({ sum: 5, label: '¥5.00' });
    const bad = await page.run([{ type: 'runCode', block: 'format', export: 'nope' }]);
    expect(bad).toMatchObject({ ok: false, error: { code: 'unknown-code' } });
  });

  it('navigate fills route params; navigateBack passes the delta; unknown pages fail', async () => {
    const { page, device } = openPage({});
    await page.run([
      { type: 'navigate', page: 'detail', params: { id: expr('"n 1"'), tab: 2 } },
      { type: 'navigateBack', delta: 2 },
    ]);
    expect(device.calls).toEqual([
      {
        type: 'navigate',
        page: 'detail',
        path: '/news/n%201',
        params: { id: 'n 1', tab: '2' },
        replace: false,
      },
      { type: 'navigateBack', delta: 2 },
    ]);
    expect(await page.run([{ type: 'navigate', page: 'detail' }])).toMatchObject({
      ok: false,
      error: { code: 'missing-param' },
    });
    expect(await page.run([{ type: 'navigate', page: 'ghost' }])).toMatchObject({
      ok: false,
      error: { code: 'unknown-page' },
    });
  });

  it('db actions insert, update and delete documents', async () => {
    const { page, backend } = openPage({ state: { id: { initial: '' } } });
    await page.run([
      {
        type: 'dbInsert',
        collection: 'todos',
        doc: { title: expr('"milk"') },
        onSuccess: [{ type: 'setState', name: 'id', value: expr('event.result._id') }],
      },
      { type: 'dbUpdate', collection: 'todos', id: expr('state.id'), set: { done: true } },
    ]);
    expect(backend.rows('todos')).toEqual([{ _id: 'id1', title: 'milk', done: true }]);
    await page.run([{ type: 'dbDelete', collection: 'todos', id: expr('state.id') }]);
    expect(backend.rows('todos')).toEqual([]);
    expect(await page.run([{ type: 'dbDelete', collection: 'todos', id: '' }])).toMatchObject({
      ok: false,
      error: { code: 'bad-id' },
    });
  });

  it('showToast resolves i18n text; showModal runs onConfirm or onCancel', async () => {
    const { page, device } = openPage({ state: { answer: { initial: '' } } });
    await page.run([
      { type: 'showToast', message: { $i18n: { en: 'Saved', 'zh-CN': '已保存' } }, icon: 'success' },
    ]);
    expect(device.calls[0]).toEqual({ type: 'toast', message: 'Saved', icon: 'success', duration: 1500 });
    const modal: RuntimeAction = {
      type: 'showModal',
      content: 'Delete?',
      onConfirm: [{ type: 'setState', name: 'answer', value: 'yes' }],
      onCancel: [{ type: 'setState', name: 'answer', value: 'no' }],
    };
    device.answerModal(false);
    await page.run([modal]);
    expect(page.store.get(['state', 'answer'])).toBe('no');
    device.answerModal(true);
    await page.run([modal]);
    expect(page.store.get(['state', 'answer'])).toBe('yes');
  });

  it('openUrl refuses script URLs whatever their spelling', async () => {
    const { page, device } = openPage({});
    await page.run([{ type: 'openUrl', url: 'https://example.com/a', target: 'blank' }]);
    expect(device.calls).toEqual([{ type: 'openUrl', url: 'https://example.com/a', target: 'blank' }]);
    for (const url of [
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,x',
    ]) {
      expect(await page.run([{ type: 'openUrl', url, onError: [] }])).toMatchObject({
        ok: false,
        error: { code: 'unsafe-url' },
      });
    }
  });

  it('uploadFile checks the size, uploads into the folder and saves the result', async () => {
    const { page, device } = openPage({ state: { file: { initial: null } } });
    device.chooseFile({ name: 'a.png', size: 10, filePath: '/tmp/a.png' });
    await page.run([{ type: 'uploadFile', folder: 'avatars', maxSizeMB: 1, saveTo: { name: 'file' } }]);
    expect(page.store.get(['state', 'file'])).toEqual({ fileID: 'cloud://avatars/a.png' });
    device.chooseFile({ name: 'b.png', size: 3 * 1024 * 1024 });
    expect(await page.run([{ type: 'uploadFile', maxSizeMB: 1 }])).toMatchObject({
      ok: false,
      error: { code: 'too-large' },
    });
    device.chooseFile(null);
    expect(await page.run([{ type: 'uploadFile' }])).toMatchObject({
      ok: false,
      error: { code: 'cancelled' },
    });
  });

  it('login and logout update auth', async () => {
    const { page, app } = openPage({});
    expect(
      await page.run([
        { type: 'login', method: 'password', credentials: { username: 'ada', password: 'bad' } },
      ]),
    ).toMatchObject({ ok: false });
    await page.run([
      { type: 'login', method: 'password', credentials: { username: 'ada', password: 'secret' } },
    ]);
    expect(app.store.get(['auth'])).toMatchObject({ signedIn: true, uid: 'u1', username: 'ada' });
    expect(page.scope().auth).toMatchObject({ signedIn: true });
    await page.run([{ type: 'logout' }]);
    expect(app.store.get(['auth', 'signedIn'])).toBe(false);
  });

  it('branch runs then or else and reports an inner failure once', async () => {
    const { page, device } = openPage({ state: { n: { initial: 5 }, size: { initial: '' } } });
    const branch: RuntimeAction = {
      type: 'branch',
      condition: expr('state.n > 3'),
      // biome-ignore lint/suspicious/noThenProperty: `then` is the branch action's field name
      then: [{ type: 'setState', name: 'size', value: 'big' }],
      else: [{ type: 'setState', name: 'size', value: 'small' }],
    };
    await page.run([branch]);
    expect(page.store.get(['state', 'size'])).toBe('big');
    page.setState('page', 'n', undefined, 1);
    await page.run([branch]);
    expect(page.store.get(['state', 'size'])).toBe('small');
    const failing: RuntimeAction = {
      type: 'branch',
      condition: true,
      // biome-ignore lint/suspicious/noThenProperty: `then` is the branch action's field name
      then: [{ type: 'callFunction', function: 'nope' }],
    };
    await page.run([failing]);
    expect(device.toasts()).toEqual(['function nope not found']);
  });

  it('an expression error fails the action with its message', async () => {
    const { page } = openPage({ state: { a: { initial: null } } });
    const outcome = await page.run([
      { type: 'setState', name: 'a', value: expr('state.a.b.c'), onError: [] },
    ]);
    expect(outcome.ok).toBe(false);
  });
});

describe('persisted app state', () => {
  it('is saved on change and read back by the next launch', async () => {
    const first = openPage({}, { state: { cart: { initial: 0, persist: true }, temp: { initial: 1 } } });
    await first.page.run([
      { type: 'setState', scope: 'app', name: 'cart', value: 3 },
      { type: 'setState', scope: 'app', name: 'temp', value: 9 },
    ]);
    const storage = first.device.platform.storage;
    expect(storage.get('tessera.state.test.cart')).toBe('3');
    expect(storage.get('tessera.state.test.temp')).toBeNull();
    const { AppRuntime } = await import('./app');
    const again = new AppRuntime(first.app.descriptor, {
      platform: first.device.platform,
      services: first.backend.services,
    });
    expect(again.store.get(['app'])).toEqual({ cart: 3, temp: 1 });
  });
});
