// The service hall template end to end: a real server creates an app from the template folder,
// the app's web build runs in Chromium against it (catalogue, search, service detail, sign-in,
// booking, my appointments, progress lookup), and the booking function holds its capacity
// when two people ask for the last place at the same moment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, type Json, type TestServer } from '../../../apps/server/test/harness';
import { watchedPage } from '../../../packages/compiler/test/browser';
import type { Browser, Page, TemplateApp } from '../../test-support';
import { startTemplateApp, userAccount } from '../../test-support';

let app: TemplateApp;
let server: TestServer;
let appId: string;
let browser: Browser;

/** A fresh end user of the app (username + password), signed in over the API. */
const endUser = () => userAccount(app, { prefix: 'citizen' });

/** The next working day after today in China time (where the hall is), as YYYY-MM-DD. */
function nextWorkingDay(after = 1): string {
  const day = new Date(Date.now() + 8 * 3600_000);
  day.setUTCDate(day.getUTCDate() + after);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

const book = (user: Client, data: Json) => user.post(`/app-api/${appId}/functions/book`, { data });

beforeAll(async () => {
  // Six sandboxes, so that six bookings of one slot really run at the same time.
  app = await startTemplateApp({ template: 'service-hall', name: '政务服务大厅', functionWorkers: 6 });
  ({ server, appId, browser } = app);
}, 90_000);

afterAll(() => app?.close());

const open = (page: Page, path: string) => app.open(page, path);

describe('the template installs', () => {
  it('publishes the catalogue, seeds the schedules and deploys the functions', async () => {
    const services = await server.anonymous.get(`/app-api/${appId}/cms/service?limit=100`);
    expect(services.status, services.text).toBe(200);
    expect(services.body.data.length).toBe(8);
    const categories = await server.anonymous.get(`/app-api/${appId}/cms/category`);
    expect(categories.body.data.map((c: Json) => c.code).sort()).toEqual([
      'business',
      'household',
      'property',
      'social',
      'vehicle',
    ]);
    const fns = await server.admin.get(`/api/apps/${appId}/functions`);
    expect(fns.body.functions.map((f: Json) => f.name)).toEqual(['book', 'listSlots', 'lookupProgress']);
  });
});

describe('a citizen in the browser', () => {
  it('browses, searches, opens a service, books a time, finds it in my appointments and looks up its progress', async () => {
    const citizen = await endUser();
    const { page, problems, close } = await watchedPage(browser);
    try {
      // Sign in first (the "me" tab), as the booking page asks.
      await open(page, '/me');
      await page.getByLabel('用户名').fill(citizen.username);
      await page.getByLabel('密码').fill(citizen.password);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByText(`用户 / User: ${citizen.username}`).waitFor();

      // The catalogue, from the CMS.
      await open(page, '/');
      await page.getByText('居民身份证换领').waitFor();
      await page.getByText('共 8 项 / services').waitFor();
      // Search narrows it.
      await page.getByLabel('搜索事项').fill('驾驶证');
      await page.getByText('共 1 项 / services').waitFor();
      expect(await page.getByText('驾驶证期满换证').count()).toBe(1);
      expect(await page.getByText('居民身份证换领').count()).toBe(0);
      // A category narrows it too.
      await page.getByLabel('搜索事项').fill('');
      await page.getByLabel('企业开办').check();
      await page.getByText('共 2 项 / services').waitFor();
      expect(await page.getByText('发票申领').count()).toBe(1);

      // The service's detail page lists the materials to bring.
      await page.getByText('营业执照办理').click();
      await page.getByRole('heading', { name: '营业执照办理' }).waitFor();
      await page.getByText('2. 公司章程').waitFor();
      await page.getByRole('button', { name: '预约办理' }).click();

      // Booking: a day, a time with places left, name and phone.
      const day = nextWorkingDay();
      await page.getByLabel('办理日期').fill(day);
      await page.getByLabel(/10:00 余 3 /).check();
      await page.getByLabel('姓名').fill('张三');
      await page.getByLabel('手机号码').fill('13912345678');
      await page.getByRole('button', { name: '提交预约' }).click();
      const referenceText = await page
        .getByText(/^预约编号 \/ Reference: SH-/)
        .textContent({ timeout: 10_000 });
      const reference = referenceText?.replace('预约编号 / Reference: ', '').trim() ?? '';
      expect(reference).toMatch(new RegExp(`^SH-${day.replace(/-/g, '')}-[A-Z0-9]{6}$`));

      // My appointments shows it.
      await page.getByRole('button', { name: '查看我的预约' }).click();
      await page.getByText(`预约编号 / Reference: ${reference}`).waitFor();
      await page.getByText(`${day} 10:00`).waitFor();

      // Progress by reference number (works for anyone with the number).
      await open(page, '/progress');
      await page.getByLabel('预约编号').fill(reference);
      await page.getByRole('button', { name: '查询' }).click();
      await page.getByText('当前状态 / Status: 已预约 / Booked').waitFor();
      await page.getByLabel('预约编号').fill('SH-20990101-NOSUCH');
      await page.getByRole('button', { name: '查询' }).click();
      await page.getByText('未找到该编号，请核对后重试。').waitFor();

      expect(problems.errors).toEqual([]);
      expect(problems.csp).toEqual([]);
    } finally {
      await close();
    }

    // The rules keep appointments private: another user sees none of them, the owner sees theirs.
    const other = await endUser();
    const theirs = await other.client.post(`/app-api/${appId}/db/appointments/query`, {});
    expect(theirs.status, theirs.text).toBe(200);
    expect(theirs.body.data).toEqual([]);
    const own = await citizen.client.post(`/app-api/${appId}/db/appointments/query`, {});
    expect(own.body.data.map((a: Json) => a.service)).toEqual(['BIZ-LICENSE']);
    // Nobody writes appointments directly: only the book function does.
    const forged = await other.client.post(`/app-api/${appId}/db/appointments/docs`, {
      data: { status: 'done' },
    });
    expect(forged.status).toBe(403);
  }, 60_000);
});

describe('in English', () => {
  it('has every text of the app in zh-CN and en', async () => {
    const schema = (await server.admin.get(`/api/apps/${appId}`)).body.schema;
    const missing: string[] = [];
    const walk = (value: unknown, pointer: string) => {
      if (Array.isArray(value)) {
        for (const [i, item] of value.entries()) walk(item, `${pointer}/${i}`);
      } else if (value && typeof value === 'object') {
        const texts = (value as { $i18n?: Record<string, string> }).$i18n;
        if (texts && !(texts['zh-CN'] && texts.en)) missing.push(pointer);
        for (const [key, child] of Object.entries(value)) walk(child, `${pointer}/${key}`);
      }
    };
    walk(schema, '');
    expect(missing).toEqual([]);
  });

  it('serves the catalogue in English from the CMS', async () => {
    const reply = await server.anonymous.get(
      `/app-api/${appId}/cms/service?locale=en&filter.code=BIZ-LICENSE`,
    );
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.data[0]).toMatchObject({
      title: 'Registering a business licence',
      materials: expect.arrayContaining(['Articles of association']),
      fee: 'Free',
    });
  });
});

describe('capacity', () => {
  it('gives the last place to exactly one of two simultaneous bookings', async () => {
    const slot = { service: 'ID-RENEW', date: nextWorkingDay(2), time: '15:00' };
    const form = (n: number) => ({ ...slot, name: `市民${n}`, phone: `1390000000${n}` });
    // Capacity is 3: two places go first, one by one.
    for (const n of [1, 2]) {
      const { client } = await endUser();
      const reply = await book(client, form(n));
      expect(reply.status, reply.text).toBe(200);
      expect(reply.body.result).toMatchObject({ ok: true, remaining: 3 - n });
    }
    const [a, b] = await Promise.all([endUser(), endUser()]);
    const replies = await Promise.all([book(a.client, form(3)), book(b.client, form(4))]);
    expect(replies.map((r) => r.status)).toEqual([200, 200]);
    const outcomes = replies.map((r) => r.body.result);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok)).toEqual([expect.objectContaining({ ok: false, code: 'full' })]);

    // The store agrees: no place left, three appointments for the slot.
    const slotId = `ID-RENEW_${slot.date}_1500`;
    const stored = await server.admin.post(`/api/apps/${appId}/db/data/slots/query`, {
      filter: { _id: slotId },
    });
    expect(stored.body.data[0]).toMatchObject({ remaining: 0, capacity: 3 });
    const count = await server.admin.post(`/api/apps/${appId}/db/data/appointments/count`, {
      filter: { slot: slotId },
    });
    expect(count.body.total).toBe(3);
    const slots = await a.client.post(`/app-api/${appId}/functions/listSlots`, {
      data: { service: 'ID-RENEW', date: slot.date },
    });
    expect(slots.body.result.find((s: Json) => s.time === '15:00')).toMatchObject({
      remaining: 0,
      full: true,
    });
  }, 30_000);

  it('never gives more places than the capacity to a burst of simultaneous bookings', async () => {
    // For each of the six times of a day, six people ask at once; each slot has three places.
    // (A booking function that reads the places left and then writes them overbooks most of these.)
    const people = await Promise.all([1, 2, 3, 4, 5, 6].map(() => endUser()));
    const date = nextWorkingDay(4);
    const times = ['09:00', '10:00', '11:00', '14:00', '15:00', '16:00'];
    const granted: number[] = [];
    for (const time of times) {
      const replies = await Promise.all(
        people.map((person, n) =>
          book(person.client, {
            service: 'HUKOU-MOVE',
            date,
            time,
            name: `市民${n}`,
            phone: `1380000000${n}`,
          }),
        ),
      );
      expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200, 200, 200, 200]);
      granted.push(replies.filter((reply) => reply.body.result.ok === true).length);
    }
    expect(granted).toEqual([3, 3, 3, 3, 3, 3]);
    const count = await server.admin.post(`/api/apps/${appId}/db/data/appointments/count`, {
      filter: { service: 'HUKOU-MOVE', date },
    });
    expect(count.body.total).toBe(18);
  }, 60_000);

  it('refuses signed-out callers, days off, times not in the schedule and a second booking of the same slot', async () => {
    const anonymous = new Client(server.url);
    const signedOut = await book(anonymous, { service: 'ID-RENEW', date: nextWorkingDay(), time: '09:00' });
    expect(signedOut.body.result).toMatchObject({ ok: false, code: 'signed-out' });
    const { client } = await endUser();
    const person = { name: '李四', phone: '13700000000' };
    const sunday = new Date(`${nextWorkingDay()}T00:00:00Z`);
    while (sunday.getUTCDay() !== 0) sunday.setUTCDate(sunday.getUTCDate() + 1);
    const dayOff = await book(client, {
      ...person,
      service: 'ID-RENEW',
      date: sunday.toISOString().slice(0, 10),
      time: '09:00',
    });
    expect(dayOff.body.result).toMatchObject({ ok: false, code: 'unavailable' });
    const oddTime = await book(client, {
      ...person,
      service: 'ID-RENEW',
      date: nextWorkingDay(),
      time: '12:30',
    });
    expect(oddTime.body.result).toMatchObject({ ok: false, code: 'unavailable' });
    const walkIn = await book(client, {
      ...person,
      service: 'PROPERTY-CERT',
      date: nextWorkingDay(),
      time: '09:00',
    });
    expect(walkIn.body.result).toMatchObject({ ok: false, code: 'unknown-service' });
    const once = { ...person, service: 'DRIVER-RENEW', date: nextWorkingDay(3), time: '11:00' };
    expect((await book(client, once)).body.result).toMatchObject({ ok: true });
    expect((await book(client, once)).body.result).toMatchObject({ ok: false, code: 'duplicate' });
  }, 30_000);
});
